// Steps of the experience specs and the screenshot script: a phone, a joint session with Riley, the consent step.
import { expect, type Browser, type Page } from '@playwright/test'
import { copyLinkFor, joinFromDeviceCheck, person, riley, sexTherapist } from './steps'

/** A person on a 390 px phone, camera and microphone allowed. */
export async function phoneOf(browser: Browser) {
  const p = await person(browser)
  await p.page.setViewportSize({ width: 390, height: 844 })
  return p
}

/** Schedules a joint session with Riley (and Sam Lindqvist from the care team) and returns Riley's link. */
export async function scheduleJointSession(page: Page): Promise<string> {
  await page
    .getByRole('region', { name: 'My patients' })
    .getByRole('link', { name: /Riley Chen/ })
    .click()
  await page.getByRole('link', { name: 'Schedule a session' }).click()
  await page.getByRole('radio', { name: /^Joint session/ }).check()
  await page
    .getByRole('combobox', { name: `${sexTherapist.name} in this session` })
    .selectOption('invited')
  await page.getByRole('button', { name: 'Schedule session' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Session scheduled' })).toBeVisible()
  return copyLinkFor(page, riley.name)
}

/** The patient opens the link, confirms their date of birth and checks devices: the consent step is next. */
export async function patientReachesConsent(page: Page, link: string) {
  await page.goto(link)
  await page.getByLabel('Day').fill(riley.day)
  await page.getByLabel('Month').fill(riley.month)
  await page.getByLabel('Year').fill(riley.year)
  await page.getByRole('button', { name: 'Continue' }).click()
  await joinFromDeviceCheck(page)
  await expect(page.getByRole('heading', { level: 1, name: 'Before you join' })).toBeVisible()
}
