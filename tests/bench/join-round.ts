// One round of the `join` benchmark: the patient waits on the real waiting page, the host lets them in, and the
// first remote frame is timed; then the peer, a bare livekit-client join, the same way.
import { type Browser, type BrowserContext, type Page } from '@playwright/test'
import type {} from '../e2e/harness/media' // declares window.harness
import { type ServedHarness } from '../e2e/harness/serve-harness'
import {
  type Api,
  log,
  type MarkName,
  MARKS,
  type MediaToken,
  riley,
  round1,
  sleep,
} from './join-setup'

// ─── one round ───────────────────────────────────────────────────────────────────────────────────────────────────

export type Ours = {
  total: number
  admitMs: number
  marks: Partial<Record<MarkName, number>>
  via: string
  framesAfter: number
}
export type Peer = {
  total: number
  connected: number | null
  firstTrack: number | null
  via: string
  framesAfter: number
}

export const chromiumArgs = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-background-networking',
  '--disable-gpu',
  '--no-sandbox',
]

export async function harnessPage(
  browser: Browser,
  harness: ServedHarness
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] })
  const page = await context.newPage()
  await page.goto(harness.url)
  await page.waitForFunction(() => typeof window.harness !== 'undefined')
  return { context, page }
}

/** The patient from their link to the waiting room through the real pages, consent answered there too. */
export async function patientWaits(page: Page, link: string) {
  await page.goto(link)
  await page.getByRole('heading', { level: 1, name: "Confirm it's you" }).waitFor()
  await page.getByLabel('Day').fill(riley.day)
  await page.getByLabel('Month').fill(riley.month)
  await page.getByLabel('Year').fill(riley.year)
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByRole('heading', { level: 1, name: 'Check your camera and microphone' }).waitFor()
  await page.getByRole('status').filter({ hasText: 'the video service is reachable' }).waitFor()
  await page.getByRole('button', { name: 'Join', exact: true }).click()
  // The consent step between the device check and the waiting room, as tests/e2e/steps.ts answers it.
  await page.getByRole('heading', { level: 1, name: 'Before you join' }).waitFor()
  await page
    .getByRole('button', { name: /^(Review my choices|Sign and agree)$/ })
    .first()
    .waitFor()
  const review = page.getByRole('button', { name: 'Review my choices' })
  if (await review.isVisible()) await review.click()
  await page.getByLabel('Type your full name to sign').fill(riley.name)
  await page.getByRole('button', { name: 'Sign and agree' }).click()
  await page.getByRole('heading', { level: 1, name: 'Waiting room' }).waitFor()
  await page.getByRole('status').filter({ hasText: 'A host is here.' }).waitFor()
}

/** Resolves in the page once the mark exists (a PerformanceObserver, no polling). */
export function waitForMark(page: Page, name: MarkName, timeoutMs: number) {
  return page.evaluate(
    ([mark, timeout]) =>
      new Promise<void>((resolve, reject) => {
        if (performance.getEntriesByName(mark, 'mark').length) return resolve()
        const timer = setTimeout(() => {
          observer.disconnect()
          reject(new Error(`no ${mark} within ${timeout} ms`))
        }, timeout)
        const observer = new PerformanceObserver((list) => {
          if (list.getEntriesByName(mark).length === 0) return
          clearTimeout(timer)
          observer.disconnect()
          resolve()
        })
        observer.observe({ type: 'mark' })
      }),
    [name, timeoutMs] as const
  )
}

