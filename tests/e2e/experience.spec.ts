// The experience of patients and clinicians (issue #12): every section loads after signing in, and more below.
import { expect, test } from '@playwright/test'
import { closeContextsAfterEach, gp, password } from './steps'

closeContextsAfterEach()

test.describe('experience', () => {
  test('every section of Home loads after signing in, though Home asked before sign-in @experience', async ({
    page,
  }) => {
    // Home's preload imports the patients' requests, then asks for the patients. On a busy machine that code can
    // arrive after the redirect to the sign-in page, so the 401 is cached there, and signing in must not keep it.
    let release: () => void = () => undefined
    const released = new Promise<void>((resolve) => (release = resolve))
    await page.route(/\/assets\/api-[^/]+\.js$/, async (route) => {
      const response = await route.fetch()
      if ((await response.text()).includes('my-patients')) await released
      await route.fulfill({ response })
    })
    const refused = page.waitForResponse(
      (res) => new URL(res.url()).pathname === '/api/patients' && res.status() === 401
    )
    await page.goto('/')
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
    release()
    await refused

    await page.getByLabel('Email address').fill(gp.email)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('region', { name: 'Upcoming sessions' })).toBeVisible()
    const patients = page.getByRole('region', { name: 'My patients' })
    await expect(patients.getByRole('link', { name: /Riley Chen/ })).toBeVisible()
    await expect(page).not.toHaveURL(/\/sign-in/)
  })
})
