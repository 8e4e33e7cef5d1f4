// config → database (embedded or URL) → migrations → LiveKit (given or local) → app → HTTP → graceful shutdown.
//
// Start-up time (BENCHMARKS.md, "startup"): this module imports statically only what starting PostgreSQL and LiveKit
// needs. The migrations, the LiveKit adapter and the route graph (server/app.ts and every feature behind it) are
// imported dynamically while both services start, so loading them overlaps waiting for the services. `npm start`
// also imports the large npm packages with plain Node before tsx's loader is registered (package.json).
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { DemoSignIn } from '../scripts/demo-data'
import { ensureLivekitBinary, startLivekit } from '../scripts/livekit'
import { type Config, ConfigError, loadConfig } from './config'
import { startEmbeddedPostgres } from './db/embedded'
import { createDeps, type Deps } from './deps'
import type { LivekitAdapter } from './livekit/adapter'
import { createLogger, errorFacts, type Logger } from './log'

const RECONCILE_EVERY_MS = 30_000

export type RunningApp = { url: string; deps: Deps; demo: DemoSignIn[]; stop: () => Promise<void> }

/**
 * Starts an import now, to be awaited later. A path that ends early (say, LiveKit is unavailable) may never await
 * it, and its failure must not then surface as an unhandled rejection: whoever awaits it still gets the error.
 */
function early<T>(loading: Promise<T>): Promise<T> {
  loading.catch(() => {})
  return loading
}

/**
 * Everything needed once PostgreSQL and LiveKit are up: the route graph, the pool, server events, demo data. Loaded
 * after db/migrate (see startServer), so the migrations can run as soon as PostgreSQL is up instead of waiting for
 * this much larger graph, which shares their modules.
 */
const importRest = (config: Config) =>
  Promise.all([
    import('@hono/node-server'),
    import('./app'),
    import('./attendance/service'),
    import('./attendance/reconciler'),
    import('./admission/room-guard'),
    import('./careplan/collaboration'),
    import('./db/client'),
    import('./db/lease'),
    import('./realtime/events'),
    import('./http/shutdown'),
    import('./http/server-limits'),
    config.seedDemo ? import('../scripts/demo-data') : undefined,
  ]).then(
    ([
      { serve },
      { createApp },
      attendance,
      { startReconciling },
      { installRoomGuard },
      { createCollaboration },
      { connect },
      { createLease, LEASES },
      { createEventHub },
      { drainServer },
      { serverLimits },
      demoData,
    ]) => ({
      serve,
      createApp,
      reconcile: attendance.reconcile,
      startReconciling,
      installRoomGuard,
      createCollaboration,
      connect,
      reconciliationLease: (url: string) => createLease(url, LEASES.reconciliation),
      createEventHub,
      drainServer,
      serverLimits,
      seedDemo: demoData?.seedDemo,
    })
  )

export async function startServer(
  config: Config,
  log: Logger = createLogger(config.logLevel)
): Promise<RunningApp> {
  const stops: (() => Promise<void>)[] = []
  const stopAll = async () => {
    for (const stop of stops.reverse())
      await stop().catch((err) => log.warn('shutdown step failed', errorFacts(err)))
  }
  try {
    // PostgreSQL, LiveKit and loading the rest of the app, side by side. allSettled, so a failure of one still lets
    // the others register their stops before everything is torn down.
    const migrations = early(import('./db/migrate'))
    const [db, lk, rest] = await Promise.allSettled([
      prepareDatabase(config, log, stops, migrations),
      prepareLivekit(config, log, stops),
      migrations.then(() => importRest(config)),
    ])
    if (db.status === 'rejected') throw db.reason
    if (lk.status === 'rejected') throw lk.reason
    if (rest.status === 'rejected') throw rest.reason
    const databaseUrl = db.value
    const livekit = lk.value
    const {
      serve,
      createApp,
      reconcile,
      startReconciling,
      installRoomGuard,
      createCollaboration,
      connect,
      reconciliationLease,
      createEventHub,
      drainServer,
      serverLimits,
      seedDemo,
    } = rest.value
    const database = connect(databaseUrl, { serving: true })
    stops.push(database.close)
    // The event hub's LISTEN takes a connection of its own: open the pool's first one (for the demo-data check and
    // the first requests) meanwhile.
    const [events] = await Promise.all([createEventHub(database.sql, log), database.sql`select 1`])
    stops.push(events.close)
    const deps: Deps = createDeps({
      config,
      db: database.db,
      livekit,
      events,
      log,
    })
    // Removed people's tokens still open the room: after each revocation the room is watched (admission/room-guard).
    stops.push(installRoomGuard(deps).stop)
    const demo = seedDemo ? await seedDemo(deps) : []

    // Webhooks are lossy; reconciliation with LiveKit's own list repairs attendance and removes stragglers. One
    // instance at a time does it (a lease in PostgreSQL): each round asks LiveKit about every live room.
    const reconciler = startReconciling({
      lease: reconciliationLease(databaseUrl),
      everyMs: RECONCILE_EVERY_MS,
      run: () => reconcile(deps),
      log,
    })
    stops.push(reconciler.stop)

    // Care-plan documents share the app's HTTP server and port (DESIGN.md).
    const collaboration = createCollaboration(deps)
    const app = createApp(deps, { collaboration })
    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve(
        {
          fetch: app.fetch,
          port: config.port,
          hostname: config.host,
          serverOptions: serverLimits(),
          websocket: { server: collaboration.wss },
        },
        () => resolve(s)
      )
      s.once('error', reject)
    })
    // Runs first on stop after the collaboration sockets (stops run in reverse): requests in flight finish while the
    // database is still there.
    stops.push(() => drainServer(server, events, log))
    // Runs before the server closes (stops run in reverse): every document is stored, then sockets close.
    stops.push(collaboration.stop)
    return { url: config.publicUrl, deps, demo, stop: stopAll }
  } catch (err) {
    await stopAll()
    throw err
  }
}

