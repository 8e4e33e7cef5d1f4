// The `startup` benchmark's child processes: spawned in their own process group, polled until ready, stopped as
// Ctrl-C would, and nothing of a run left behind. Node built-ins only.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import { performance } from 'node:perf_hooks'
import {
  MARKER,
  POLL_MS,
  READY_TIMEOUT_MS,
  repoRoot,
  sleep,
  STOP_TIMEOUT_MS,
} from './startup-launch'

// ─── child processes ─────────────────────────────────────────────────────────────────────────────────────────────

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

/** One GET with no keep-alive; resolves the status code, or 0 when nothing answers yet. */
export function probe(port: number, urlPath: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: urlPath, agent: false, timeout: 2_000 },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
        res.on('error', () => resolve(0))
      }
    )
    req.on('timeout', () => req.destroy())
    req.on('error', () => resolve(0))
  })
}

export type Spawned = {
  child: ChildProcess
  t0: number
  /** Times (ms after spawn) at which a stdout line containing the key first arrived. */
  marks: Map<string, number>
  tail: () => string
  exited: Promise<void>
  hasExited: () => boolean
}

export const live = new Set<Spawned>()

/** Spawns `node <args>` in its own process group (so everything it starts can be found and stopped with it). */
export function spawnNode(
  args: string[],
  env: NodeJS.ProcessEnv,
  watchFor: string[] = []
): Spawned {
  const lines: string[] = []
  const marks = new Map<string, number>()
  const t0 = performance.now()
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  const onData = (chunk: Buffer) => {
    const now = performance.now() - t0
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue
      lines.push(line)
      if (lines.length > 60) lines.shift()
      for (const key of watchFor) if (!marks.has(key) && line.includes(key)) marks.set(key, now)
    }
  }
  child.stdout!.on('data', onData)
  child.stderr!.on('data', onData)
  let done = false
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      done = true
      resolve()
    })
    child.once('error', (err) => {
      lines.push(`spawn error: ${err.message}`)
      done = true
      resolve()
    })
  })
  const s: Spawned = {
    child,
    t0,
    marks,
    tail: () => lines.join('\n'),
    exited,
    hasExited: () => done,
  }
  live.add(s)
  void exited.then(() => live.delete(s))
  return s
}

export async function waitReady(
  s: Spawned,
  port: number,
  urlPath: string,
  what: string
): Promise<number> {
  const deadline = s.t0 + READY_TIMEOUT_MS
  while (performance.now() < deadline) {
    if (s.hasExited())
      throw new Error(`${what} exited before it was ready. Its last output:\n${s.tail()}`)
    if ((await probe(port, urlPath)) === 200) return performance.now() - s.t0
    await sleep(POLL_MS)
  }
  throw new Error(
    `${what} was not ready within ${READY_TIMEOUT_MS / 1000} s. Its last output:\n${s.tail()}`
  )
}

export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
    return true
  } catch {
    return false
  }
}

/** SIGINT (as Ctrl-C would), wait for the exit, then make sure nothing of its process group stays behind. */
/** `asCtrlC`: SIGINT to the whole process group, as a terminal's Ctrl-C (npm does not pass it on to its script). */
export async function stopChild(s: Spawned, what: string, asCtrlC = false): Promise<number> {
  const t = performance.now()
  const pid = s.child.pid
  if (!s.hasExited()) {
    if (asCtrlC && pid) process.kill(-pid, 'SIGINT')
    else s.child.kill('SIGINT')
  }
  const timedOut = await Promise.race([
    s.exited.then(() => false),
    sleep(STOP_TIMEOUT_MS).then(() => true),
  ])
  const ms = performance.now() - t
  if (timedOut) {
    if (pid) killGroup(pid)
    throw new Error(
      `${what} did not exit within ${STOP_TIMEOUT_MS / 1000} s of SIGINT; killed its process group. Its last output:\n${s.tail()}`
    )
  }
  // Its children (PostgreSQL, LiveKit) share the group: give them a moment, then call it a leak.
  if (pid) {
    for (let i = 0; i < 100 && groupAlive(pid); i++) await sleep(50)
    if (groupAlive(pid)) {
      const left = describeGroup(pid)
      killGroup(pid)
      throw new Error(`${what} exited but left processes behind (now killed):\n${left}`)
    }
  }
  return ms
}

export function killGroup(pgid: number) {
  try {
    process.kill(-pgid, 'SIGKILL')
  } catch {
    // already gone
  }
}

export function describeGroup(pgid: number): string {
  return procs()
    .filter((p) => p.pgid === pgid)
    .map((p) => `  ${p.pid} ${p.cmd}`)
    .join('\n')
}

export type Proc = { pid: number; ppid: number; pgid: number; cmd: string }

export function procs(): Proc[] {
  const out: Proc[] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ').trim()
      out.push({ pid: Number(name), ppid: Number(fields[1]), pgid: Number(fields[2]), cmd })
    } catch {
      // exited meanwhile
    }
  }
  return out
}

export function hasMarker(pid: number, runId: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`${MARKER}=${runId}`)
  } catch {
    return false
  }
}

/**
 * Any postgres or livekit-server process of this run still alive: found with pgrep, attributed to us by the marker
 * in its environment, by our temp folder in its command line (PostgreSQL overwrites its environment for its
 * process titles), or by descending from such a process.
 */
export function ourLeftovers(runId: string, benchRoot: string): Proc[] {
  let candidates: number[]
  try {
    candidates = execFileSync('pgrep', ['-f', 'postgres|livekit-server'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number)
  } catch (err) {
    // pgrep exits 1 when nothing matches; without pgrep fall back to reading /proc.
    if ((err as { status?: number }).status === 1) candidates = []
    else
      candidates = procs()
        .filter((p) => /postgres|livekit-server/.test(p.cmd))
        .map((p) => p.pid)
  }
  const all = procs()
  const byPid = new Map(all.map((p) => [p.pid, p]))
  const ours = (p: Proc | undefined, depth = 0): boolean => {
    if (!p || p.pid <= 1 || depth > 20) return false
    if (p.pid === process.pid) return true
    if (p.cmd.includes(benchRoot) || hasMarker(p.pid, runId)) return true
    return ours(byPid.get(p.ppid), depth + 1)
  }
  const found = candidates
    .filter((pid) => pid !== process.pid)
    .map((pid) => byPid.get(pid))
    .filter((p) => ours(p))
  // Also anything else (a stray node) carrying our marker.
  for (const p of all)
    if (p.pid !== process.pid && hasMarker(p.pid, runId) && !found.includes(p)) found.push(p)
  return found as Proc[]
}
