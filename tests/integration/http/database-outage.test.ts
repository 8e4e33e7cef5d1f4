// PostgreSQL stops mid-session: the app answers 503 with Retry-After meanwhile and recovers by itself.
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../server/app'
import { loadConfig } from '../../../server/config'
import { connect } from '../../../server/db/client'
import { startEmbeddedPostgres, type EmbeddedServer } from '../../../server/db/embedded'
import { migrateDatabase } from '../../../server/db/migrate'
import { createDeps, type Deps } from '../../../server/deps'
import { createLogger } from '../../../server/log'
import { createEventHub } from '../../../server/realtime/events'

let dir: string
let pg: EmbeddedServer
let database: ReturnType<typeof connect>
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'careteam-outage-'))
  await fs.chmod(dir, 0o755)
  pg = await startEmbeddedPostgres(path.join(dir, 'data'))
  const { appUrl } = await migrateDatabase(pg.urlFor('postgres'), 'outage-test-password-0123456789')
  database = connect(appUrl, { max: 2 })
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' })
  const log = createLogger('silent')
  const deps: Deps = createDeps({
    config,
    db: database.db,
    livekit: undefined,
    events: await createEventHub(database.sql, log),
    log,
  })
  app = createApp(deps)
})

afterAll(async () => {
  await database.close()
  await pg.stop()
  await fs.rm(dir, { recursive: true, force: true })
})

describe('when the database goes away', () => {
  it('answers 503 with Retry-After while it is down and recovers without a restart', async () => {
    const signIn = () =>
      app.request('/api/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'someone@test.clinic', password: 'whatever-it-is' }),
      })
    expect((await signIn()).status).toBe(401)
    expect((await app.request('/readyz')).status).toBe(200)

    const port = pg.port
    await pg.stop()
    const down = await signIn()
    expect(down.status).toBe(503)
    expect(down.headers.get('retry-after')).toBe('5')
    expect(await down.json()).toEqual({
      error: { code: 'unavailable', message: expect.stringMatching(/try again/i) },
    })
    const ready = await app.request('/readyz')
    expect(ready.status).toBe(503)
    expect(await ready.json()).toMatchObject({ ok: false, database: { ok: false } })

    pg = await startEmbeddedPostgres(path.join(dir, 'data'), { port })
    await expect.poll(async () => (await signIn()).status, { timeout: 15_000 }).toBe(401)
    expect((await app.request('/readyz')).status).toBe(200)
  })
})
