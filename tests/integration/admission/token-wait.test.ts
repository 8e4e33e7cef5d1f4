// A token asked for while waiting (`POST …/token?waitSeconds=N`): answered once the person is admitted, on whichever
// instance the host admits them, with the same checks and audit row as any token; otherwise nothing is minted. On
// the instance the person waits on, the admission answers the request from its own transaction.
import { beforeAll, describe, expect, it } from 'vitest'
import * as audit from '../../../server/audit/service'
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
/** Until the person's token request waits on that instance (else it would find the admission, not wait for it). */
async function openOn(t: TestApp, sessionId: string, participantId: string) {
  for (let i = 0; !t.deps.tokenRequests.peek(sessionId, participantId); i++) {
    if (i >= 200) throw new Error('the token request never started waiting')
    await new Promise((r) => setTimeout(r, 10))
  }
}
/** The admission's and the tokens' audit rows for the person, with the transaction that inserted each. */
const admissionRows = (participantId: string) =>
  a.owner.sql<{ action: string; actorKind: string; tx: string }[]>`
    select action, actor_kind as "actorKind", xmin::text as tx from audit_events
    where subject_id = ${participantId} and action in ('admission.granted', 'admission.token_issued')
    order by seq`
const tokensIssued = async (participantId: string) =>
  (
    await a.owner.sql<{ n: number }[]>`
      select tokens_issued as n from admissions where participant_id = ${participantId}`
  ).map((r) => r.n)
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
    // Woken by the event on b: a transaction of its own, after the admission's.
    const [granted, issued] = await admissionRows(patient.id)
    expect(issued!.tx).not.toBe(granted!.tx)
  })

  it('is answered by the admission itself on the instance it waits on, in the admission’s transaction', async () => {
    const { sessionId, patient } = await patientWaiting()
    const asked = post(a, `/api/sessions/${sessionId}/token?waitSeconds=20`, patient.cookie)
    await openOn(a, sessionId, patient.id)
    expect((await admit(sessionId, patient.id)).status).toBe(204)

    const res = await asked
    expect(res.status).toBe(200)
    const token = MediaToken.parse(await res.json())
    expect(claimsOf(token.token).sub).toBe(patient.id)
    expect(a.deps.tokenRequests.peek(sessionId, patient.id)).toBeUndefined()
    // Recorded as issueToken records it: the person's own audit row, counted, the session live; one transaction.
    const rows = await admissionRows(patient.id)
    expect(rows.map((r) => [r.action, r.actorKind])).toEqual([
      ['admission.granted', 'clinician'],
      ['admission.token_issued', 'participant'],
    ])
    expect(rows[1]!.tx).toBe(rows[0]!.tx)
    expect(await tokensIssued(patient.id)).toEqual([1])
    const [session] = await a.owner.sql<{ status: string }[]>`
      select status from sessions where id = ${sessionId}`
    expect(session!.status).toBe('live')
    expect(await audit.verify(a.deps.db)).toMatchObject({ ok: true })
  })

  it('answers a second open request of the same person (another tab) by the event', async () => {
    const { sessionId, patient } = await patientWaiting()
    const ask = () => post(a, `/api/sessions/${sessionId}/token?waitSeconds=20`, patient.cookie)
    const first = ask()
    await openOn(a, sessionId, patient.id)
    const second = ask()
    await new Promise((r) => setTimeout(r, 300))
    expect((await admit(sessionId, patient.id)).status).toBe(204)

    const answers = await Promise.all([first, second])
    expect(answers.map((r) => r.status)).toEqual([200, 200])
    const tokens = await Promise.all(answers.map(async (r) => MediaToken.parse(await r.json())))
    expect(tokens.map((t) => claimsOf(t.token).sub)).toEqual([patient.id, patient.id])
    expect(await tokenActions(patient.id)).toEqual([
      'admission.token_issued',
      'admission.token_issued',
    ])
    expect(await tokensIssued(patient.id)).toEqual([2])
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
