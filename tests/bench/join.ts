// `npm run bench -- join`: the host admits a waiting patient → the patient's page shows the host's first video frame,
// against a bare LiveKit client joining the same room with a pre-minted token (from join() to its first remote
// frame). Prints one JSON line; progress on stderr. Options: --rounds=N (default 30), --warmup=N (default 2),
// --no-build (use dist/web as it is; by default it is rebuilt when it lacks the join marks or is older than web/src).
import { randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser } from '@playwright/test'
import { loadConfig } from '../../server/config'
import { freePort } from '../../server/db/embedded'
import { startServer, type RunningApp } from '../../server/main'
import { serveMediaHarness, type ServedHarness } from '../e2e/harness/serve-harness'
import {
  apiFor,
  census,
  ensureWebBuild,
  host,
  leftovers,
  log,
  MARKER,
  type MarkName,
  MARKS,
  median,
  pct,
  riley,
  round1,
  sleep,
  spread,
} from './join-setup'
import { chromiumArgs, harnessPage, oneRound, type Ours, type Peer } from './join-round'

// ─── the benchmark ───────────────────────────────────────────────────────────────────────────────────────────────

export async function run(args: string[]): Promise<number> {
  const opt = (name: string, fallback: number) =>
    Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback)
  const n = opt('rounds', 30)
  const warmup = opt('warmup', 2)
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
      'Ours: t0 = Date.now() in the bench just before the host’s POST /admissions (sent from the bench, not a click), t1 = the patient page’s join:first-remote-frame mark (requestVideoFrameCallback on the remote <video>) as epoch; sample t1 − t0 (includes the admission’s commit and event, the token, connecting, the call page’s render, subscription, first frame). ' +
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
