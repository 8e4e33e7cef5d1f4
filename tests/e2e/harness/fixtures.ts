// Playwright fixtures for media tests: a real LiveKit and the media harness page, once per worker.
import { test as base, type BrowserContext, type Page } from '@playwright/test'
import { randomUUID } from 'node:crypto'
import { startLivekit } from '../../../scripts/livekit'
import {
  createLivekitAdapter,
  type LivekitAdapter,
  type MediaGrants,
} from '../../../server/livekit/adapter'
import type {} from './media' // declares window.harness
import { serveMediaHarness } from './serve-harness'

export { expect } from '@playwright/test'

type Media = { livekit: LivekitAdapter; harnessUrl: string }

export type MediaRoom = {
  name: string
  tokenFor(identity: string, grants?: MediaGrants): Promise<string>
}

export type CallPage = {
  page: Page
  join(token: string): Promise<void>
  /** Frames this page has decoded from the named person's camera (0 until their video arrives). */
  framesDecodedFrom(identity: string): Promise<number>
}

const camera: MediaGrants = {
  canSubscribe: true,
  canPublish: true,
  sources: ['camera', 'microphone'],
  canPublishData: false,
}

export const test = base.extend<
  { room: MediaRoom; openCallPage: () => Promise<CallPage> },
  { media: Media }
>({
  media: [
    async ({}, use) => {
      const [livekit, harness] = await Promise.allSettled([
        startLivekit({ log: (msg) => console.log(`[livekit] ${msg}`) }),
        serveMediaHarness(),
      ])
      try {
        if (livekit.status === 'rejected') throw livekit.reason
        if (harness.status === 'rejected') throw harness.reason
        await use({ livekit: createLivekitAdapter(livekit.value), harnessUrl: harness.value.url })
      } finally {
        if (harness.status === 'fulfilled') await harness.value.close()
        if (livekit.status === 'fulfilled') await livekit.value.stop()
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],

  room: async ({ media }, use) => {
    // Opaque names, as the app uses: nothing about a person or a session leaks into LiveKit.
    const name = randomUUID()
    await media.livekit.createRoom(name, { emptyTimeoutSeconds: 60, departureTimeoutSeconds: 10 })
    await use({
      name,
      tokenFor: (identity, grants = camera) =>
        media.livekit.issueToken({ roomName: name, identity, grants, ttlSeconds: 60 }),
    })
    await media.livekit.deleteRoom(name)
  },

  openCallPage: async ({ browser, media }, use) => {
    const opened: { context: BrowserContext; page: Page }[] = []
    await use(async () => {
      // One context per person, as two people on two machines.
      const context = await browser.newContext()
      const page = await context.newPage()
      opened.push({ context, page })
      await page.goto(media.harnessUrl)
      return {
        page,
        join: (token) =>
          page.evaluate(([url, t]) => window.harness.join(url, t), [
            media.livekit.url,
            token,
          ] as const),
        framesDecodedFrom: async (identity) =>
          (await page.evaluate(() => window.harness.remoteFramesDecoded()))[identity] ?? 0,
      }
    })
    for (const { context, page } of opened) {
      // A page that crashed mid-test cannot leave politely; closing its context still ends its connection.
      await page.evaluate(() => window.harness.leave()).catch(() => {})
      await context.close()
    }
  },
})