async function prepareDatabase(
  config: Config,
  log: Logger,
  stops: (() => Promise<void>)[],
  migrations: Promise<typeof import('./db/migrate')>
): Promise<string> {
  if (config.databaseUrl) {
    log.info('using the PostgreSQL server from DATABASE_URL')
    return (await (await migrations).migrateDatabase(config.databaseUrl)).appUrl
  }
  log.info('starting the embedded PostgreSQL', { dataDir: config.dataDir })
  const pg = await startEmbeddedPostgres(path.join(config.dataDir, 'postgres'))
  stops.push(pg.stop)
  const { migrateDatabase } = await migrations
  // The app's own role gets a fresh password each start: it is never stored anywhere.
  const migrate = () => migrateDatabase(pg.urlFor('careteam'), randomBytes(24).toString('hex'))
  try {
    return (await migrate()).appUrl
  } catch (err) {
    // Only the first start on a new data directory has no `careteam` database yet: create it, then migrate.
    // (Asking whether it exists first would cost every later start a connection and a query.)
    if (!hasSqlState(err, '3D000')) throw err // invalid_catalog_name
  }
  const { connect } = await import('./db/client')
  const admin = connect(pg.urlFor('postgres'), { max: 1 })
  try {
    await admin.sql`create database careteam`
  } catch (err) {
    if (!hasSqlState(err, '42P04')) throw err // duplicate_database: created meanwhile, fine
  } finally {
    await admin.close()
  }
  return (await migrate()).appUrl
}

/** Whether a PostgreSQL error has this SQLSTATE, also when a wrapper (drizzle's query error) carries it as its cause. */
function hasSqlState(err: unknown, state: string): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    if ((e as { code?: unknown }).code === state) return true
    e = (e as { cause?: unknown }).cause
  }
  return false
}

async function prepareLivekit(
  config: Config,
  log: Logger,
  stops: (() => Promise<void>)[]
): Promise<LivekitAdapter | undefined> {
  const sdk = early(import('./livekit/adapter'))
  if (config.livekit) {
    log.info('using the LiveKit server from LIVEKIT_URL', { url: config.livekit.url })
    return (await sdk).createLivekitAdapter(config.livekit)
  }
  const binary = await ensureLivekitBinary({ log: (msg) => log.info(msg) })
  if (!binary.ok) {
    log.warn(`Video is unavailable: ${binary.reason}`)
    return undefined
  }
  let lk: Awaited<ReturnType<typeof startLivekit>>
  try {
    lk = await startLivekit({
      binaryPath: binary.path,
      webhookUrl: `http://127.0.0.1:${config.port}/api/livekit/webhook`,
      log: (msg) => log.debug(msg),
    })
  } catch (err) {
    log.warn(
      `Video is unavailable: the local LiveKit server did not start (${(err as Error).message})`
    )
    return undefined
  }
  stops.push(lk.stop)
  log.info('started a local LiveKit server', { url: lk.url })
  return (await sdk).createLivekitAdapter(lk)
}

/** The banner's video line: which LiveKit, and whether it can be used. */
async function videoStatus(config: Config, livekit: LivekitAdapter | undefined): Promise<string> {
  if (!livekit) return 'Video: unavailable (see the warning above)'
  if (!config.livekit) return 'Video: ready (local LiveKit)'
  const ping = await livekit.ping()
  return ping.ok
    ? `Video: ready (LiveKit at ${config.livekit.url}, from LIVEKIT_URL)`
    : `Video: the LiveKit from LIVEKIT_URL (${config.livekit.url}) is not usable yet: ${ping.detail} /readyz shows its state.`
}

export async function main() {
  let config: Config
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(
        `${err.message}\nFix these environment variables and start again (see README, "Configuration").\n`
      )
      process.exit(1)
    }
    throw err
  }
  const log = createLogger(config.logLevel)
  // Node's default report of an unhandled error prints its message and stack, which can quote query values.
  process.on('unhandledRejection', (err) => log.error('unhandled rejection', errorFacts(err)))
  process.on('uncaughtException', (err) => {
    log.error('uncaught exception', errorFacts(err))
    process.exit(1)
  })
  const running = await startServer(config, log).catch((err: Error) => {
    process.stderr.write(`The app could not start: ${err.message}\n`)
    process.exit(1)
  })

  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    log.info('stopping', { signal })
    await running.stop()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))

  const lines = [
    '',
    `  Care team sessions is running at ${running.url}`,
    `  ${await videoStatus(config, running.deps.livekit)}`,
  ]
  if (running.demo.length) {
    lines.push('', '  Demo sign-ins:')
    for (const d of running.demo)
      lines.push(`    ${d.email.padEnd(34)} ${d.password}   ${d.description}`)
  }
  lines.push('', '  Press Ctrl-C to stop.', '')
  process.stdout.write(lines.join('\n') + '\n')
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main()
