import { beforeAll, describe, expect, it } from 'vitest'
import { GuestMe, SessionDetail } from '../../../shared/sessions'
import { startTestApp, type TestApp } from '../../support/app'
import {
  auditActions,
  createCareTeam,
  createClinic,
  createClinician,
  exchangeLink,
  linkParts,
  scheduleSession,
  signIn,
} from '../../support/people'

let t: TestApp
let hostCookie: string
let patientId: string
const DOB = '1985-06-01'

beforeAll(async () => {
  t = await startTestApp()
  const clinicId = (await createClinic(t)).id
  const gp = await createClinician(t, clinicId)
  patientId = (await createCareTeam(t, clinicId, [gp])).id
  hostCookie = await signIn(t, gp)
})

const schedule = (extra: Record<string, unknown> = {}) =>
  scheduleSession(t, hostCookie, {
    patientId,
    invitePatient: true,
    specialists: [{ displayName: 'Dr Vidal', email: 'v@x.example', discipline: 'urology' }],
    ...extra,
  })

const exchange = (body: Record<string, unknown>) =>
  t.request('/api/invitations/exchange', { method: 'POST', json: body })

describe('personal links', () => {
  it('exchanges a specialist link for a cookie bound to that person and session', async () => {
    const { session, links } = await schedule()
    const specialistLink = links.find((l) => l.role === 'specialist')!
    const res = await exchange(linkParts(specialistLink.url))
    expect(res.status).toBe(200)
    expect(GuestMe.parse(await res.json())).toMatchObject({
      sessionId: session.id,
      role: 'specialist',
      displayName: 'Dr Vidal',
    })
    expect(res.headers.get('set-cookie')).toMatch(/^gsid=[A-Za-z0-9_-]+;.*HttpOnly/)
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!
    const view = await t.request(`/api/sessions/${session.id}`, { cookie })
    expect(view.status).toBe(200)
    expect(SessionDetail.parse(await view.json()).agenda).toBe('')
    expect((await auditActions(t, specialistLink.participantId)).map((a) => a.action)).toContain(
      'invitations.exchanged'
    )
  })

  it('answers forged, altered, foreign and expired links with the same "not valid" message', async () => {
    const first = await schedule()
    const second = await schedule()
    const link = linkParts(first.links.find((l) => l.role === 'specialist')!.url)
    const expiring = await schedule()
    const expired = linkParts(expiring.links.find((l) => l.role === 'specialist')!.url)
    await t.owner
      .sql`update invitations set expires_at = now() - interval '1 minute' where participant_id = ${expiring.links.find((l) => l.role === 'specialist')!.participantId}`

    const answers = await Promise.all([
      exchange({ sessionId: link.sessionId, secret: 'f'.repeat(32) }),
      exchange({
        sessionId: link.sessionId,
        secret: link.secret.slice(0, -1) + (link.secret.endsWith('A') ? 'B' : 'A'),
      }),
      exchange({ sessionId: second.session.id, secret: link.secret }),
      exchange(expired),
    ])
    const bodies = await Promise.all(answers.map((a) => a.json()))
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404])
    for (const b of bodies)
      expect(b).toEqual({
        error: { code: 'not_found', message: expect.stringMatching(/^This link is not valid/) },
      })
    // The foreign attempt used a real secret for the wrong session: it must not have been spent.
    expect((await exchange(link)).status).toBe(200)
  })

  it('asks the patient to confirm their date of birth, and refuses a wrong one', async () => {
    const { links } = await schedule()
    const patientLink = linkParts(links.find((l) => l.role === 'patient')!.url)
    const without = await exchange(patientLink)
    expect(without.status).toBe(409)
    expect(await without.json()).toEqual({
      error: { code: 'confirmation_required', message: expect.stringMatching(/date of birth/) },
    })
    expect((await exchange({ ...patientLink, dateOfBirth: '1999-01-01' })).status).toBe(409)
    expect((await exchange({ ...patientLink, dateOfBirth: DOB })).status).toBe(200)
  })

  it('locks a patient link after repeated wrong dates of birth', async () => {
    const { links } = await schedule()
    const patientLink = linkParts(links.find((l) => l.role === 'patient')!.url)
    for (let i = 0; i < 5; i++)
      expect((await exchange({ ...patientLink, dateOfBirth: `1990-01-0${i + 1}` })).status).toBe(
        409
      )
    const locked = await exchange({ ...patientLink, dateOfBirth: DOB })
    expect(locked.status).toBe(429)
  })

  it("keeps a link's person inside their own session", async () => {
    const mine = await schedule()
    const other = await schedule()
    const cookie = await exchangeLink(t, mine.links.find((l) => l.role === 'specialist')!.url)
    expect((await t.request(`/api/sessions/${other.session.id}`, { cookie })).status).toBe(404)
    expect((await t.request(`/api/patients/${patientId}`, { cookie })).status).toBe(401)
    expect((await t.request('/api/sessions', { cookie })).status).toBe(401)
  })

  it('lets a host make a new link, which stops the old one', async () => {
    const { session, links } = await schedule()
    const old = links.find((l) => l.role === 'specialist')!
    const res = await t.request(
      `/api/sessions/${session.id}/participants/${old.participantId}/invitation`,
      { method: 'POST', cookie: hostCookie }
    )
    expect(res.status).toBe(201)
    const fresh = (await res.json()) as { url: string }
    expect((await exchange(linkParts(old.url))).status).toBe(404)
    expect((await exchange(linkParts(fresh.url))).status).toBe(200)
  })

  it('opens on a second device until it expires, each use audited, and each device keeps its own cookie', async () => {
    const { session, links } = await schedule()
    const patient = links.find((l) => l.role === 'patient')!
    const parts = { ...linkParts(patient.url), dateOfBirth: DOB }
    const laptop = await exchange(parts)
    const phone = await exchange(parts)
    expect([laptop.status, phone.status]).toEqual([200, 200])
    const cookies = [laptop, phone].map((r) => (r.headers.get('set-cookie') ?? '').split(';')[0]!)
    expect(cookies[0]).not.toBe(cookies[1])
    for (const cookie of cookies)
      expect((await t.request(`/api/sessions/${session.id}`, { cookie })).status).toBe(200)
    const uses = (await auditActions(t, patient.participantId)).filter(
      (a) => a.action === 'invitations.exchanged'
    )
    expect(uses).toHaveLength(2)
    // The date of birth is still asked on every device.
    expect((await exchange(linkParts(patient.url))).status).toBe(409)
  })

  it('says on arrival that the session has ended, for a real link, and "not valid" for a forged one', async () => {
    const { session, links } = await schedule()
    const specialist = linkParts(links.find((l) => l.role === 'specialist')!.url)
    expect((await exchange(specialist)).status).toBe(200)
    const ended = await t.request(`/api/sessions/${session.id}/end`, {
      method: 'POST',
      cookie: hostCookie,
    })
    expect(ended.status).toBeLessThan(300)
    const again = await exchange(specialist)
    expect(again.status).toBe(410)
    expect(await again.json()).toEqual({
      error: { code: 'session_closed', message: 'This session has ended.' },
    })
    const forged = await exchange({ sessionId: session.id, secret: 'f'.repeat(32) })
    expect(forged.status).toBe(404)
  })
})
