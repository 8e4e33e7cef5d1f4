// Screenshots at 390 px and 1280 px of the consent step, the call and an ending, for the README.
import { fileURLToPath } from 'node:url'
import { expect, test, type Page } from '@playwright/test'
import { patientReachesConsent, scheduleJointSession } from '../experience-steps'
import { closeContextsAfterEach, gp, joinFromDeviceCheck, person, riley, signIn } from '../steps'

closeContextsAfterEach()

const folder = fileURLToPath(new URL('.', import.meta.url))
const widths = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } }

async function shoot(page: Page, name: string, fullPage = false) {
  // Moving things (the clock, a video's frames) don't matter; a settled layout does.
  await page.evaluate(() => document.fonts.ready)
  await page.screenshot({ path: `${folder}${name}.png`, animations: 'disabled', fullPage })
}

for (const [size, viewport] of Object.entries(widths)) {
  test(`consent step, call and ending at ${viewport.width} px`, async ({ browser }) => {
    const host = await person(browser)
    await host.page.setViewportSize(widths.desktop)
    await signIn(host.page, gp.email)
    const link = await scheduleJointSession(host.page)
    const patient = await person(browser)
    await patient.page.setViewportSize(viewport)

    await patientReachesConsent(patient.page, link)
    const review = patient.page.getByRole('button', { name: 'Review my choices' })
    await expect(review).toBeVisible()
    await shoot(patient.page, `consent-${size}`, true)
    await review.click()
    await patient.page.getByLabel('Type your full name to sign').fill(riley.name)
    await shoot(patient.page, `consent-review-${size}`, true)
    await patient.page.getByRole('button', { name: 'Sign and agree' }).click()
    await expect(patient.page.getByRole('heading', { level: 1, name: 'Waiting room' })).toBeVisible()

    await host.page.getByRole('link', { name: 'Go to the session' }).click()
    await host.page.getByRole('link', { name: 'Join', exact: true }).click()
    await joinFromDeviceCheck(host.page)
    await host.page
      .getByRole('region', { name: /Waiting room/ })
      .getByRole('button', { name: `Admit ${riley.name}` })
      .click()
    const people = patient.page.getByRole('list', { name: 'People in the call' })
    await expect(people.getByRole('listitem', { name: gp.name, exact: true })).toBeVisible({
      timeout: 30_000,
    })
    await expect
      .poll(() =>
        patient.page.evaluate(() =>
          [...document.querySelectorAll<HTMLVideoElement>('video[data-remote="true"]')].some(
            (v) => v.readyState >= 2
          )
        )
      , { timeout: 30_000 })
      .toBe(true)
    await shoot(patient.page, `call-patient-${size}`)
    if (size === 'desktop') await shoot(host.page, 'call-host-desktop')

    await host.page.getByRole('button', { name: 'End session for everyone' }).click()
    await host.page.getByRole('button', { name: 'End session', exact: true }).click()
    await expect(
      patient.page.getByRole('heading', { level: 1, name: 'The session has ended' })
    ).toBeVisible()
    await shoot(patient.page, `ended-${size}`)
  })
}
