// `npm run bench -- join`: the host admits a waiting patient → the patient's page shows the host's first video frame,
// against a bare LiveKit client joining the same room with a pre-minted token (from join() to its first remote
// frame). Prints one JSON line; progress on stderr. Options: --rounds=N (default 12), --warmup=N (default 1),
// --no-build (use dist/web as it is; by default it is rebuilt when it lacks the join marks or is older than web/src).
import { spawnSync, execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { loadConfig } from '../../server/config'
import { freePort } from '../../server/db/embedded'
import { startServer, type RunningApp } from '../../server/main'
import type {} from '../e2e/harness/media' // declares window.harness
import { serveMediaHarness, type ServedHarness } from '../e2e/harness/serve-harness'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const webDist = path.join(root, 'dist/web')
const log = (msg: string) => process.stderr.write(`[join] ${msg}\n`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const round1 = (x: number) => Math.round(x * 10) / 10
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b)
/** Nearest rank, as the other benchmarks: with 12 rounds p95 is the largest. */
const pct = (xs: number[], p: number) => {
  const s = sorted(xs)
  return round1(s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!)
}
const median = (xs: number[]) => {
  if (xs.length === 0) return null
  const s = sorted(xs)
  const m = s.length >> 1
  return round1(s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2)
}
const spread = (xs: number[]) => ({
  min: round1(Math.min(...xs)),
  max: round1(Math.max(...xs)),
  rounds: xs.map(round1),
})

const riley = { name: 'Riley Chen', day: '14', month: '3', year: '1986' }
const host = { email: 'dr.okafor@demo.clinic', password: 'demo-care-team-2026' }
/** In order along the patient's way into the call; the first two in WaitingPage, the rest in CallPage / room.ts. */
const MARKS = [
  'join:admitted-event',
  'join:to-call',
  'join:call-page',
  'join:token',
  'join:connected',
  'join:first-remote-track',
  'join:in-call',
  'join:first-remote-attached',
  'join:first-remote-frame',
] as const
type MarkName = (typeof MARKS)[number]

/** Set in our environment before anything starts: LiveKit, PostgreSQL and Chromium inherit it. */
const MARKER = 'CARETEAM_BENCH_RUN'

// ─── processes ───────────────────────────────────────────────────────────────────────────────────────────────────

type Proc = { pid: number; ppid: number; cmd: string }

function procs(): Proc[] {
  const out: Proc[] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ').trim()
      out.push({ pid: Number(name), ppid, cmd })
    } catch {
      // exited meanwhile
    }
  }
  return out
}

function hasMarker(pid: number, runId: string) {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`${MARKER}=${runId}`)
  } catch {
    return false
  }
}

function pgrepCount(args: string[]): number {
  try {
    return execFileSync('pgrep', args, { encoding: 'utf8' }).split('\n').filter(Boolean).length
  } catch {
    return 0 // pgrep exits 1 when nothing matches
  }
}

/** What other work on the machine runs too (another CI run's PostgreSQL and LiveKit), for the record. */
const census = () => ({
  livekit_server: pgrepCount(['-f', 'livekit-server']),
  postgres: pgrepCount(['-x', 'postgres']),
})

/** Anything of this run still alive: our marker in its environment, our data dir in its command line, or a child. */
function leftovers(runId: string, dataDir: string): string[] {
  const all = procs().filter((p) => p.pid !== process.pid)
  const byPid = new Map(all.map((p) => [p.pid, p]))
  const ours = (p: Proc | undefined, depth = 0): boolean => {
    if (!p || p.pid <= 1 || depth > 20) return false
    if (p.ppid === process.pid) return true
    if (p.cmd.includes(dataDir) || hasMarker(p.pid, runId)) return true
    return ours(byPid.get(p.ppid), depth + 1)
  }
  // esbuild's service (tsx's transformer) is a child of this process by design and ends with it.
  const helper = (p: Proc) =>
    /^(ps|pgrep)\b/.test(p.cmd) || (p.ppid === process.pid && /esbuild\S* --service/.test(p.cmd))
  return all.filter((p) => ours(p) && !helper(p)).map((p) => `${p.pid} ${p.cmd.slice(0, 120)}`)
}

// ─── the web build ───────────────────────────────────────────────────────────────────────────────────────────────

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return newest
}

/** The app serves dist/web: it must be built from the instrumented sources, or no marks arrive. */
function ensureWebBuild(allowBuild: boolean) {
  const marked = () => {
    try {
      const js = readdirSync(path.join(webDist, 'assets')).filter((f) => f.endsWith('.js'))
      const text = js.map((f) => readFileSync(path.join(webDist, 'assets', f), 'utf8')).join('\n')
      return MARKS.every((m) => text.includes(m))
    } catch {
      return false
    }
  }
  const stale = () => {
    try {
      const built = statSync(path.join(webDist, 'index.html')).mtimeMs
      return (
        Math.max(newestMtime(path.join(root, 'web')), newestMtime(path.join(root, 'shared'))) >
        built
      )
    } catch {
      return true
    }
  }
  if (marked() && !stale()) return
  if (!allowBuild)
    throw new Error(
      'dist/web is missing the join marks or older than web/src: run `npm run build` (or drop --no-build)'
    )
  log('dist/web is missing or older than web/src: npm run build')
  const res = spawnSync('npm', ['run', 'build'], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
  })
  if (res.status !== 0 || !marked())
    throw new Error('npm run build failed, or its output lacks the join marks')
}

