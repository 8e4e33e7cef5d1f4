// The tiny children of the `startup` benchmark, an entry of their own so that each pays only for what it does:
// `--peer-child` (PostgreSQL alone, the peer), `--noop-child` (a process that only answers HTTP), `--import-child`
// (one module's import) and `--phases-child` (main.ts's start-up steps one by one). Node built-ins only at the top.
import { randomBytes } from 'node:crypto'
import { realpathSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { repoRoot, round1 } from './startup-launch'

const thisFile = fileURLToPath(import.meta.url)

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
  else
    fail(
      new Error(`unknown mode ${mode ?? '(none)'}: run the benchmark with npm run bench -- startup`)
    )
}
