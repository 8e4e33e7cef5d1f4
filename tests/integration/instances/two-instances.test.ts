// Two app instances on one database, as behind a load balancer: server events cross instances exactly once, and
// attendance reconciliation runs on one instance at a time, with another taking over when the holder stops.
import { beforeAll, describe, expect, it } from 'vitest'
import { startReconciling, type Reconciler } from '../../../server/attendance/reconciler'
import { reconcile } from '../../../server/attendance/service'
import { createLease, LEASES } from '../../../server/db/lease'
import { startTestApp, type TestApp } from '../../support/app'
import {
  acknowledge,
  createCareTeam,
  createClinic,
  createClinician,
  exchangeLink,
  giveJointConsent,
  scheduleSession,
  signIn,
} from '../../support/people'
import { readEventsUntil } from '../../support/sse'

let a: TestApp
let b: TestApp
let hostCookie: string
let patientId: string

beforeAll(async () => {
  a = await startTestApp()
  b = await startTestApp({}, { sameDatabaseAs: a })
  const clinicId = (await createClinic(a)).id
  const gp = await createClinician(a, clinicId)
  patientId = (await createCareTeam(a, clinicId, [gp])).id
  hostCookie = await signIn(a, gp)
})

/** Polls until `check` is true; the test's own timeout bounds the wait. */
async function eventually(check: () => boolean | Promise<boolean>) {
  while (!(await check())) await new Promise((r) => setTimeout(r, 20))
}

describe('server events across instances', () => {
  it('delivers an event published on one instance to streams on both, each exactly once', async () => {
    const { session, links } = await scheduleSession(a, hostCookie, {
      patientId,
      invitePatient: true,
      specialists: [{ displayName: 'Dr V', email: 'v@x.example', discipline: 'urology' }],
    })
    const specialist = links.find((l) => l.role === 'specialist')!
    const patientCookie = await exchangeLink(
      a,
      links.find((l) => l.role === 'patient')!.url,
      '1985-06-01'
    )
    const cookie = await exchangeLink(a, specialist.url)
    await giveJointConsent(a, session.id, patientCookie, [
      { participantId: specialist.participantId },
    ])
    await acknowledge(a, session.id, cookie)
    await a.request(`/api/sessions/${session.id}/arrival`, { method: 'POST', cookie })

    const onB = await b.request(`/api/sessions/${session.id}/events`, { cookie })
    const onA = await a.request(`/api/sessions/${session.id}/events`, { cookie: hostCookie })
    // Another session's stream on B must hear nothing of this one.
    const other = await scheduleSession(a, hostCookie, { patientId, kind: 'case_conference' })
    const otherOnB = await b.request(`/api/sessions/${other.session.id}/events`, {
      cookie: hostCookie,
    })
    const isLast = (events: { type: string }[]) => events.at(-1)?.type === 'lobby.changed'
    // The admission sends two events; the lobby message a third, which closes the reading: anything duplicated
    // would arrive before it, as pg_notify delivers one connection's notifications in commit order.
    const readB = readEventsUntil(onB, (e) => e.length >= 3 && isLast(e))
    const readA = readEventsUntil(onA, (e) => e.length >= 3 && isLast(e))
    const admit = await a.request(`/api/sessions/${session.id}/admissions`, {
      method: 'POST',
      cookie: hostCookie,
      json: { participantId: specialist.participantId },
    })
    expect(admit.status).toBe(204)
    const message = await b.request(`/api/sessions/${session.id}/lobby/message`, {
      method: 'PUT',
      cookie: hostCookie,
      json: { message: 'Starting in a minute' },
    })
    expect(message.status).toBe(204)
    // A last event for the other session, published after everything above, ends its reading.
    const otherRead = readEventsUntil(otherOnB, (e) => e.length >= 1)
    await a.request(`/api/sessions/${other.session.id}/lobby/message`, {
      method: 'PUT',
      cookie: hostCookie,
      json: { message: 'Later' },
    })

    const expected = [
      { type: 'admission.granted', sessionId: session.id, participantId: specialist.participantId },
      { type: 'lobby.changed', sessionId: session.id },
      { type: 'lobby.changed', sessionId: session.id },
    ]
    expect(await readB).toEqual(expected)
    expect(await readA).toEqual(expected)
    expect(await otherRead).toEqual([{ type: 'lobby.changed', sessionId: other.session.id }])
  })
})

/** The instance's reconciliation lease, counting its attempts (so a test can wait until both have tried). */
function countedLease(t: TestApp) {
  const lease = createLease(t.appUrl, LEASES.reconciliation)
  const counted = {
    tries: 0,
    tryHold: () => {
      counted.tries++
      return lease.tryHold()
    },
    release: lease.release,
  }
  return counted
}

describe('attendance reconciliation across instances', () => {
  it('runs on one instance at a time, and another takes over when the holder stops', async () => {
    let concurrent = 0
    let maxConcurrent = 0
    const start = (t: TestApp) => {
      const lease = countedLease(t)
      const state = { lease, runs: 0, reconciler: undefined as Reconciler | undefined }
      state.reconciler = startReconciling({
        lease,
        everyMs: 10,
        log: t.deps.log,
        run: async () => {
          state.runs++
          maxConcurrent = Math.max(maxConcurrent, ++concurrent)
          await reconcile(t.deps)
          await new Promise((r) => setTimeout(r, 5))
          concurrent--
        },
      })
      return state
    }
    const onA = start(a)
    const onB = start(b)
    await eventually(() => onA.lease.tries >= 10 && onB.lease.tries >= 10)
    const [holder, other] = onA.runs > 0 ? [onA, onB] : [onB, onA]
    expect(holder.runs).toBeGreaterThan(0)
    expect(other.runs).toBe(0)
    expect(maxConcurrent).toBe(1)

    await holder.reconciler!.stop()
    const stoppedAt = holder.runs
    await eventually(() => other.runs >= 3)
    expect(holder.runs).toBe(stoppedAt)
    expect(maxConcurrent).toBe(1)
    await other.reconciler!.stop()
  })

  it("is taken over when the holder's database connection ends, as when its process dies", async () => {
    const leaseA = createLease(a.appUrl, LEASES.reconciliation)
    expect(await leaseA.tryHold()).toBe(true)
    const leaseB = countedLease(b)
    let runsB = 0
    const onB = startReconciling({
      lease: leaseB,
      everyMs: 10,
      log: b.deps.log,
      run: async () => void runsB++,
    })
    await eventually(() => leaseB.tries >= 5)
    expect(runsB).toBe(0)

    await a.owner.sql`
      select pg_terminate_backend(pid) from pg_locks
      where locktype = 'advisory' and objid = ${LEASES.reconciliation}::int::oid and granted
        and database = (select oid from pg_database where datname = current_database())`
    await eventually(() => runsB >= 1)
    // A, its connection gone, finds the lease taken.
    expect(await leaseA.tryHold()).toBe(false)
    await onB.stop()
    await leaseA.release()
  })
})
