// A request past its deadline is answered 503 with Retry-After, and its transaction then rolls back instead of
// committing a change the client was told had not happened.
import { sql } from 'drizzle-orm'
import { Hono } from 'hono'
import { beforeAll, describe, expect, it } from 'vitest'
import * as accountsStore from '../../../server/accounts/store'
import type { AppEnv } from '../../../server/deps'
import { requestDeadline } from '../../../server/http/deadline'
import { onError } from '../../../server/http/errors'
import { startTestApp, type TestApp } from '../../support/app'

let t: TestApp

beforeAll(async () => {
  t = await startTestApp()
})

describe('the request deadline', () => {
  it('answers 503 when a request outlives it, and its transaction does not commit', async () => {
    let finished: Promise<unknown> = Promise.resolve()
    const app = new Hono<AppEnv>().use(requestDeadline(100)).post('/slow', async (c) => {
      finished = t.deps.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_sleep(0.5)`)
        await accountsStore.insertClinic(tx, 'committed too late')
      })
      await finished
      return c.json({ ok: true })
    })
    app.onError(onError(t.deps.log))

    const res = await app.request('/slow', { method: 'POST' })
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBeTruthy()
    expect(await res.json()).toEqual({
      error: { code: 'unavailable', message: expect.stringMatching(/try again/i) },
    })
    await expect(finished).rejects.toThrow()
    const rows = await t.owner.sql`select 1 from clinics where name = 'committed too late'`
    expect(rows).toHaveLength(0)
  })

  it('lets a request within it through untouched', async () => {
    const app = new Hono<AppEnv>().use(requestDeadline(5_000)).get('/quick', async (c) => {
      await t.deps.db.transaction((tx) => accountsStore.insertClinic(tx, 'committed in time'))
      return c.json({ ok: true })
    })
    expect((await app.request('/quick')).status).toBe(200)
    const rows = await t.owner.sql`select 1 from clinics where name = 'committed in time'`
    expect(rows).toHaveLength(1)
  })
})
