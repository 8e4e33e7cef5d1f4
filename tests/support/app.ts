// startTestApp(): the real app on a fresh database copied from the migrated template.
import { randomBytes } from 'node:crypto'
import { afterAll, inject } from 'vitest'
import { installRoomGuard } from '../../server/admission/room-guard'
import { createApp } from '../../server/app'
import { loadConfig, type Config } from '../../server/config'
import { connect } from '../../server/db/client'
import { createDeps, type Deps } from '../../server/deps'
import { createLivekitAdapter } from '../../server/livekit/adapter'
import { createLogger, type Logger } from '../../server/log'
import { createEventHub } from '../../server/realtime/events'
import { TEMPLATE, withDatabase } from './postgres'

export type TestApp = {
  deps: Deps
  app: ReturnType<typeof createApp>
  /** A superuser/owner connection to the same database, for assertions the app's role may not make. */
  owner: ReturnType<typeof connect>
  /** The app's own connection (its restricted role), for raw statements. */
  appSql: ReturnType<typeof connect>['sql']
  request: (
    path: string,
    init?: RequestInit & { json?: unknown; cookie?: string }
  ) => Promise<Response>
  databaseName: string
  /** The URL the app connects with (its restricted role). */
  appUrl: string
  /** Stops this instance (its event hub and pool), as when its process ends. Safe to call twice. */
  close: () => Promise<void>
}

export async function startTestApp(
  overrides: Partial<Config> = {},
  /** `sameDatabaseAs`: a second app instance on another instance's database (the first one drops it). */
  opts: { livekit?: boolean; sameDatabaseAs?: TestApp; log?: Logger } = {}
): Promise<TestApp> {
  const adminUrl = inject('adminUrl')
  const appUser = inject('appUser')
  const databaseName = opts.sameDatabaseAs?.databaseName ?? `t_${randomBytes(6).toString('hex')}`
  const admin = connect(withDatabase(adminUrl, 'postgres'), { max: 1 })
  if (!opts.sameDatabaseAs)
    await admin.sql.unsafe(`create database ${databaseName} template ${TEMPLATE}`)

  const appUrl = new URL(withDatabase(adminUrl, databaseName))
  if (appUser) {
    appUrl.username = appUser.user
    appUrl.password = appUser.password
  }
  const database = connect(appUrl.toString(), { max: 5, serving: true })
  const owner = connect(withDatabase(adminUrl, databaseName), { max: 2 })
  const config = { ...loadConfig({ DATA_DIR: '/nonexistent', LOG_LEVEL: 'silent' }), ...overrides }
  const log = opts.log ?? createLogger(process.env.TEST_LOG === '1' ? 'debug' : 'silent')
  const events = await createEventHub(database.sql, log)
  const livekitCredentials = inject('livekit')
  if (opts.livekit && !livekitCredentials)
    throw new Error(
      'This test needs the LiveKit server, which did not start (see tests/support/postgres.ts)'
    )
  const livekit =
    opts.livekit && livekitCredentials ? createLivekitAdapter(livekitCredentials) : undefined
  const deps: Deps = createDeps({
    config,
    db: database.db,
    livekit,
    events,
    log,
  })
  const guard = installRoomGuard(deps)
  const app = createApp(deps)

  let closing: Promise<void> | undefined
  const close = () =>
    (closing ??= (async () => {
      await events.close()
      await database.close()
    })())
  afterAll(async () => {
    await guard.stop()
    await close()
    await owner.close()
    if (!opts.sameDatabaseAs)
      await admin.sql.unsafe(`drop database if exists ${databaseName} with (force)`)
    await admin.close()
  })

  const request: TestApp['request'] = (path, init = {}) => {
    const headers = new Headers(init.headers)
    if (init.json !== undefined) headers.set('content-type', 'application/json')
    if (init.cookie) headers.set('cookie', init.cookie)
    return Promise.resolve(
      app.request(path, {
        ...init,
        headers,
        body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
      })
    )
  }
  return {
    deps,
    app,
    owner,
    appSql: database.sql,
    request,
    databaseName,
    appUrl: appUrl.toString(),
    close,
  }
}
