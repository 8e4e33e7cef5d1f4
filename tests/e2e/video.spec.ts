import { randomUUID } from 'node:crypto'
import { expect, test } from './harness/fixtures'

test(
  'two people in a call each receive and decode the other’s camera through LiveKit',
  { tag: ['@video'] },
  async ({ room, openCallPage }) => {
    const [first, second] = [randomUUID(), randomUUID()]
    const [firstPage, secondPage] = await Promise.all([openCallPage(), openCallPage()])

    await Promise.all([
      firstPage.join(await room.tokenFor(first)),
      secondPage.join(await room.tokenFor(second)),
    ])

    // ICE, DTLS and the first keyframe take a moment after connect() resolves; poll, never sleep.
    await expect
      .poll(() => firstPage.framesDecodedFrom(second), { timeout: 30_000 })
      .toBeGreaterThan(0)
    await expect
      .poll(() => secondPage.framesDecodedFrom(first), { timeout: 30_000 })
      .toBeGreaterThan(0)
    await expect(firstPage.page.getByLabel(`Camera of ${second}`)).toBeVisible()
    await expect(secondPage.page.getByLabel(`Camera of ${first}`)).toBeVisible()
  }
)
