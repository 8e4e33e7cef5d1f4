// "Let … wait again": a host undoes a decline or a removal. The person waits again on their next arrival, and their
// consent still gates admission exactly as for anyone else.
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { Lobby, MyStatus } from '../../../shared/admission'
import { startTestApp, type TestApp } from '../../support/app'
import {
  auditActions,
  exchangeLink,
  giveJointConsent,
  gpAndPsychologistWithPatient,
  scheduleSession,
} from '../../support/people'
import { readEventsUntil } from '../../support/sse'

let t: TestApp
let gpCookie: string
let psychCookie: string
let patientId: string

beforeAll(async () => {
  t = await startTestApp()
  ;({ patientId, gpCookie, psychCookie } = await gpAndPsychologistWithPatient(t))
})

/** A joint session hosted by gp (psych is on the care team but not a host), with the patient waiting. */
async function waitingPatient() {
  const { session, links } = await scheduleSession(t, gpCookie, {
    patientId,
    invitePatient: true,
    specialists: [{ displayName: 'Dr Vidal', email: 'v@x.example', discipline: 'urology' }],
  })
  const link = links.find((l) => l.role === 'patient')!
  const cookie = await exchangeLink(t, link.url, '1985-06-01')
  await post(`/api/sessions/${session.id}/arrival`, gpCookie)
  await post(`/api/sessions/${session.id}/arrival`, cookie)
  return {
    sessionId: session.id,
    others: session.participants.filter((p) => p.role !== 'patient'),
    patient: { id: link.participantId, cookie },
  }
}

const post = (path: string, cookie: string, json?: unknown) =>
  t.request(path, { method: 'POST', cookie, json })
const waitAgain = (sessionId: string, cookie: string, participantId: string) =>
  post(`/api/sessions/${sessionId}/lobby/wait-again`, cookie, { participantId })
const status = async (sessionId: string, cookie: string) =>
  MyStatus.parse(await (await t.request(`/api/sessions/${sessionId}/my-status`, { cookie })).json())
const lobbyState = async (sessionId: string, participantId: string) =>
  Lobby.parse(
    await (await t.request(`/api/sessions/${sessionId}/lobby`, { cookie: gpCookie })).json()
  ).entries.find((e) => e.participantId === participantId)?.state
const actionsAbout = async (id: string) => (await auditActions(t, id)).map((a) => a.action)

