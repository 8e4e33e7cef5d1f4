// Ids spelt in upper or mixed case are the same ids: they must not break the audit chain from outside, and must
// find the same people as the stored lower-case ids.
import { beforeAll, describe, expect, it } from 'vitest'
import * as audit from '../../../server/audit/service'
import { startTestApp, type TestApp } from '../../support/app'
import {
  createCareTeam,
  createClinic,
  createClinician,
  giveJointConsent,
  linkParts,
  scheduleSession,
  signIn,
} from '../../support/people'

let t: TestApp
let hostCookie: string
let patientId: string
const DOB = '1985-06-01'
const mixedCase = (id: string) =>
  [...id].map((ch, i) => (i % 2 ? ch.toUpperCase() : ch.toLowerCase())).join('')

beforeAll(async () => {
  t = await startTestApp()
  const clinicId = (await createClinic(t)).id
  const gp = await createClinician(t, clinicId, { discipline: 'primary_care' })
  patientId = (await createCareTeam(t, clinicId, [gp])).id
  hostCookie = await signIn(t, gp)
})

const post = (path: string, cookie: string | undefined, json?: unknown) =>
  t.request(path, { method: 'POST', cookie, json })

describe('ids in upper and mixed case', () => {
  it('keep the audit chain verifiable, whoever sends them', async () => {
    const { session, links } = await scheduleSession(t, hostCookie, {
      patientId,
      invitePatient: true,
    })
    const { secret } = linkParts(links[0]!.url)
    // Anonymous: a wrong secret with an upper-case session id, then the right one with a mixed-case id.
    const wrong = await post('/api/invitations/exchange', undefined, {
      sessionId: session.id.toUpperCase(),
      secret: 'x'.repeat(32),
      dateOfBirth: DOB,
    })
    expect(wrong.status).toBeGreaterThanOrEqual(400)
    const right = await post('/api/invitations/exchange', undefined, {
      sessionId: mixedCase(session.id),
      secret,
      dateOfBirth: DOB,
    })
    expect(right.status).toBe(200)
    // A signed-in clinician: reading and changing the patient by an upper-case id.
    expect(
      (await t.request(`/api/patients/${patientId.toUpperCase()}`, { cookie: hostCookie })).status
    ).toBe(200)
    const [count] = await t.owner.sql<{ n: number }[]>`select count(*)::int as n from audit_events`
    expect(count!.n).toBeGreaterThanOrEqual(4)
    expect(await audit.verify(t.deps.db)).toEqual({ ok: true, checked: count!.n })
  })

  it('are hashed as stored, also when a service passes one as spelt', async () => {
    const id = '0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D'
    await t.deps.db.transaction((tx) =>
      audit.record(tx, { kind: 'system' }, 'test.spelt', {
        subjectKind: 'session',
        subjectId: id,
        patientId: id,
        detail: { sessionId: id, dropped: undefined },
      })
    )
    expect(await audit.verify(t.deps.db)).toMatchObject({ ok: true })
  })

  it('admit a consented patient by an upper-case participant id', async () => {
    const { session, links } = await scheduleSession(t, hostCookie, {
      patientId,
      invitePatient: true,
    })
    const patient = links.find((l) => l.role === 'patient')!
    const exchanged = await post('/api/invitations/exchange', undefined, {
      ...linkParts(patient.url),
      dateOfBirth: DOB,
    })
    const patientCookie = (exchanged.headers.get('set-cookie') ?? '').split(';')[0]!
    const host = session.participants.find((p) => p.role === 'host')!
    await giveJointConsent(t, session.id, patientCookie, [{ participantId: host.id }])
    expect((await post(`/api/sessions/${session.id}/arrival`, hostCookie)).status).toBe(200)
    expect((await post(`/api/sessions/${session.id}/arrival`, patientCookie)).status).toBe(200)

    const res = await post(`/api/sessions/${session.id.toUpperCase()}/admissions`, hostCookie, {
      participantId: patient.participantId.toUpperCase(),
    })
    expect(res.status).toBe(204)
    const status = await t.request(`/api/sessions/${session.id}/my-status`, {
      cookie: patientCookie,
    })
    expect(await status.json()).toMatchObject({ state: 'admitted' })
    expect(await audit.verify(t.deps.db)).toMatchObject({ ok: true })
  })
})
