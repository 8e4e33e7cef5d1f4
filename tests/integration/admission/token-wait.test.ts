// A token asked for while waiting (`POST …/token?waitSeconds=N`): answered once the person is admitted, on whichever
// instance the host admits them, with the same checks and audit row as any token; otherwise nothing is minted.
import { beforeAll, describe, expect, it } from 'vitest'
import { MediaToken } from '../../../shared/admission'
import type { ServerEvent } from '../../../shared/events'
import { startTestApp, type TestApp } from '../../support/app'
import { claimsOf } from '../../support/livekit'
import {
  auditActions,
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
  a = await startTestApp({}, { livekit: true })
  b = await startTestApp({}, { livekit: true, sameDatabaseAs: a })
  const clinicId = (await createClinic(a)).id
  const gp = await createClinician(a, clinicId)
  patientId = (await createCareTeam(a, clinicId, [gp])).id
  hostCookie = await signIn(a, gp)
})

/** A session whose host has arrived and whose patient, with consent given, waits. */
async function patientWaiting() {
  const { session, links } = await scheduleSession(a, hostCookie, {
    patientId,
    invitePatient: true,
  })
  const link = links.find((l) => l.role === 'patient')!
  const cookie = await exchangeLink(a, link.url, '1985-06-01')
  await giveJointConsent(a, session.id, cookie, [])
  await post(a, `/api/sessions/${session.id}/arrival`, hostCookie)
  await post(a, `/api/sessions/${session.id}/arrival`, cookie)
  return { sessionId: session.id, patient: { id: link.participantId, cookie } }
}

const post = (t: TestApp, path: string, cookie: string, json?: unknown, signal?: AbortSignal) =>
  t.request(path, { method: 'POST', cookie, json, signal })
const admit = (sessionId: string, participantId: string) =>
  post(a, `/api/sessions/${sessionId}/admissions`, hostCookie, { participantId })
const tokenActions = async (participantId: string) =>
  (await auditActions(a, participantId))
    .map((e) => e.action)
    .filter((action) => action.startsWith('admission.token_'))

describe('a token asked for while waiting', () => {
  it('is answered once a host admits the person on another instance, audited like any token', async () => {
    const { sessionId, patient } = await patientWaiting()
    const asked = post(b, `/api/sessions/${sessionId}/token?waitSeconds=20`, patient.cookie)
    // Let the request start waiting first (if it has not, it finds the admission in the database instead).
    await new Promise((r) => setTimeout(r, 300))
    expect((await admit(sessionId, patient.id)).status).toBe(204)

    const res = await asked
    expect(res.status).toBe(200)
    const token = MediaToken.parse(await res.json())
    expect(claimsOf(token.token).sub).toBe(patient.id)
    expect(await tokenActions(patient.id)).toEqual(['admission.token_issued'])
  })

  it('waits through another session’s admission, beside its own session’s event stream on that instance', async () => {
    const { sessionId, patient } = await patientWaiting()
    const other = await patientWaiting()
    // Both listen on instance b by session: this session's event stream and its waiting token request.
    const streams = await Promise.all([
      b.request(`/api/sessions/${sessionId}/events`, { cookie: patient.cookie }),
      b.request(`/api/sessions/${other.sessionId}/events`, { cookie: other.patient.cookie }),
    ])
    const granted = (id: string) => (events: ServerEvent[]) =>
      events.some((e) => e.type === 'admission.granted' && e.participantId === id)
    const ownEvents = readEventsUntil(streams[0], granted(patient.id))
    const asked = post(b, `/api/sessions/${sessionId}/token?waitSeconds=20`, patient.cookie)
    await new Promise((r) => setTimeout(r, 300))

    // The other session's admission reaches instance b (its stream there sees it) and wakes nothing here: woken, the
    // request would have asked for a token before this admission and been refused.
    expect((await admit(other.sessionId, other.patient.id)).status).toBe(204)
    await readEventsUntil(streams[1], granted(other.patient.id))
    expect((await admit(sessionId, patient.id)).status).toBe(204)

    const res = await asked
    expect(res.status).toBe(200)
    expect(claimsOf(MediaToken.parse(await res.json()).token).sub).toBe(patient.id)
    expect(await tokenActions(patient.id)).toEqual(['admission.token_issued'])
    expect(granted(patient.id)(await ownEvents)).toBe(true)
  })

  it('is answered at once for someone already admitted', async () => {
    const { sessionId, patient } = await patientWaiting()
    await admit(sessionId, patient.id)
    const res = await post(b, `/api/sessions/${sessionId}/token?waitSeconds=20`, patient.cookie)
    expect(res.status).toBe(200)
    expect(claimsOf(MediaToken.parse(await res.json()).token).sub).toBe(patient.id)
  })

  it('answers 204 when its time is up without an admission, minting and auditing nothing', async () => {
    const { sessionId, patient } = await patientWaiting()
    const res = await post(a, `/api/sessions/${sessionId}/token?waitSeconds=1`, patient.cookie)
    expect(res.status).toBe(204)
    expect(await res.text()).toBe('')
    expect(await tokenActions(patient.id)).toEqual([])
  })

  it('ends the wait when the caller goes away, so a later admission mints nothing for it', async () => {
    const { sessionId, patient } = await patientWaiting()
    const gone = new AbortController()
    const asked = post(
      a,
      `/api/sessions/${sessionId}/token?waitSeconds=20`,
      patient.cookie,
      undefined,
      gone.signal
    )
    await new Promise((r) => setTimeout(r, 300))
    gone.abort()
    // The request is over (long before its 20 s), so nothing is left to mint when the admission comes.
    expect((await asked).status).toBe(204)
    expect((await admit(sessionId, patient.id)).status).toBe(204)
    expect(await tokenActions(patient.id)).toEqual([])
  })

  it('refuses people outside the session and waits that are out of range, without waiting', async () => {
    const { sessionId, patient } = await patientWaiting()
    const other = await patientWaiting()
    const stranger = await post(
      a,
      `/api/sessions/${sessionId}/token?waitSeconds=20`,
      other.patient.cookie
    )
    expect(stranger.status).toBe(404)
    for (const wait of ['0', '26', '2.5', 'soon']) {
      const res = await post(
        a,
        `/api/sessions/${sessionId}/token?waitSeconds=${wait}`,
        patient.cookie
      )
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual({
        error: { code: 'invalid_input', message: expect.any(String) },
      })
    }
  })
})
