// Removal and withdrawal enforced at the media server: LiveKit cannot revoke a token, so a removed person who
// reconnects with it (here as a client that only speaks the signalling protocol, the hardest kind to notice) must be
// put out of the room again at once, every time.
import { beforeAll, describe, expect, it } from 'vitest'
import { AdmittedIdentities, MediaToken } from '../../../shared/admission'
import { startTestApp, type TestApp } from '../../support/app'
import { openSignallingOnly } from '../../support/livekit'
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

let t: TestApp
let gpCookie: string
let patientId: string

beforeAll(async () => {
  t = await startTestApp({}, { livekit: true })
  const clinicId = (await createClinic(t)).id
  const gp = await createClinician(t, clinicId)
  patientId = (await createCareTeam(t, clinicId, [gp])).id
  gpCookie = await signIn(t, gp)
})

const post = (path: string, cookie: string, json?: unknown) =>
  t.request(path, { method: 'POST', cookie, json })

/** A live joint session with an outside specialist admitted and holding a media token. */
async function specialistInCall() {
  const { session, links } = await scheduleSession(t, gpCookie, {
    patientId,
    invitePatient: true,
    specialists: [{ displayName: 'Dr Vidal', email: 'v@x.example', discipline: 'urology' }],
  })
  const specialist = links.find((l) => l.role === 'specialist')!
  const patient = await exchangeLink(t, links.find((l) => l.role === 'patient')!.url, '1985-06-01')
  const cookie = await exchangeLink(t, specialist.url)
  await giveJointConsent(t, session.id, patient, [{ participantId: specialist.participantId }])
  await acknowledge(t, session.id, cookie)
  await post(`/api/sessions/${session.id}/arrival`, gpCookie)
  await post(`/api/sessions/${session.id}/arrival`, cookie)
  const admitted = await post(`/api/sessions/${session.id}/admissions`, gpCookie, {
    participantId: specialist.participantId,
  })
  expect(admitted.status).toBe(204)
  const token = MediaToken.parse(
    await (await post(`/api/sessions/${session.id}/token`, cookie)).json()
  )
  const [row] = await t.owner.sql<
    { room_name: string }[]
  >`select room_name from sessions where id = ${session.id}`
  return {
    session: { id: session.id, roomName: row!.room_name },
    patient,
    id: specialist.participantId,
    token,
  }
}

const inRoom = async (roomName: string, identity: string) =>
  (await t.deps.livekit!.listParticipants(roomName)).some((p) => p.identity === identity)

/** Reconnects with the old token and waits (polling) until LiveKit has put the client out again. */
async function reconnectIsRefused(roomName: string, token: MediaToken) {
  const started = Date.now()
  const client = await openSignallingOnly(token.url, token.token)
  try {
    await expect.poll(() => client.state.closed, { timeout: 5_000, interval: 25 }).toBe(true)
    await expect.poll(() => inRoom(roomName, token.identity), { interval: 25 }).toBe(false)
    return Date.now() - started
  } finally {
    client.close()
  }
}

describe('an old LiveKit token after a revocation', () => {
  it('is put out again at once after a removal, each time it reconnects', async () => {
    const { session, id, token } = await specialistInCall()
    const first = await openSignallingOnly(token.url, token.token)
    await expect.poll(() => inRoom(session.roomName, id)).toBe(true)
    expect(
      (await post(`/api/sessions/${session.id}/removals`, gpCookie, { participantId: id })).status
    ).toBe(204)
    await expect.poll(() => first.state.closed).toBe(true)
    for (let i = 0; i < 3; i++) await reconnectIsRefused(session.roomName, token)
    // Each removal is on the record (written just after LiveKit is told).
    const audited = async () =>
      (
        await t.owner.sql<{ n: number }[]>`
          select count(*)::int as n from audit_events
          where action = 'admission.straggler_removed' and subject_id = ${session.id}`
      )[0]!.n
    await expect.poll(audited).toBeGreaterThanOrEqual(3)
  })

  it('is put out again at once after the patient withdraws the cover', async () => {
    const { session, patient, id, token } = await specialistInCall()
    const withdrawn = await post(`/api/sessions/${session.id}/consent/withdrawals`, patient, {
      scope: 'participant',
      participantId: id,
    })
    expect(withdrawn.status).toBe(204)
    await reconnectIsRefused(session.roomName, token)
  })
})

describe('the admitted list publishers allow to subscribe', () => {
  it('names exactly the admitted identities, to people in the call only', async () => {
    const { session, id, patient } = await specialistInCall()
    const admitted = async (who: string) =>
      t.request(`/api/sessions/${session.id}/admitted`, { cookie: who })
    const asHost = AdmittedIdentities.parse(await (await admitted(gpCookie)).json())
    const hostId = (
      await t.owner.sql<
        { id: string }[]
      >`select id from participants where session_id = ${session.id} and role = 'host'`
    )[0]!.id
    expect(asHost.identities.sort()).toEqual([hostId, id].sort())
    // The patient is in the lobby, not the call: nothing to learn here.
    expect((await admitted(patient)).status).toBe(403)
    await post(`/api/sessions/${session.id}/removals`, gpCookie, { participantId: id })
    expect(AdmittedIdentities.parse(await (await admitted(gpCookie)).json()).identities).toEqual([
      hostId,
    ])
  })
})
