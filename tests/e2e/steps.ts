// Shared steps of the end-to-end specs: demo people, one browser context per person, and the common UI paths.
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test'

export const password = 'demo-care-team-2026'
export const gp = { email: 'dr.okafor@demo.clinic', name: 'Dr Ngozi Okafor' }
export const sexTherapist = { email: 'sam.lindqvist@demo.clinic', name: 'Sam Lindqvist' }
export const riley = { name: 'Riley Chen', day: '14', month: '3', year: '1986' }

export type Person = { context: BrowserContext; page: Page }

const opened: Person[] = []

/** Call at the top of a spec: Playwright attaches hooks to the file that declares them, not to importers. */
export function closeContextsAfterEach() {
  test.afterEach(async () => {
    for (const p of opened.splice(0)) await p.context.close().catch(() => undefined)
  })
}

export const sessionIdOf = (url: string) => new URL(url).pathname.split('/').at(-1)!

/** One context per person, as people on separate machines, with the fake camera and microphone allowed. */
export async function person(browser: Browser): Promise<Person> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] })
  const page = await context.newPage()
  const p = { context, page }
  opened.push(p)
  return p
}

export async function signIn(page: Page, email: string) {
  await page.goto('/sign-in')
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('region', { name: 'Upcoming sessions' })).toBeVisible()
}

/** The personal link shown once in the result view, read from the page as a person would copy it. */
export async function copyLinkFor(page: Page, name: string): Promise<string> {
  const field = page.getByLabel(`Personal link for ${name}`)
  await expect(field).toBeVisible()
  await page.getByRole('button', { name: `Copy link for ${name}` }).click()
  await expect(page.getByText(/Copied\.|The link is selected/).first()).toBeVisible()
  const url = await field.inputValue()
  expect(url).toMatch(/\/join\/[0-9a-f-]{36}#.{20,}$/)
  return url
}

/** From the device check: join, as a host (straight into the call) or anyone else (the waiting room). */
export async function joinFromDeviceCheck(page: Page) {
  await expect(
    page.getByRole('heading', { level: 1, name: 'Check your camera and microphone' })
  ).toBeVisible()
  await expect(
    page.getByRole('status').filter({ hasText: 'the video service is reachable' })
  ).toBeVisible()
  await page.getByRole('button', { name: 'Join', exact: true }).click()
}

/** The call's controls: shown once someone is in the call. */
export const callControls = (page: Page) => page.getByRole('region', { name: 'Call controls' })

/** A host on the session page joins: the device check, then straight into the call. */
export async function hostJoinsTheCall(page: Page) {
  await page.getByRole('link', { name: 'Join', exact: true }).click()
  await joinFromDeviceCheck(page)
  await expect(callControls(page)).toBeVisible({ timeout: 30_000 })
}

/** From the session page, the host joins and lets Riley (already waiting) in; returns the host's waiting-room panel. */
export async function hostLetsRileyIn(host: Page, patient: Page) {
  await host.getByRole('link', { name: 'Go to the session' }).click()
  await hostJoinsTheCall(host)
  const lobby = host.getByRole('region', { name: /Waiting room/ })
  await lobby.getByRole('button', { name: `Admit ${riley.name}` }).click()
  await expect(callControls(patient)).toBeVisible({ timeout: 30_000 })
  return lobby
}

/**
 * The consent step after the device check: untick "May join" for the people named in `decline`, review (the patient's
 * consent has a review stage; other documents go straight to signing), sign, and leave the step.
 */
/** Riley opens their personal link, confirms their date of birth and passes the device check. */
export async function rileyOpensLink(page: Page, link: string) {
  await page.goto(link)
  await page.getByLabel('Day').fill(riley.day)
  await page.getByLabel('Month').fill(riley.month)
  await page.getByLabel('Year').fill(riley.year)
  await page.getByRole('button', { name: 'Continue' }).click()
  await joinFromDeviceCheck(page)
}

export async function answerConsentStep(page: Page, signature: string, decline: string[] = []) {
  await expect(page.getByRole('heading', { level: 1, name: 'Before you join' })).toBeVisible()
  const next = page.getByRole('button', { name: /^(Review my choices|Sign and agree)$/ })
  await expect(next.first()).toBeVisible()
  for (const name of decline) {
    const mayJoin = page.getByRole('checkbox', { name: `May join: ${name}`, exact: true })
    await mayJoin.uncheck()
    await expect(mayJoin).not.toBeChecked()
  }
  const review = page.getByRole('button', { name: 'Review my choices' })
  if (await review.isVisible()) await review.click()
  await page.getByLabel('Type your full name to sign').fill(signature)
  await page.getByRole('button', { name: 'Sign and agree' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Before you join' })).toHaveCount(0)
}

/**
 * Frames this page has decoded from the named person's camera, read from its <video> element. The tile is brought
 * into view first, as a person looks at it: adaptive streaming rightly pauses video that nobody can see.
 */
export function framesFrom(page: Page, name: string) {
  return page.evaluate((label) => {
    const video = document.querySelector<HTMLVideoElement>(
      `video[data-remote="true"][aria-label="${label}"]`
    )
    video?.scrollIntoView({ block: 'nearest' })
    return video ? video.getVideoPlaybackQuality().totalVideoFrames : 0
  }, `Camera of ${name}`)
}