export async function oneRound(
  label: string,
  ctx: {
    api: Api
    base: string
    browser: Browser
    harness: ServedHarness
    hostCookie: string
    patientId: string
  }
): Promise<{ ours: Ours; peer: Peer }> {
  const { api, base, browser, harness, hostCookie } = ctx
  const opened: BrowserContext[] = []
  let sid: string | undefined
  try {
    // A fresh joint session with Riley, scheduled by the host.
    const scheduled = (await (
      await api('POST', '/sessions', hostCookie, {
        kind: 'joint_session',
        patientId: ctx.patientId,
        startsAt: new Date(Date.now() + 60_000).toISOString(),
        durationMinutes: 30,
        invitePatient: true,
      })
    ).json()) as {
      session: { id: string }
      links: { role: string; url: string; participantId: string }[]
    }
    sid = scheduled.session.id
    const patientLink = scheduled.links.find((l) => l.role === 'patient')!
    // The link as the server made it, on the address this run serves.
    const link = new URL(patientLink.url)
    const linkUrl = base + link.pathname + link.hash

    // The host is in the call, publishing the fake camera and microphone (a bare client on the harness page).
    await api('POST', `/sessions/${sid}/arrival`, hostCookie)
    const hostToken = (await (
      await api('POST', `/sessions/${sid}/token`, hostCookie)
    ).json()) as MediaToken
    const hostSide = await harnessPage(browser, harness)
    opened.push(hostSide.context)
    await hostSide.page.evaluate(
      ([u, t]) => window.harness.join(u!, t!),
      [hostToken.url, hostToken.token]
    )
    // The peer's page, loaded now so that it has long settled when it joins.
    const peerSide = await harnessPage(browser, harness)
    opened.push(peerSide.context)

    // The patient: link and date of birth in the browser (so the guest cookie is the browser's), device check with
    // the camera on, the waiting room, consent given there.
    const patientContext = await browser.newContext({ permissions: ['camera', 'microphone'] })
    opened.push(patientContext)
    const patient = await patientContext.newPage()
    await patientWaits(patient, linkUrl)
    // The host's view agrees that Riley waits and may be admitted (the consent answer is saved).
    for (let tries = 0; ; tries++) {
      const lobby = (await (await api('GET', `/sessions/${sid}/lobby`, hostCookie)).json()) as {
        entries: { participantId: string; state: string; consent: { admissible: boolean } }[]
      }
      const entry = lobby.entries.find((e) => e.participantId === patientLink.participantId)
      if (entry?.state === 'waiting' && entry.consent.admissible) break
      if (tries >= 100) throw new Error(`patient not admissible: ${JSON.stringify(entry)}`)
      await sleep(100)
    }
    // Let the waiting page's last refetches settle: nothing of the preparation in flight at t0.
    await sleep(500)

    // ── ours: the host "clicks Admit" (the same request the lobby's button sends, here from the bench) ──
    const t0 = Date.now()
    await api('POST', `/sessions/${sid}/admissions`, hostCookie, {
      participantId: patientLink.participantId,
    })
    const admitMs = Date.now() - t0
    await waitForMark(patient, 'join:first-remote-frame', 30_000)
    const seen = await patient.evaluate(
      (names) => {
        const out: Record<string, number> = {}
        for (const name of names) {
          const mark = performance.getEntriesByName(name, 'mark')[0]
          if (mark) out[name] = performance.timeOrigin + mark.startTime
        }
        const frame = performance.getEntriesByName('join:first-remote-frame', 'mark')[0] as
          PerformanceMark | undefined
        return { out, via: String((frame?.detail as { via?: string } | null)?.via ?? '') }
      },
      [...MARKS]
    )
    const marks: Partial<Record<MarkName, number>> = {}
    for (const [name, at] of Object.entries(seen.out)) marks[name as MarkName] = at - t0
    // Cross-check: the remote <video> has really decoded frames.
    await sleep(300)
    const framesAfter = await patient.evaluate(() => {
      const video = document.querySelector<HTMLVideoElement>('video[data-remote="true"]')
      return video ? video.getVideoPlaybackQuality().totalVideoFrames : 0
    })
    const ours: Ours = {
      total: marks['join:first-remote-frame']!,
      admitMs,
      marks,
      via: seen.via,
      framesAfter,
    }

    // ── peer: a LiveKit token minted by the app for the admitted patient, before any timing; the patient's page
    // leaves the room first (pagehide: livekit-client sends its leave), so the identity is free again ──
    const patientCookie = (await patientContext.cookies(base))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ')
    const peerToken = (await (
      await api('POST', `/sessions/${sid}/token`, patientCookie)
    ).json()) as MediaToken
    await patient.goto('about:blank')
    await patientContext.close()
    opened.splice(opened.indexOf(patientContext), 1)
    // The host no longer sees the patient's camera: LiveKit has let the identity go.
    await hostSide.page.waitForFunction(
      async (identity) => !(identity in (await window.harness.remoteFramesDecoded())),
      patientLink.participantId,
      { timeout: 15_000, polling: 50 }
    )
    await sleep(300)
    const peerStart = await peerSide.page.evaluate(
      async ([u, t]) => {
        const start = performance.timeOrigin + performance.now()
        await window.harness.join(u!, t!)
        return start
      },
      [peerToken.url, peerToken.token]
    )
    await peerSide.page.waitForFunction(() => window.harness.firstRemoteFrameAt(), undefined, {
      timeout: 30_000,
      polling: 50,
    })
    const first = (await peerSide.page.evaluate(() => window.harness.firstRemoteFrameAt()))!
    const timings = await peerSide.page.evaluate(() => window.harness.joinTimings())
    await sleep(300)
    const peerFrames = Object.values(
      await peerSide.page.evaluate(() => window.harness.remoteFramesDecoded())
    ).reduce((a, b) => a + b, 0)
    const peer: Peer = {
      total: first.at - peerStart,
      connected: timings.connectedAt === null ? null : timings.connectedAt - peerStart,
      firstTrack: timings.firstTrackAt === null ? null : timings.firstTrackAt - peerStart,
      via: first.via,
      framesAfter: peerFrames,
    }
    log(
      `${label}: ours ${round1(ours.total)} ms (admit answered ${admitMs}, event ${round1(marks['join:admitted-event'] ?? NaN)}, ` +
        `call page ${round1(marks['join:call-page'] ?? NaN)}, token ${round1(marks['join:token'] ?? NaN)}, connected ${round1(marks['join:connected'] ?? NaN)}, ` +
        `track ${round1(marks['join:first-remote-track'] ?? NaN)}, attached ${round1(marks['join:first-remote-attached'] ?? NaN)}) · peer ${round1(peer.total)} ms (connected ${round1(peer.connected ?? NaN)})`
    )
    return { ours, peer }
  } finally {
    for (const context of opened) await context.close().catch(() => undefined)
    if (sid) await api('POST', `/sessions/${sid}/end`, hostCookie).catch(() => undefined)
  }
}
