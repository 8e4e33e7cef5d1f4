// config → database (embedded or URL) → migrations → LiveKit (given or local) → app → HTTP → graceful shutdown.
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { seedDemo, type DemoSignIn } from '../scripts/demo-data'
import { ensureLivekitBinary, startLivekit } from '../scripts/livekit'
import { createApp } from './app'
import * as attendance from './attendance/service'
import { type Config, ConfigError, loadConfig } from './config'
import { connect } from './db/client'
import { startEmbeddedPostgres } from './db/embedded'
import { migrateDatabase } from './db/migrate'
import type { Deps } from './deps'
import { createLivekitAdapter, type LivekitAdapter } from './livekit/adapter'
import { createLogger, type Logger } from './log'
import { createEventHub } from './realtime/events'

const RECONCILE_EVERY_MS = 30_000

export type RunningApp = { url: string; deps: Deps; demo: DemoSignIn[]; stop: () => Promise<void> }

export async function startServer(config: Config, log: Logger = createLogger(config.logLevel)): Promise<RunningApp> {
  const stops: (() => Promise<void>)[] = []
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((err) => log.warn('shutdown step failed', { name: (err as Error).name }))
  }
  try {
    // PostgreSQL and LiveKit start side by side. allSettled, so a failure of one still lets the other register its
    // stop before everything is torn down.
    const [db, lk] = await Promise.allSettled([prepareDatabase(config, log, stops), prepareLivekit(config, log, stops)])
    if (db.status === 'rejected') throw db.reason
    if (lk.status === 'rejected') throw lk.reason
    const databaseUrl = db.value
    const livekit = lk.value
    const database = connect(databaseUrl)
    stops.push(database.close)
    const events = await createEventHub(database.sql, log)
    stops.push(events.close)
    const deps: Deps = { config, db: database.db, livekit, events, log, clock: () => new Date() }
    const demo = config.seedDemo ? await seedDemo(deps) : []

    // Webhooks are lossy; reconciliation with LiveKit's own list repairs attendance and removes stragglers.
    const reconciling = setInterval(() => {
      attendance.reconcile(deps).catch((err) => log.warn('attendance reconciliation failed', { name: (err as Error).name }))
    }, RECONCILE_EVERY_MS)
    reconciling.unref()
    stops.push(async () => clearInterval(reconciling))

    const app = createApp(deps)
    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s))
      s.once('error', reject)
    })
    stops.push(() => new Promise<void>((resolve) => {
      server.close(() => resolve())
      // Open keep-alive or streaming connections must not hold shutdown hostage.
      ;(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.()
    }))
    return { url: config.publicUrl, deps, demo, stop: stopAll }
  } catch (err) {
    await stopAll()
    throw err
  }
}

async function prepareDatabase(config: Config, log: Logger, stops: (() => Promise<void>)[]): Promise<string> {
  if (config.databaseUrl) {
    log.info('using the PostgreSQL server from DATABASE_URL')
    return (await migrateDatabase(config.databaseUrl)).appUrl
  }
  log.info('starting the embedded PostgreSQL', { dataDir: config.dataDir })
  const pg = await startEmbeddedPostgres(path.join(config.dataDir, 'postgres'))
  stops.push(pg.stop)
  const admin = connect(pg.urlFor('postgres'), { max: 1 })
  try {
    const exists = await admin.sql`select 1 from pg_database where datname = 'careteam'`
    if (exists.length === 0) await admin.sql`create database careteam`
  } finally {
    await admin.close()
  }
  // The app's own role gets a fresh password each start: it is never stored anywhere.
  return (await migrateDatabase(pg.urlFor('careteam'), randomBytes(24).toString('hex'))).appUrl
}

async function prepareLivekit(config: Config, log: Logger, stops: (() => Promise<void>)[]): Promise<LivekitAdapter | undefined> {
  if (config.livekit) {
    log.info('using the LiveKit server from LIVEKIT_URL', { url: config.livekit.url })
    return createLivekitAdapter(config.livekit)
  }
  const binary = await ensureLivekitBinary({ log: (msg) => log.info(msg) })
  if (!binary.ok) {
    log.warn(`Video is unavailable: ${binary.reason}`)
    return undefined
  }
  try {
    const lk = await startLivekit({
      binaryPath: binary.path,
      webhookUrl: `http://127.0.0.1:${config.port}/api/livekit/webhook`,
      log: (msg) => log.debug(msg),
    })
    stops.push(lk.stop)
    log.info('started a local LiveKit server', { url: lk.url })
    return createLivekitAdapter(lk)
  } catch (err) {
    log.warn(`Video is unavailable: the local LiveKit server did not start (${(err as Error).message})`)
    return undefined
  }
}

async function main() {
  let config: Config
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nFix these environment variables and start again (see README, "Configuration").\n`)
      process.exit(1)
    }
    throw err
  }
  const log = createLogger(config.logLevel)
  const running = await startServer(config, log).catch((err: Error) => {
    process.stderr.write(`The app could not start: ${err.message}\n`)
    process.exit(1)
  })
  const lines = [
    '',
    `  Care team sessions is running at ${running.url}`,
    running.deps.livekit ? '  Video: ready (local LiveKit)' : '  Video: unavailable (see the warning above)',
  ]
  if (running.demo.length) {
    lines.push('', '  Demo sign-ins:')
    for (const d of running.demo) lines.push(`    ${d.email.padEnd(34)} ${d.password}   ${d.description}`)
  }
  lines.push('', '  Press Ctrl-C to stop.', '')
  process.stdout.write(lines.join('\n') + '\n')

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
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main()
