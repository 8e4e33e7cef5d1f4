// Every action that names a participant or a request checks that it belongs to the session in the path: an id
// from another session is answered exactly like an id that does not exist, and leaves no audit row.
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../support/app'
import {
  createCareTeam,
  createClinic,
  createClinician,
  exchangeLink,
  giveJointConsent,
  scheduleSession,
  signIn,
} from '../../support/people'

let t: TestApp
let hostA: string
let hostB: string
let patientA: string
let patientA2: string
let sessionA: string
let sessionA2: string
/** Ids from session B: its host (admitted, in the call), a waiting specialist, and an open drop-in request. */
let b: { host: string; specialist: string; request: string }

beforeAll(async () => {
  t = await startTestApp({}, { livekit: true })
  const clinicId = (await createClinic(t)).id
  const gp = await createClinician(t, clinicId)
  const other = await createClinician(t, clinicId)
  const pA = (await createCareTeam(t, clinicId, [gp])).id
  const pB = (await createCareTeam(t, clinicId, [other])).id
  ;[hostA, hostB] = await Promise.all([signIn(t, gp), signIn(t, other)])
  const specialists = [{ displayName: 'Dr Vidal', email: 'v@x.example', discipline: 'urology' }]

  const a = await scheduleSession(t, hostA, { patientId: pA, invitePatient: true, specialists })
  sessionA = a.session.id
  patientA = await exchangeLink(t, a.links.find((l) => l.role === 'patient')!.url, '1985-06-01')
  await giveJointConsent(t, sessionA, patientA, [])
  const a2 = await scheduleSession(t, hostA, { patientId: pA, invitePatient: true })
  sessionA2 = a2.session.id
  patientA2 = await exchangeLink(t, a2.links.find((l) => l.role === 'patient')!.url, '1985-06-01')

  const sB = await scheduleSession(t, hostB, { patientId: pB, invitePatient: true, specialists })
  const specialistLink = sB.links.find((l) => l.role === 'specialist')!
  const specialistB = await exchangeLink(t, specialistLink.url)
  await t.request(`/api/sessions/${sB.session.id}/arrival`, { method: 'POST', cookie: hostB })
  await t.request(`/api/sessions/${sB.session.id}/arrival`, { method: 'POST', cookie: specialistB })
  const asked = await t.request(`/api/sessions/${sB.session.id}/consent/requests`, {
    method: 'POST',
    cookie: hostB,
    json: { participantId: specialistLink.participantId },
  })
  expect(asked.status).toBe(201)
  b = {
    host: sB.session.participants.find((p) => p.role === 'host')!.id,
    specialist: specialistLink.participantId,
    request: ((await asked.json()) as { id: string }).id,
  }
})

/** Each route that takes a participant or request id, as the caller who may use it in session A. */
const routes: { name: string; foreign: () => string; call: (id: string) => Promise<Response> }[] = [
  ...(['admissions', 'denials', 'removals', 'lobby/wait-again'] as const).map((path) => ({
    name: path,
    foreign: () => b.specialist,
    call: (id: string) =>
      t.request(`/api/sessions/${sessionA}/${path}`, {
        method: 'POST',
        cookie: hostA,
        json: { participantId: id },
      }),
  })),
  {
    name: 'mute',
    foreign: () => b.host,
    call: (id) =>
      t.request(`/api/sessions/${sessionA}/mute`, {
        method: 'POST',
        cookie: hostA,
        json: { participantId: id, source: 'microphone' },
      }),
  },
  {
    name: 'drop-in request',
    foreign: () => b.specialist,
    call: (id) =>
      t.request(`/api/sessions/${sessionA}/consent/requests`, {
        method: 'POST',
        cookie: hostA,
        json: { participantId: id },
      }),
  },
  {
    name: 'new personal link',
    foreign: () => b.specialist,
    call: (id) =>
      t.request(`/api/sessions/${sessionA}/participants/${id}/invitation`, {
        method: 'POST',
        cookie: hostA,
      }),
  },
  {
    name: 'withdrawal for one participant',
    foreign: () => b.specialist,
    call: (id) =>
      t.request(`/api/sessions/${sessionA}/consent/withdrawals`, {
        method: 'POST',
        cookie: patientA,
        json: { scope: 'participant', participantId: id },
      }),
  },
  {
    name: 'drop-in decision',
    foreign: () => b.request,
    call: (id) =>
      t.request(`/api/sessions/${sessionA}/consent/requests/${id}`, {
        method: 'POST',
        cookie: patientA,
        json: { decision: 'approved', categories: [] },
      }),
  },
  {
    name: 'consent covering a participant',
    foreign: () => b.specialist,
    call: async (id) => {
      const overview = (await (
        await t.request(`/api/sessions/${sessionA2}/consent`, { cookie: patientA2 })
      ).json()) as { pending: { id: string }[] }
      return t.request(`/api/sessions/${sessionA2}/consent`, {
        method: 'POST',
        cookie: patientA2,
        json: {
          templateId: overview.pending[0]!.id,
          decision: 'given',
          signature: 'Pat Patient',
          covers: [{ participantId: id, present: true, categories: [] }],
        },
      })
    },
  },
]

const auditRowsAbout = async (ids: string[]) =>
  (
    await t.owner.sql<
      { n: number }[]
    >`select count(*)::int as n from audit_events where subject_id = any(${ids})`
  )[0]!.n

describe('host and patient actions on another session’s people', () => {
  for (const route of routes)
    it(`${route.name}: a foreign id is answered like a random one, with no audit row`, async () => {
      const ids = [b.host, b.specialist, b.request]
      const before = await auditRowsAbout(ids)
      const random = await route.call(randomUUID())
      const foreign = await route.call(route.foreign())
      expect(random.status).toBeGreaterThanOrEqual(400)
      expect(random.status).toBeLessThan(500)
      expect({ status: foreign.status, body: await foreign.json() }).toEqual({
        status: random.status,
        body: await random.json(),
      })
      expect(await auditRowsAbout(ids)).toBe(before)
    })
})
