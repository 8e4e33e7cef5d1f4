// The host's call on a laptop (1280×720) with three people and the care plan beside the video: every tile stays on
// screen, shrinking to fit, while the plan and the hosts' tools scroll on their own; a shared screen comes first and
// whole, the faces below it in the video area, which scrolls on its own.
import { expect, test, type Locator, type Page } from '@playwright/test'
import { scheduleJointSession } from './experience-steps'
import {
  answerConsentStep,
  callControls,
  closeContextsAfterEach,
  gp,
  hostLetsRileyIn,
  joinFromDeviceCheck,
  person,
  riley,
  rileyOpensLink,
  sessionIdOf,
  sexTherapist,
  signIn,
} from './steps'

closeContextsAfterEach()

const tileOf = (page: Page, name: string) =>
  page
    .getByRole('list', { name: 'People in the call' })
    .getByRole('listitem', { name, exact: true })

test(
  'a host at 1280×720 with three people sees every tile without scrolling, and a shared screen first',
  { tag: ['@experience', '@video'] },
  async ({ browser }) => {
    test.setTimeout(150_000)
    const host = await person(browser)
    const patient = await person(browser)
    const sam = await person(browser)
    await host.page.setViewportSize({ width: 1280, height: 720 })

    await signIn(host.page, gp.email)
    const link = await scheduleJointSession(host.page)
    await rileyOpensLink(patient.page, link)
    await answerConsentStep(patient.page, riley.name)

    const lobby = await hostLetsRileyIn(host.page, patient.page)

    await signIn(sam.page, sexTherapist.email)
    await sam.page.goto(`/sessions/${sessionIdOf(link)}`)
    await sam.page.getByRole('link', { name: 'Join', exact: true }).click()
    await joinFromDeviceCheck(sam.page)
    await lobby.getByRole('button', { name: `Admit ${sexTherapist.name}` }).click()
    await expect(callControls(sam.page)).toBeVisible({ timeout: 30_000 })
    await expect(tileOf(host.page, sexTherapist.name)).toBeVisible({ timeout: 30_000 })
    await expect(tileOf(host.page, riley.name)).toBeVisible()

    // As the host looks at it, without scrolling: every tile (theirs too) on screen and clear of the controls.
    await expectEveryTileInView(host.page, 3)

    // Sam shares a screen: it fills the video area, whole, and the faces follow below it, where the video area (never
    // the page) scrolls.
    await callControls(sam.page).getByRole('button', { name: 'Share screen' }).click()
    const screen = tileOf(host.page, `Screen shared by ${sexTherapist.name}`)
    await expect(screen).toBeVisible({ timeout: 30_000 })
    await expect(async () => expectInView(host.page, screen)).toPass({ timeout: 10_000 })
    const screenBox = (await screen.boundingBox())!
    const rileyTile = tileOf(host.page, riley.name)
    const rileyBox = (await rileyTile.boundingBox())!
    expect(screenBox.width, 'the screen is the largest picture').toBeGreaterThan(rileyBox.width)
    expect(rileyBox.y, 'the faces follow the screen').toBeGreaterThanOrEqual(
      screenBox.y + screenBox.height
    )
    await rileyTile.scrollIntoViewIfNeeded()
    await expectInView(host.page, rileyTile)
    expect(await host.page.evaluate(() => window.scrollY), 'the page itself never scrolled').toBe(0)
  }
)

/** A tile wholly inside the window and clear of the call controls, which stay pinned to its bottom. */
async function expectInView(page: Page, tile: Locator) {
  const viewport = page.viewportSize()!
  const controls = (await callControls(page).boundingBox())!
  expect(controls.y + controls.height, 'the call controls').toBeLessThanOrEqual(viewport.height)
  const name = await tile.getAttribute('aria-label')
  const box = (await tile.boundingBox())!
  expect(box.y, `${name}: top`).toBeGreaterThanOrEqual(0)
  expect(box.x, `${name}: left`).toBeGreaterThanOrEqual(0)
  expect(box.x + box.width, `${name}: right`).toBeLessThanOrEqual(viewport.width)
  expect(box.y + box.height, `${name}: bottom`).toBeLessThanOrEqual(
    Math.min(viewport.height, controls.y)
  )
}

/** As the host looks at the call, without scrolling: every tile on screen and clear of the controls. */
async function expectEveryTileInView(page: Page, count: number) {
  const tiles = page.getByRole('list', { name: 'People in the call' }).getByRole('listitem')
  await expect(tiles).toHaveCount(count)
  // The tiles are fitted after they render (and again as captions settle): wait until the layout holds.
  await expect(async () => {
    for (const tile of await tiles.all()) await expectInView(page, tile)
  }).toPass({ timeout: 10_000 })
  expect(await page.evaluate(() => window.scrollY), 'the page itself never scrolled').toBe(0)
}
