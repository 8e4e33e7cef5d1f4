// Shutdown drains: with requests in flight (held on a lock the test controls) and an open event stream, stopping the
// server refuses new connections, tells the stream to reconnect, and still answers every request in flight.
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { beforeAll, describe, expect, it } from 'vitest'
import { drainServer } from '../../../server/http/shutdown'
import { startTestApp, type TestApp } from '../../support/app'
import { createCareTeam, createClinic, createClinician, signIn } from '../../support/people'

/** The audit trail's append lock (server/audit/service.ts): holding it holds every audited write. */
const AUDIT_LOCK = 7243002

let t: TestApp
let cookie: string
let patientId: string

beforeAll(async () => {
  t = await startTestApp()
  const clinicId = (await createClinic(t)).id
  const gp = await createClinician(t, clinicId)
  patientId = (await createCareTeam(t, clinicId, [gp])).id
  cookie = await signIn(t, gp)
})

describe('stopping the server', () => {
  it('answers every request in flight and ends event streams with "reconnect"', async () => {
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' })
    await new Promise<void>((resolve) => server.once('listening', () => resolve()))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const headers = { cookie, 'content-type': 'application/json' }

    // An open event stream for a session of this clinician.
    const scheduled = await fetch(`${base}/api/sessions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        kind: 'case_conference',
        patientId,
        startsAt: new Date(Date.now() + 3600_000).toISOString(),
        durationMinutes: 30,
      }),
    })
    expect(scheduled.status).toBe(201)
    const { session } = (await scheduled.json()) as { session: { id: string } }
    const stream = await fetch(`${base}/api/sessions/${session.id}/events`, { headers })
    const streamText = stream.text()

    // Requests in flight: audited writes, each waiting for the lock of the patient's audit chain the test holds.
    const holder = await t.owner.sql.reserve()
    await holder`select pg_advisory_lock(${AUDIT_LOCK}, hashtext(${patientId}))`
    const inFlight = Array.from({ length: 4 }, (_, i) =>
      fetch(`${base}/api/patients/${patientId}`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ displayName: `Renamed ${i}` }),
      }).then(
        async (res) => ({ status: res.status, body: await res.text() }),
        (err: Error) => ({ status: 0, body: err.message })
      )
    )
    await expect
      .poll(
        async () =>
          (
            await t.owner.sql<{ n: number }[]>`
            select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock'`
          )[0]!.n,
        { timeout: 10_000 }
      )
      .toBe(4)

    const stopped = drainServer(server, t.deps.events, t.deps.log)
    // New connections are refused while the old ones finish.
    await expect
      .poll(
        () =>
          fetch(`${base}/healthz`).then(
            () => 'accepted',
            () => 'refused'
          ),
        {
          timeout: 5_000,
        }
      )
      .toBe('refused')
    // The stream was told to reconnect, and ended.
    expect(await streamText).toMatch(/event: reconnect/)

    await holder`select pg_advisory_unlock(${AUDIT_LOCK}, hashtext(${patientId}))`
    holder.release()
    const answers = await Promise.all(inFlight)
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200])
    await stopped
    expect(server.listening).toBe(false)
  })
})
