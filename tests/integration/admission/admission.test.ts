import { beforeAll, describe, expect, it } from 'vitest'
import { Lobby, MediaToken, MyStatus } from '../../../shared/admission'
import { startTestApp, type TestApp } from '../../support/app'
import { claimsOf } from '../../support/livekit'
import {
  acknowledge,
  auditActions,
  exchangeLink,
  giveJointConsent,
  gpAndPsychologistWithPatient,
  scheduleSession,
  type TestClinician,
} from '../../support/people'

let t: TestApp
let gp: TestClinician
let psych: TestClinician
let gpCookie: string
let psychCookie: string
let patientId: string
const DOB = '1985-06-01'

beforeAll(async () => {
  t = await startTestApp({}, { livekit: true })
  ;({ gp, psych, patientId, gpCookie, psychCookie } = await gpAndPsychologistWithPatient(t))
})

/** A joint session hosted by both gp and psych, with a patient and a specialist joining by link. */
async function jointSession() {
  const { session, links } = await scheduleSession(t, gpCookie, {
    patientId,
    hostIds: [gp.id, psych.id],
    invitePatient: true,
    specialists: [{ displayName: 'Dr Vidal', email: 'v@x.example', discipline: 'urology' }],
  })
  const patient = links.find((l) => l.role === 'patient')!
  const specialist = links.find((l) => l.role === 'specialist')!
  const patientCookie = await exchangeLink(t, patient.url, DOB)
  const specialistCookie = await exchangeLink(t, specialist.url)
  // These tests are about the lobby; consent covering everyone is recorded up front (consent tests cover the gate).
  await giveJointConsent(
    t,
    session.id,
    patientCookie,
    session.participants.filter((p) => p.role !== 'patient').map((p) => ({ participantId: p.id }))
  )
  await acknowledge(t, session.id, specialistCookie)
  return {
    session,
    patient: { id: patient.participantId, cookie: patientCookie },
    specialist: { id: specialist.participantId, cookie: specialistCookie },
  }
}

const post = (path: string, cookie: string, json?: unknown) =>
  t.request(path, { method: 'POST', cookie, json })
const status = async (sessionId: string, cookie: string) =>
  MyStatus.parse(await (await t.request(`/api/sessions/${sessionId}/my-status`, { cookie })).json())
const lobby = async (sessionId: string) =>
  Lobby.parse(
    await (await t.request(`/api/sessions/${sessionId}/lobby`, { cookie: gpCookie })).json()
  )