describe('letting a declined or removed person wait again', () => {
  it('declined → let wait again → arrives and waits → admitted only once their consent is given', async () => {
    const { sessionId, others, patient } = await waitingPatient()
    expect(
      (await post(`/api/sessions/${sessionId}/denials`, gpCookie, { participantId: patient.id }))
        .status
    ).toBe(204)
    // Declined: a new arrival is refused, as before.
    expect((await post(`/api/sessions/${sessionId}/arrival`, patient.cookie)).status).toBe(403)

    // The patient's own page hears about it on the session's event stream.
    const stream = await t.request(`/api/sessions/${sessionId}/events`, { cookie: patient.cookie })
    const heard = readEventsUntil(stream, (e) => e.some((x) => x.type === 'admission.may_rejoin'))
    expect((await waitAgain(sessionId, gpCookie, patient.id)).status).toBe(204)
    expect(await heard).toContainEqual({
      type: 'admission.may_rejoin',
      sessionId,
      participantId: patient.id,
    })
    expect(await status(sessionId, patient.cookie)).toMatchObject({ state: 'may_rejoin' })
    expect(await lobbyState(sessionId, patient.id)).toBe('may_rejoin')

    const arrived = await post(`/api/sessions/${sessionId}/arrival`, patient.cookie)
    expect(arrived.status).toBe(200)
    expect(MyStatus.parse(await arrived.json()).state).toBe('waiting')

    // No consent yet: the gate refuses the admission exactly as for anyone else.
    const early = await post(`/api/sessions/${sessionId}/admissions`, gpCookie, {
      participantId: patient.id,
    })
    expect(early.status).toBe(409)
    expect(((await early.json()) as { error: { code: string } }).error.code).toBe(
      'consent_required'
    )
    expect((await status(sessionId, patient.cookie)).state).toBe('waiting')

    await giveJointConsent(
      t,
      sessionId,
      patient.cookie,
      others.map((p) => ({ participantId: p.id }))
    )
    expect(
      (await post(`/api/sessions/${sessionId}/admissions`, gpCookie, { participantId: patient.id }))
        .status
    ).toBe(204)
    expect((await status(sessionId, patient.cookie)).state).toBe('admitted')

    const actions = await actionsAbout(patient.id)
    const order = [
      'admission.denied',
      'admission.let_wait_again',
      'lobby.arrived',
      'admission.granted',
    ]
    expect(order.map((a) => actions.lastIndexOf(a))).toEqual(
      [...order.map((a) => actions.lastIndexOf(a))].sort((x, y) => x - y)
    )
    expect(actions).toContain('admission.refused_consent')
    const undo = (await auditActions(t, patient.id)).filter(
      (a) => a.action === 'admission.let_wait_again'
    )
    expect(undo).toEqual([{ action: 'admission.let_wait_again', detail: { undid: 'denied' } }])
  })

  it('removed → let wait again → waits on the next arrival → admitted by a host', async () => {
    const { sessionId, others, patient } = await waitingPatient()
    await giveJointConsent(
      t,
      sessionId,
      patient.cookie,
      others.map((p) => ({ participantId: p.id }))
    )
    expect(
      (await post(`/api/sessions/${sessionId}/admissions`, gpCookie, { participantId: patient.id }))
        .status
    ).toBe(204)
    expect(
      (await post(`/api/sessions/${sessionId}/removals`, gpCookie, { participantId: patient.id }))
        .status
    ).toBe(204)
    expect((await post(`/api/sessions/${sessionId}/arrival`, patient.cookie)).status).toBe(403)

    expect((await waitAgain(sessionId, gpCookie, patient.id)).status).toBe(204)
    // Undone once: a second press (another host, a double click) finds nothing to undo and records nothing.
    expect((await waitAgain(sessionId, gpCookie, patient.id)).status).toBe(409)
    expect((await post(`/api/sessions/${sessionId}/arrival`, patient.cookie)).status).toBe(200)
    expect((await status(sessionId, patient.cookie)).state).toBe('waiting')
    expect(
      (await post(`/api/sessions/${sessionId}/admissions`, gpCookie, { participantId: patient.id }))
        .status
    ).toBe(204)
    expect((await status(sessionId, patient.cookie)).state).toBe('admitted')
    const undo = (await auditActions(t, patient.id)).filter(
      (a) => a.action === 'admission.let_wait_again'
    )
    expect(undo).toEqual([{ action: 'admission.let_wait_again', detail: { undid: 'removed' } }])
  })

  it('is for hosts of the session only, and a refused or malformed request changes nothing', async () => {
    const { sessionId, patient } = await waitingPatient()
    // Nothing to undo while someone is waiting.
    expect((await waitAgain(sessionId, gpCookie, patient.id)).status).toBe(409)
    await post(`/api/sessions/${sessionId}/denials`, gpCookie, { participantId: patient.id })
    const before = await actionsAbout(patient.id)

    // A team clinician who is not a host, and the person themselves: the session is "not found", as elsewhere.
    for (const cookie of [psychCookie, patient.cookie]) {
      const res = await waitAgain(sessionId, cookie, patient.id)
      expect(res.status).toBe(404)
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } })
    }
    const unknown = await waitAgain(sessionId, gpCookie, randomUUID())
    expect(unknown.status).toBe(404)
    const malformed = await waitAgain(sessionId, gpCookie, 'not-an-id')
    expect(malformed.status).toBe(400)
    expect(await malformed.json()).toMatchObject({ error: { code: expect.any(String) as string } })
    expect(
      (
        await post(`/api/sessions/not-a-session/lobby/wait-again`, gpCookie, {
          participantId: patient.id,
        })
      ).status
    ).toBe(400)

    expect(await status(sessionId, patient.cookie)).toMatchObject({ state: 'denied' })
    expect(await actionsAbout(patient.id)).toEqual(before)

    // After the session has ended, nothing can be undone.
    await post(`/api/sessions/${sessionId}/end`, gpCookie)
    expect((await waitAgain(sessionId, gpCookie, patient.id)).status).toBe(409)
    expect(await status(sessionId, patient.cookie)).toMatchObject({ state: 'denied' })
  })
})
