// The host's call on a laptop (1280×720) with three people and the care plan beside the video: every tile stays on
// screen, shrinking to fit, while the plan and the hosts' tools scroll on their own.
import { expect, test, type Page } from '@playwright/test'
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
  'a host at 1280×720 with three people sees every tile without scrolling',
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
    const viewport = host.page.viewportSize()!
    const controls = (await callControls(host.page).boundingBox())!
    expect(controls.y + controls.height, 'the call controls').toBeLessThanOrEqual(viewport.height)
    const tiles = host.page.getByRole('list', { name: 'People in the call' }).getByRole('listitem')
    await expect(tiles).toHaveCount(3)
    for (const tile of await tiles.all()) {
      const name = await tile.getAttribute('aria-label')
      const box = (await tile.boundingBox())!
      expect(box.y, `${name}: top`).toBeGreaterThanOrEqual(0)
      expect(box.x, `${name}: left`).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width, `${name}: right`).toBeLessThanOrEqual(viewport.width)
      // Within the window and not under the controls, which stay pinned to its bottom.
      expect(box.y + box.height, `${name}: bottom`).toBeLessThanOrEqual(
        Math.min(viewport.height, controls.y)
      )
    }
    expect(await host.page.evaluate(() => window.scrollY), 'the page itself never scrolled').toBe(0)
  }
)
