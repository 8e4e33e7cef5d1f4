import { expect, test } from '@playwright/test'
import { expectNoAxeViolations } from './a11y'
import { signIn } from './steps'

const gp = {
  email: 'dr.okafor@demo.clinic',
  password: 'demo-care-team-2026',
  name: 'Dr Ngozi Okafor',
}

test.describe('clinician accounts', { tag: ['@accounts'] }, () => {
  test('a clinician signs in and sees their upcoming sessions and patients', async ({ page }) => {
    await page.goto('/')
    await expect(page).toHaveURL(/\/sign-in/)
    await page.getByLabel('Email address').fill(gp.email)
    await page.getByLabel('Password').fill(gp.password)
    await page.getByRole('button', { name: 'Sign in' }).click()

    const upcoming = page.getByRole('region', { name: 'Upcoming sessions' })
    await expect(upcoming).toBeVisible()
    await expect(upcoming.getByText('Joint session')).toBeVisible()
    await expect(upcoming.getByText('Case conference')).toBeVisible()
    const patients = page.getByRole('region', { name: 'My patients' })
    await expect(patients.getByRole('link', { name: /Riley Chen/ })).toBeVisible()

    await patients.getByRole('link', { name: /Riley Chen/ }).click()
    await expect(page.getByRole('heading', { level: 1, name: /Riley Chen/ })).toBeVisible()
    const team = page.getByRole('region', { name: 'Care team' })
    await expect(team.getByText('Jo Tanaka')).toBeVisible()
    await expect(team.getByText('Care navigator', { exact: false }).first()).toBeVisible()
  })

  test('a wrong password is explained without revealing which part was wrong', async ({ page }) => {
    await page.goto('/sign-in')
    await page.getByLabel('Email address').fill(gp.email)
    await page.getByLabel('Password').fill('not-the-password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('alert')).toContainText('do not match an active account')
    await expect(page).toHaveURL(/\/sign-in/)
  })

  test('signing out returns to the sign-in page and the home needs a new sign-in', async ({
    page,
  }) => {
    await signIn(page, gp.email)
    await page.getByRole('button', { name: 'Sign out' }).click()
    await expect(page).toHaveURL(/\/sign-in/)
    await page.goto('/')
    await expect(page).toHaveURL(/\/sign-in/)
  })

  test('a page, patient or session that is not there reads "not found" with a way home', async ({
    page,
  }) => {
    await signIn(page, gp.email)

    // A malformed id and an unknown one read the same: nothing tells whether a record exists.
    for (const [path, title] of [
      ['/patients/not-an-id', 'Patient not found'],
      ['/patients/00000000-0000-4000-8000-000000000000', 'Patient not found'],
      ['/sessions/00000000-0000-4000-8000-000000000000', 'Session not found'],
      ['/no-such-page', 'Page not found'],
    ] as const) {
      await page.goto(path)
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
      await expect(page.getByRole('link', { name: 'Go to the home page' })).toBeVisible()
    }
    await expectNoAxeViolations(page, 'session not found')
    await page.getByRole('link', { name: 'Go to the home page' }).click()
    await expect(page.getByRole('region', { name: 'Upcoming sessions' })).toBeVisible()
  })
})
