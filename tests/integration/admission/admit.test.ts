// A host admitting one person, in two round trips (server/admission/admit.ts): the same checks as before, refusals
// audited apart, and an admission writes its row, the entry, one audit row on the patient's chain and its events,
// all or nothing.
import { beforeAll, describe, expect, it } from 'vitest'
import type { ServerEvent } from '../../../shared/events'
import { verify } from '../../../server/audit/service'
import { startTestApp, type TestApp } from '../../support/app'
import {
  exchangeLink,
  giveJointConsent,
  gpAndPsychologistWithPatient,
  scheduleSession,
  type TestClinician,
} from '../../support/people'
import { readEventsUntil } from '../../support/sse'

let t: TestApp
let gp: TestClinician
let psych: TestClinician
let gpCookie: string
let psychCookie: string
let patientId: string

beforeAll(async () => {
  t = await startTestApp({}, { livekit: true })
  ;({ gp, psych, patientId, gpCookie, psychCookie } = await gpAndPsychologistWithPatient(t))
})

const post = (path: string, cookie: string, json?: unknown) =>
  t.request(path, { method: 'POST', cookie, json })

/** A joint session hosted by the GP (the psychologist invited, not hosting); its patient waits, consent given or not. */
async function patientWaiting(opts: { consent: boolean }) {
  const { session, links } = await scheduleSession(t, gpCookie, {
    patientId,
    invitePatient: true,
    clinicianIds: [psych.id],
  })
  const link = links.find((l) => l.role === 'patient')!
  const cookie = await exchangeLink(t, link.url, '1985-06-01')
  if (opts.consent) await giveJointConsent(t, session.id, cookie, [])
  await post(`/api/sessions/${session.id}/arrival`, gpCookie)
  await post(`/api/sessions/${session.id}/arrival`, cookie)
  return { sessionId: session.id, patient: { id: link.participantId, cookie } }
}
const admit = (sessionId: string, participantId: string, cookie = gpCookie) =>
  post(`/api/sessions/${sessionId}/admissions`, cookie, { participantId })
const admissionRows = (participantId: string) =>
  t.owner.sql<{ admitted_by: string | null; ended_at: Date | null }[]>`
    select admitted_by, ended_at from admissions where participant_id = ${participantId}`
const entryOf = async (participantId: string) =>
  (
    await t.owner.sql<{ state: string; decided_by: string | null; seen_at: Date | null }[]>`
      select state, decided_by, seen_at from lobby_entries where participant_id = ${participantId}`
  )[0]!
const auditRows = (participantId: string) =>
  t.owner.sql<
    {
      action: string
      actor_kind: string
      actor_id: string | null
      subject_kind: string
      patient_id: string
      detail: unknown
    }[]
  >`
    select action, actor_kind, actor_id, subject_kind, patient_id, detail from audit_events
    where subject_id = ${participantId} and action like 'admission.%' order by seq`

describe('a host admitting one person', () => {
  it('records the admission, the entry, one audit row and the events for the person’s tabs', async () => {
    const { sessionId, patient } = await patientWaiting({ consent: true })
    const stream = await t.request(`/api/sessions/${sessionId}/events`, { cookie: patient.cookie })
    const events = readEventsUntil(stream, (e) => e.some((x) => x.type === 'lobby.changed'))
    await t.owner.sql`update lobby_entries set seen_at = now() where participant_id = ${patient.id}`

    expect((await admit(sessionId, patient.id)).status).toBe(204)
    expect(await admissionRows(patient.id)).toEqual([{ admitted_by: gp.id, ended_at: null }])
    expect(await entryOf(patient.id)).toEqual({
      state: 'admitted',
      decided_by: gp.id,
      seen_at: null,
    })
    expect(await auditRows(patient.id)).toEqual([
      {
        action: 'admission.granted',
        actor_kind: 'clinician',
        actor_id: gp.id,
        subject_kind: 'participant',
        patient_id: patientId,
        detail: {},
      },
    ])
    expect(await events).toEqual<ServerEvent[]>([
      { type: 'admission.granted', sessionId, participantId: patient.id },
      { type: 'lobby.changed', sessionId },
    ])
    expect(await verify(t.owner.db)).toMatchObject({ ok: true })
  })

  it('refuses someone whose consent is missing, audits the refusal and writes nothing else', async () => {
    const { sessionId, patient } = await patientWaiting({ consent: false })
    const res = await admit(sessionId, patient.id)
    expect(res.status).toBe(409)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('consent_required')
    expect(await admissionRows(patient.id)).toEqual([])
    expect((await entryOf(patient.id)).state).toBe('waiting')
    expect(await auditRows(patient.id)).toEqual([
      expect.objectContaining({
        action: 'admission.refused_consent',
        actor_id: gp.id,
        detail: { reasons: [expect.any(String)] },
      }),
    ])
  })

  it('refuses anyone but a host, someone not waiting, and an ended session', async () => {
    const { sessionId, patient } = await patientWaiting({ consent: true })
    // The invited psychologist and the patient: no host, so no such session for them.
    expect((await admit(sessionId, patient.id, psychCookie)).status).toBe(404)
    expect((await admit(sessionId, patient.id, patient.cookie)).status).toBe(404)
    expect(await admissionRows(patient.id)).toEqual([])

    expect((await admit(sessionId, patient.id)).status).toBe(204)
    const again = await admit(sessionId, patient.id)
    expect(again.status).toBe(409)
    expect(await again.json()).toEqual({
      error: { code: 'conflict', message: 'This person is no longer waiting.' },
    })

    const other = await patientWaiting({ consent: true })
    expect((await post(`/api/sessions/${other.sessionId}/end`, gpCookie)).status).toBe(204)
    const ended = await admit(other.sessionId, other.patient.id)
    expect(ended.status).toBe(409)
    expect(((await ended.json()) as { error: { message: string } }).error.message).toBe(
      'This session has ended.'
    )
    expect(await admissionRows(other.patient.id)).toEqual([])
  })

  it('makes exactly one admission when hosts press Admit at the same moment', async () => {
    const { sessionId, patient } = await patientWaiting({ consent: true })
    const answers = await Promise.all([1, 2, 3].map(() => admit(sessionId, patient.id)))
    expect(answers.map((r) => r.status).sort()).toEqual([204, 409, 409])
    expect(await admissionRows(patient.id)).toHaveLength(1)
    expect((await auditRows(patient.id)).map((r) => r.action)).toEqual(['admission.granted'])
    expect(await verify(t.owner.db)).toMatchObject({ ok: true })
  })
})