// ─── the app through its API, as the host ────────────────────────────────────────────────────────────────────────

type Api = (method: string, p: string, cookie?: string, json?: unknown) => Promise<Response>

function apiFor(base: string): Api {
  return async (method, p, cookie, json) => {
    const res = await fetch(base + '/api' + p, {
      method,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: json !== undefined ? JSON.stringify(json) : undefined,
    })
    if (!res.ok) throw new Error(`${method} ${p} → ${res.status} ${await res.text()}`)
    return res
  }
}

type MediaToken = { url: string; token: string }

// ─── one round ───────────────────────────────────────────────────────────────────────────────────────────────────

type Ours = {
  total: number
  admitMs: number
  marks: Partial<Record<MarkName, number>>
  via: string
  framesAfter: number
}
type Peer = {
  total: number
  connected: number | null
  firstTrack: number | null
  via: string
  framesAfter: number
}

const chromiumArgs = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-background-networking',
  '--disable-gpu',
  '--no-sandbox',
]

async function harnessPage(
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
async function patientWaits(page: Page, link: string) {
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
function waitForMark(page: Page, name: MarkName, timeoutMs: number) {
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

async function oneRound(
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

// ─── the benchmark ───────────────────────────────────────────────────────────────────────────────────────────────

export async function run(args: string[]): Promise<number> {
  const opt = (name: string, fallback: number) =>
    Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback)
  const n = opt('rounds', 12)
  const warmup = opt('warmup', 1)
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(warmup) || warmup < 0)
    throw new Error('--rounds=N (≥ 1) and --warmup=N (≥ 0)')
  if (n < 10) log('warning: fewer than 10 rounds')
  ensureWebBuild(!args.includes('--no-build'))

  const runId = randomUUID()
  process.env[MARKER] = runId
  const censusBefore = census()
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'careteam-bench-join-'))
  await fs.chmod(dir, 0o755)
  let app: RunningApp | undefined
  let harness: ServedHarness | undefined
  let browser: Browser | undefined
  const ours: Ours[] = []
  const peer: Peer[] = []
  let clockOffsetMs = NaN
  try {
    const port = await freePort()
    log(
      'starting the app (embedded PostgreSQL, local LiveKit, demo data), the harness page and Chromium'
    )
    app = await startServer(
      loadConfig({
        DATA_DIR: dir,
        PORT: String(port),
        // The pages are opened at 127.0.0.1: writes are accepted from PUBLIC_URL's origin only.
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        SEED_DEMO: 'true',
        LOG_LEVEL: 'warn',
      })
    )
    harness = await serveMediaHarness()
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    })
    const base = `http://127.0.0.1:${port}`
    const api = apiFor(base)
    const signIn = await api('POST', '/auth/sign-in', undefined, {
      email: host.email,
      password: host.password,
    })
    const hostCookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!
    const patients = (await (await api('GET', '/patients', hostCookie)).json()) as {
      id: string
      displayName: string
    }[]
    const patientId = patients.find((p) => p.displayName === riley.name)!.id

    // Node's clock against the page's (performance.timeOrigin + now), both this machine's wall clock.
    {
      const probe = await harnessPage(browser, harness)
      const offsets: number[] = []
      for (let i = 0; i < 9; i++) {
        const a = Date.now()
        const b = await probe.page.evaluate(() => performance.timeOrigin + performance.now())
        const c = Date.now()
        offsets.push(b - (a + c) / 2)
      }
      clockOffsetMs = median(offsets)!
      await probe.context.close()
    }

    const ctx = { api, base, browser, harness, hostCookie, patientId }
    for (let i = 0; i < warmup; i++) await oneRound(`warm-up ${i + 1}/${warmup} (not counted)`, ctx)
    for (let i = 0; i < n; i++) {
      const r = await oneRound(`round ${i + 1}/${n}`, ctx)
      ours.push(r.ours)
      peer.push(r.peer)
    }
  } finally {
    await browser?.close().catch(() => undefined)
    await harness?.close().catch(() => undefined)
    await app?.stop().catch(() => undefined)
    await fs.rm(dir, { recursive: true, force: true })
  }

  // Children may take a moment to go after stop().
  let left: string[] = []
  for (let i = 0; i < 50; i++) {
    left = leftovers(runId, dir)
    if (left.length === 0) break
    await sleep(100)
  }
  const censusAfter = census()

  const totals = ours.map((o) => o.total)
  const peerTotals = peer.map((p) => p.total)
  const at = (name: MarkName) =>
    ours.map((o) => o.marks[name]).filter((x): x is number => x !== undefined)
  const step = (from: MarkName | 't0', to: MarkName) =>
    median(
      ours.flatMap((o) => {
        const a = from === 't0' ? 0 : o.marks[from]
        const b = o.marks[to]
        return a === undefined || b === undefined ? [] : [b - a]
      })
    )
  const p50 = pct(totals, 50)
  const peerP50 = pct(peerTotals, 50)
  const ratio = Math.round((p50 / peerP50) * 100) / 100
  const result = {
    bench: 'join',
    n,
    p50_ms: p50,
    p95_ms: pct(totals, 95),
    peer_p50_ms: peerP50,
    peer_p95_ms: pct(peerTotals, 95),
    ratio_p50: ratio,
    aim: 'ratio_p50 <= 1.3',
    aim_met: ratio <= 1.3,
    phases_median_ms: {
      admit_request_answered: median(ours.map((o) => o.admitMs)),
      admit_to_admitted_event: step('t0', 'join:admitted-event'),
      admitted_event_to_call_navigation: step('join:admitted-event', 'join:to-call'),
      call_navigation_to_call_page: step('join:to-call', 'join:call-page'),
      call_page_to_token: step('join:call-page', 'join:token'),
      token_to_connected: step('join:token', 'join:connected'),
      connected_to_first_remote_track: step('join:connected', 'join:first-remote-track'),
      first_remote_track_to_attached: step('join:first-remote-track', 'join:first-remote-attached'),
      first_remote_track_to_in_call: step('join:first-remote-track', 'join:in-call'),
      in_call_to_attached: step('join:in-call', 'join:first-remote-attached'),
      attached_to_first_frame: step('join:first-remote-attached', 'join:first-remote-frame'),
      first_remote_track_to_first_frame: step('join:first-remote-track', 'join:first-remote-frame'),
      connected_to_first_frame: step('join:connected', 'join:first-remote-frame'),
    },
    marks_median_ms_since_admit: Object.fromEntries(MARKS.map((m) => [m.slice(5), median(at(m))])),
    peer_phases_median_ms: {
      join_to_connected: median(peer.flatMap((p) => (p.connected === null ? [] : [p.connected]))),
      connected_to_first_remote_track: median(
        peer.flatMap((p) =>
          p.connected === null || p.firstTrack === null ? [] : [p.firstTrack - p.connected]
        )
      ),
      first_remote_track_to_first_frame: median(
        peer.flatMap((p) => (p.firstTrack === null ? [] : [p.total - p.firstTrack]))
      ),
    },
    ours: spread(totals),
    ours_marks_by_round_ms_since_admit: Object.fromEntries(
      MARKS.map((m) => [
        m.slice(5),
        ours.map((o) => (o.marks[m] === undefined ? null : round1(o.marks[m]!))),
      ])
    ),
    peer: spread(peerTotals),
    first_frame_via: {
      ours: [...new Set(ours.map((o) => o.via))],
      peer: [...new Set(peer.map((p) => p.via))],
    },
    frames_decoded_check: {
      ours_min_video_frames_300ms_after: Math.min(...ours.map((o) => o.framesAfter)),
      peer_min_frames_decoded_300ms_after: Math.min(...peer.map((p) => p.framesAfter)),
    },
    warmup_rounds: warmup,
    clock_offset_ms: round1(clockOffsetMs),
    method:
      'per round: a new joint session for Riley Chen scheduled by the host via the API; the host joins its LiveKit room from the harness page (bare livekit-client, fake camera + mic published) with a token from /arrival + /token; ' +
      'the patient, in a fresh Chromium context, opens the link, passes the date-of-birth step, the device check (camera on) and gives consent on the real waiting page. ' +
      'Ours: t0 = Date.now() in the bench just before the host’s POST /admissions (sent from the bench, not a click), t1 = the patient page’s join:first-remote-frame mark (requestVideoFrameCallback on the remote <video>) as epoch; sample t1 − t0 (includes the event, status refetch, loading the call page chunk, token, connect, subscription, first frame). ' +
      'Peer: the app mints the patient a token (POST /token after admission, untimed), the patient page leaves (until the host no longer sees its camera, + 300 ms), and a harness page opened at the start of the round (livekit-client loaded and settled) joins the same room with it, publishing camera + mic; from harness.join() start to its first remote frame (requestVideoFrameCallback). ' +
      'One Chromium, the app in-process (embedded PostgreSQL, local livekit-server), one ours and one peer sample per round, interleaved; nearest-rank percentiles.',
    machine: {
      cores: os.cpus().length,
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      loadavg_1m_end: round1(os.loadavg()[0]!),
    },
    processes: { before: censusBefore, after: censusAfter, leftover: left },
  }
  process.stdout.write(JSON.stringify(result) + '\n')
  if (left.length) {
    log(`left running: ${left.join('; ')}`)
    return 1
  }
  return 0
}
