import { beforeAll, describe, expect, it } from 'vitest'
import { MyStatus } from '../../../shared/admission'
import { startTestApp, type TestApp } from '../../support/app'
import {
  auditActions,
  exchangeLink,
  gpAndPsychologistWithPatient,
  scheduleSession,
} from '../../support/people'

let t: TestApp
let gpCookie: string
let psychCookie: string
let patientId: string

beforeAll(async () => {
  t = await startTestApp()
  ;({ patientId, gpCookie, psychCookie } = await gpAndPsychologistWithPatient(t))
})

/** A session hosted by gp only, with the patient waiting (arrived by link). */
async function waitingPatient() {
  const { session, links } = await scheduleSession(t, gpCookie, {
    patientId,
    invitePatient: true,
  })
  const link = links.find((l) => l.role === 'patient')!
  const cookie = await exchangeLink(t, link.url, '1985-06-01')
  await post(`/api/sessions/${session.id}/arrival`, cookie)
  return { sessionId: session.id, patient: { id: link.participantId, cookie } }
}

const post = (path: string, cookie: string, json?: unknown) =>
  t.request(path, { method: 'POST', cookie, json })
const seen = (sessionId: string, cookie: string, participantId: string) =>
  post(`/api/sessions/${sessionId}/lobby/seen`, cookie, { participantId })
const status = async (sessionId: string, cookie: string) =>
  MyStatus.parse(await (await t.request(`/api/sessions/${sessionId}/my-status`, { cookie })).json())

describe('telling a waiting person a host has seen them', () => {
  it('records the first sighting per wait, audited once, and says so in the person’s status', async () => {
    const { sessionId, patient } = await waitingPatient()
    expect((await status(sessionId, patient.cookie)).seenByHost).toBe(false)

    expect((await seen(sessionId, gpCookie, patient.id)).status).toBe(204)
    expect(await status(sessionId, patient.cookie)).toMatchObject({
      state: 'waiting',
      seenByHost: true,
    })
    // Every host's lobby reports it on each refresh: the repeat changes nothing and is not audited again.
    expect((await seen(sessionId, gpCookie, patient.id)).status).toBe(204)
    const audited = (await auditActions(t, patient.id)).filter((a) => a.action === 'lobby.seen')
    expect(audited).toHaveLength(1)
  })

  it('starts each new wait unseen', async () => {
    const { sessionId, patient } = await waitingPatient()
    await seen(sessionId, gpCookie, patient.id)
    expect((await post(`/api/sessions/${sessionId}/leave`, patient.cookie)).status).toBe(204)
    await post(`/api/sessions/${sessionId}/arrival`, patient.cookie)
    expect(await status(sessionId, patient.cookie)).toMatchObject({
      state: 'waiting',
      seenByHost: false,
    })
  })

  it('lets only hosts record it, only for someone waiting, and refuses bad input', async () => {
    const { sessionId, patient } = await waitingPatient()
    // The psychologist is on the care team but no host of this session; the patient is no host either.
    expect((await seen(sessionId, psychCookie, patient.id)).status).toBe(404)
    expect((await seen(sessionId, patient.cookie, patient.id)).status).toBe(404)
    expect((await status(sessionId, patient.cookie)).seenByHost).toBe(false)

    const bad = await post(`/api/sessions/${sessionId}/lobby/seen`, gpCookie, {
      participantId: 'x',
    })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ error: { code: expect.any(String) } })

    await post(`/api/sessions/${sessionId}/leave`, patient.cookie)
    expect((await seen(sessionId, gpCookie, patient.id)).status).toBe(409)
  })
})
