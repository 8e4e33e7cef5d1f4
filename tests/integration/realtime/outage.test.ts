// PostgreSQL stops and starts again under open event streams. Requests meanwhile get a prompt 503; afterwards every
// stream is told to resync (it may have missed events), every event committed once LISTEN is back reaches every
// stream, and the outage and the recovery are each logged once.
import { randomUUID } from 'node:crypto'
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
import type { TestApp } from '../../support/app'
import {
  createCareTeam,
  createClinic,
  createClinician,
  scheduleCaseConference,
  signIn,
} from '../../support/people'

let dir: string
let pg: EmbeddedServer
let database: ReturnType<typeof connect>
let deps: Deps
let app: ReturnType<typeof createApp>
let cookie: string
let sessionId: string
const logLines: { msg: string }[] = []

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'careteam-streams-outage-'))
  await fs.chmod(dir, 0o755)
  pg = await startEmbeddedPostgres(path.join(dir, 'data'))
  const { appUrl } = await migrateDatabase(pg.urlFor('postgres'), 'streams-outage-password-0123')
  database = connect(appUrl, { max: 4, serving: true })
  const log = createLogger('debug', (line) => logLines.push(JSON.parse(line) as { msg: string }))
  deps = createDeps({
    config: loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }),
    db: database.db,
    livekit: undefined,
    events: await createEventHub(database.sql, log),
    log,
  })
  app = createApp(deps)
  // The people helpers need only the dependencies and a way to make requests.
  const t = {
    deps,
    request: (p: string, init: RequestInit & { json?: unknown; cookie?: string } = {}) =>
      app.request(p, {
        ...init,
        headers: {
          ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(init.cookie ? { cookie: init.cookie } : {}),
        },
        body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
      }),
  } as unknown as TestApp
  const clinicId = (await createClinic(t)).id
  const host = await createClinician(t, clinicId)
  const patient = await createCareTeam(t, clinicId, [host])
  sessionId = (await scheduleCaseConference(t, { clinicId, patientId: patient.id, host })).id
  cookie = await signIn(t, host)
}, 120_000)

afterAll(async () => {
  await deps.events.close()
  await database.close()
  await pg.stop()
  await fs.rm(dir, { recursive: true, force: true })
})

type Received = { resyncs: number; requestIds: Set<string>; closed: boolean }

/** Opens a stream and records, in the background, what arrives on it. */
async function openStream(): Promise<Received> {
  const res = await app.request(`/api/sessions/${sessionId}/events`, { headers: { cookie } })
  expect(res.status).toBe(200)
  const received: Received = { resyncs: 0, requestIds: new Set(), closed: false }
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }))
      if (done) break
      buffer += decoder.decode(value, { stream: true })
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        if (block.includes('event: resync')) received.resyncs++
        const data = block.split('\n').find((l) => l.startsWith('data: '))
        const parsed = data ? (JSON.parse(data.slice(6)) as { requestId?: string }) : {}
        if (parsed.requestId) received.requestIds.add(parsed.requestId)
      }
    }
    received.closed = true
  })()
  return received
}

/** Commits one event in its own transaction; returns its marker, or undefined if the database refused. */
async function commitEvent(): Promise<string | undefined> {
  const requestId = randomUUID()
  try {
    await deps.db.transaction((tx) =>
      deps.events.publish(tx, { type: 'consent.requested', sessionId, requestId })
    )
    return requestId
  } catch {
    return undefined
  }
}

const signInAttempt = () =>
  app.request('/api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'someone@test.clinic', password: 'whatever-it-is' }),
  })

const logged = (msg: RegExp) => logLines.filter((l) => msg.test(l.msg)).length

describe('event streams across a database outage', () => {
  it('tell every stream to resync and deliver every event committed after recovery', async () => {
    const streams = await Promise.all([openStream(), openStream(), openStream()])
    const before = await commitEvent()
    await expect
      .poll(() => streams.every((s) => s.requestIds.has(before!)), { timeout: 10_000 })
      .toBe(true)

    const port = pg.port
    await pg.stop()
    await expect.poll(() => logged(/connection lost/), { timeout: 10_000 }).toBe(1)

    // While it is down: answers, not waits. Requests and new streams get 503 with Retry-After.
    const down = await signInAttempt()
    expect(down.status).toBe(503)
    expect(down.headers.get('retry-after')).toBeTruthy()
    const newStream = await app.request(`/api/sessions/${sessionId}/events`, {
      headers: { cookie },
    })
    expect(newStream.status).toBe(503)

    pg = await startEmbeddedPostgres(path.join(dir, 'data'), { port })
    // Committed as soon as the database takes them, possibly before LISTEN is back: covered by the resync.
    const early: string[] = []
    await expect
      .poll(
        async () => {
          const id = await commitEvent()
          if (id) early.push(id)
          return early.length
        },
        { timeout: 20_000, interval: 100 }
      )
      .toBeGreaterThanOrEqual(3)
    await expect.poll(() => logged(/connection restored/), { timeout: 20_000 }).toBe(1)
    await expect.poll(() => streams.every((s) => s.resyncs >= 1), { timeout: 10_000 }).toBe(true)

    const after: string[] = []
    for (let i = 0; i < 20; i++) after.push((await commitEvent())!)
    expect(after.every(Boolean)).toBe(true)
    await expect
      .poll(() => streams.every((s) => after.every((id) => s.requestIds.has(id))), {
        timeout: 10_000,
      })
      .toBe(true)
    expect(streams.every((s) => !s.closed)).toBe(true)
    expect((await signInAttempt()).status).toBe(401)
    // Once each: not once per failed request or per reconnection attempt.
    expect(logged(/connection lost/)).toBe(1)
    expect(logged(/connection restored/)).toBe(1)
  }, 90_000)
})