describe('the lobby and admission', () => {
  it('lets hosts straight in, keeps everyone else waiting, and never admits early arrivals when a host comes', async () => {
    const { session, patient } = await jointSession()
    const arrived = MyStatus.parse(
      await (await post(`/api/sessions/${session.id}/arrival`, patient.cookie)).json()
    )
    expect(arrived).toMatchObject({ state: 'waiting', hostPresent: false, role: 'patient' })
    // The media server's address while waiting, so the page can warm the connection before the admission.
    expect(arrived.mediaUrl).toBe(t.deps.livekit!.url)
    const host = MyStatus.parse(
      await (await post(`/api/sessions/${session.id}/arrival`, gpCookie)).json()
    )
    expect(host.state).toBe('admitted')
    expect(await status(session.id, patient.cookie)).toMatchObject({
      state: 'waiting',
      hostPresent: true,
    })
  })

  it('issues a short-lived token for the admitted person only, with opaque names and role grants', async () => {
    const { session, patient } = await jointSession()
    await post(`/api/sessions/${session.id}/arrival`, gpCookie)
    await post(`/api/sessions/${session.id}/arrival`, patient.cookie)
    expect(
      (
        await post(`/api/sessions/${session.id}/admissions`, gpCookie, {
          participantId: patient.id,
        })
      ).status
    ).toBe(204)
    const res = await post(`/api/sessions/${session.id}/token`, patient.cookie)
    expect(res.status).toBe(200)
    const token = MediaToken.parse(await res.json())
    const claims = claimsOf(token.token)
    expect(claims.sub).toBe(patient.id)
    expect(Number(claims.exp) - Number(claims.nbf)).toBeLessThanOrEqual(120)
    const video = claims.video as Record<string, unknown>
    expect(video.room).toMatch(/^[0-9a-f-]{36}$/)
    expect(video.room).not.toBe(session.id)
    expect(video).toMatchObject({
      roomJoin: true,
      canPublish: true,
      canSubscribe: true,
      canPublishSources: ['camera', 'microphone'],
    })
    expect(video.roomAdmin).toBeUndefined()
    expect(JSON.stringify(claims)).not.toContain('Patient')
    expect((await auditActions(t, patient.id)).map((a) => a.action)).toContain(
      'admission.token_issued'
    )
  })

  it('refuses and audits every attempt to get a token without an admission', async () => {
    const { session, patient, specialist } = await jointSession()
    const notArrived = await post(`/api/sessions/${session.id}/token`, patient.cookie)
    await post(`/api/sessions/${session.id}/arrival`, specialist.cookie)
    const waiting = await post(`/api/sessions/${session.id}/token`, specialist.cookie)
    const clinicianNotArrived = await post(`/api/sessions/${session.id}/token`, psychCookie)
    for (const res of [notArrived, waiting, clinicianNotArrived]) {
      expect(res.status).toBe(403)
      expect(await res.json()).toEqual({
        error: { code: 'not_admitted', message: expect.any(String) },
      })
    }
    const refused = [
      ...(await auditActions(t, patient.id)),
      ...(await auditActions(t, specialist.id)),
    ].filter((a) => a.action === 'admission.token_refused')
    expect(refused).toHaveLength(2)
    const rows = await t.owner
      .sql`select 1 from admissions where participant_id in (${patient.id}, ${specialist.id})`
    expect(rows).toHaveLength(0)
  })

  it('makes exactly one admission when two hosts admit the same person at once', async () => {
    const { session, patient } = await jointSession()
    await post(`/api/sessions/${session.id}/arrival`, patient.cookie)
    const answers = await Promise.all([
      post(`/api/sessions/${session.id}/admissions`, gpCookie, { participantId: patient.id }),
      post(`/api/sessions/${session.id}/admissions`, psychCookie, { participantId: patient.id }),
    ])
    expect(answers.map((a) => a.status).sort()).toEqual([204, 409])
    const rows = await t.owner.sql`select 1 from admissions where participant_id = ${patient.id}`
    expect(rows).toHaveLength(1)
    expect(
      (await auditActions(t, patient.id)).filter((a) => a.action === 'admission.granted')
    ).toHaveLength(1)
  })

  it('keeps denied and removed people out, whatever they retry', async () => {
    const { session, patient, specialist } = await jointSession()
    await post(`/api/sessions/${session.id}/arrival`, specialist.cookie)
    expect(
      (
        await post(`/api/sessions/${session.id}/denials`, gpCookie, {
          participantId: specialist.id,
        })
      ).status
    ).toBe(204)
    expect((await post(`/api/sessions/${session.id}/arrival`, specialist.cookie)).status).toBe(403)
    expect((await post(`/api/sessions/${session.id}/token`, specialist.cookie)).status).toBe(403)
    expect(await status(session.id, specialist.cookie)).toMatchObject({ state: 'denied' })

    await post(`/api/sessions/${session.id}/arrival`, patient.cookie)
    await post(`/api/sessions/${session.id}/admissions`, gpCookie, { participantId: patient.id })
    expect((await post(`/api/sessions/${session.id}/token`, patient.cookie)).status).toBe(200)
    expect(
      (await post(`/api/sessions/${session.id}/removals`, gpCookie, { participantId: patient.id }))
        .status
    ).toBe(204)
    expect((await post(`/api/sessions/${session.id}/arrival`, patient.cookie)).status).toBe(403)
    expect((await post(`/api/sessions/${session.id}/token`, patient.cookie)).status).toBe(403)
    expect(await status(session.id, patient.cookie)).toMatchObject({ state: 'removed' })
    expect((await auditActions(t, patient.id)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['admission.removed', 'admission.token_refused'])
    )
  })

  it('lets only hosts see and run the lobby', async () => {
    const { session, patient, specialist } = await jointSession()
    expect(
      (await t.request(`/api/sessions/${session.id}/lobby`, { cookie: patient.cookie })).status
    ).toBe(404)
    expect(
      (
        await post(`/api/sessions/${session.id}/admissions`, specialist.cookie, {
          participantId: patient.id,
        })
      ).status
    ).toBe(404)
    expect((await post(`/api/sessions/${session.id}/end`, patient.cookie)).status).toBe(404)
  })

  it('admits all waiting clinicians at once, but never the patient with them', async () => {
    const { session, patient, specialist } = await jointSession()
    await post(`/api/sessions/${session.id}/arrival`, patient.cookie)
    await post(`/api/sessions/${session.id}/arrival`, specialist.cookie)
    const res = await post(`/api/sessions/${session.id}/admissions/clinicians`, gpCookie)
    expect(await res.json()).toEqual({ admitted: 1 })
    expect((await status(session.id, specialist.cookie)).state).toBe('admitted')
    expect((await status(session.id, patient.cookie)).state).toBe('waiting')
  })

  it('shows the hosts’ message to people waiting', async () => {
    const { session, patient } = await jointSession()
    await post(`/api/sessions/${session.id}/arrival`, patient.cookie)
    const res = await t.request(`/api/sessions/${session.id}/lobby/message`, {
      method: 'PUT',
      cookie: gpCookie,
      json: { message: 'We will start in 5 minutes.' },
    })
    expect(res.status).toBe(204)
    expect((await status(session.id, patient.cookie)).message).toBe('We will start in 5 minutes.')
    const audited = (await auditActions(t, session.id)).find(
      (a) => a.action === 'lobby.message_set'
    )
    expect(JSON.stringify(audited)).not.toContain('5 minutes')
  })

  it('ends the session for everyone: no one gets a token afterwards', async () => {
    const { session, patient } = await jointSession()
    await post(`/api/sessions/${session.id}/arrival`, gpCookie)
    await post(`/api/sessions/${session.id}/arrival`, patient.cookie)
    await post(`/api/sessions/${session.id}/admissions`, gpCookie, { participantId: patient.id })
    expect((await post(`/api/sessions/${session.id}/end`, gpCookie)).status).toBe(204)
    expect((await post(`/api/sessions/${session.id}/token`, patient.cookie)).status).toBe(403)
    expect((await post(`/api/sessions/${session.id}/token`, gpCookie)).status).toBe(403)
    expect((await status(session.id, patient.cookie)).sessionStatus).toBe('ended')
  })

  it('keeps the lobby list equal to the database through a run of arrivals and decisions', async () => {
    const { session, patient, specialist } = await jointSession()
    const steps: (() => Promise<unknown>)[] = [
      () => post(`/api/sessions/${session.id}/arrival`, patient.cookie),
      () => post(`/api/sessions/${session.id}/arrival`, specialist.cookie),
      () =>
        post(`/api/sessions/${session.id}/admissions`, gpCookie, { participantId: specialist.id }),
      () => post(`/api/sessions/${session.id}/leave`, specialist.cookie),
      () => post(`/api/sessions/${session.id}/arrival`, specialist.cookie),
      () => post(`/api/sessions/${session.id}/denials`, gpCookie, { participantId: patient.id }),
    ]
    for (const step of steps) {
      await step()
      const shown = (await lobby(session.id)).entries
        .map((e) => `${e.participantId}:${e.state}`)
        .sort()
      const rows = await t.owner.sql<
        { participant_id: string; state: string }[]
      >`select participant_id, state from lobby_entries where session_id = ${session.id}`
      expect(shown).toEqual(rows.map((r) => `${r.participant_id}:${r.state}`).sort())
    }
  })
})
