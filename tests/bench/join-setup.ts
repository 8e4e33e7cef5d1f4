// The `join` benchmark's ground: statistics, the people of the demo data, its processes (nothing of a run left
// behind), the web build it serves, and the app's API as the host uses it.
import { spawnSync, execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const webDist = path.join(root, 'dist/web')
export const log = (msg: string) => process.stderr.write(`[join] ${msg}\n`)
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
export const round1 = (x: number) => Math.round(x * 10) / 10
export const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b)
/** Nearest rank, as the other benchmarks: with 12 rounds p95 is the largest. */
export const pct = (xs: number[], p: number) => {
  const s = sorted(xs)
  return round1(s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!)
}
export const median = (xs: number[]) => {
  if (xs.length === 0) return null
  const s = sorted(xs)
  const m = s.length >> 1
  return round1(s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2)
}
export const spread = (xs: number[]) => ({
  min: round1(Math.min(...xs)),
  max: round1(Math.max(...xs)),
  rounds: xs.map(round1),
})

export const riley = { name: 'Riley Chen', day: '14', month: '3', year: '1986' }
export const host = { email: 'dr.okafor@demo.clinic', password: 'demo-care-team-2026' }
/** In order along the patient's way into the call; the first two in WaitingPage, the rest in CallPage / room.ts. */
export const MARKS = [
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
export type MarkName = (typeof MARKS)[number]

/** Set in our environment before anything starts: LiveKit, PostgreSQL and Chromium inherit it. */
export const MARKER = 'CARETEAM_BENCH_RUN'

// ─── processes ───────────────────────────────────────────────────────────────────────────────────────────────────

export type Proc = { pid: number; ppid: number; cmd: string }

export function procs(): Proc[] {
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

export function hasMarker(pid: number, runId: string) {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`${MARKER}=${runId}`)
  } catch {
    return false
  }
}

export function pgrepCount(args: string[]): number {
  try {
    return execFileSync('pgrep', args, { encoding: 'utf8' }).split('\n').filter(Boolean).length
  } catch {
    return 0 // pgrep exits 1 when nothing matches
  }
}

/** What other work on the machine runs too (another CI run's PostgreSQL and LiveKit), for the record. */
export const census = () => ({
  livekit_server: pgrepCount(['-f', 'livekit-server']),
  postgres: pgrepCount(['-x', 'postgres']),
})

/** Anything of this run still alive: our marker in its environment, our data dir in its command line, or a child. */
export function leftovers(runId: string, dataDir: string): string[] {
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

export function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return newest
}

/** The app serves dist/web: it must be built from the instrumented sources, or no marks arrive. */
export function ensureWebBuild(allowBuild: boolean) {
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

export type Api = (method: string, p: string, cookie?: string, json?: unknown) => Promise<Response>

export function apiFor(base: string): Api {
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

export type MediaToken = { url: string; token: string }
