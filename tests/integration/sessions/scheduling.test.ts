import { beforeAll, describe, expect, it } from 'vitest'
import { SessionDetail } from '../../../shared/sessions'
import { placesHolding } from '../../support/secrets'
import { startTestApp, type TestApp } from '../../support/app'
import {
  auditActions,
  createCareTeam,
  createClinic,
  createClinician,
  linkParts,
  scheduleSession,
  signIn,
  type TestClinician,
} from '../../support/people'

let t: TestApp
let gp: TestClinician
let psych: TestClinician
let outsider: TestClinician
let gpCookie: string
let psychCookie: string
let outsiderCookie: string
let patientId: string

beforeAll(async () => {
  t = await startTestApp()
  const clinicId = (await createClinic(t)).id
  gp = await createClinician(t, clinicId, { discipline: 'primary_care' })
  psych = await createClinician(t, clinicId, { discipline: 'psychology' })
  outsider = await createClinician(t, clinicId, { discipline: 'urology' })
  patientId = (await createCareTeam(t, clinicId, [gp, psych])).id
  await t.owner.sql`update patients set email = 'patient@example.org' where id = ${patientId}`
  ;[gpCookie, psychCookie, outsiderCookie] = await Promise.all([
    signIn(t, gp),
    signIn(t, psych),
    signIn(t, outsider),
  ])
})

describe('scheduling sessions', () => {
  it('schedules a joint session with hosts, clinicians, a specialist, the patient and a partner, each link shown once', async () => {
    const { session, links } = await scheduleSession(t, gpCookie, {
      patientId,
      clinicianIds: [psych.id],
      specialists: [
        {
          displayName: 'Dr Ines Vidal',
          email: 'ines@elsewhere.example',
          discipline: 'endocrinology',
        },
      ],
      invitePatient: true,
      partner: { displayName: 'Kim', email: null },
    })
    expect(session.participants.map((p) => p.role).sort()).toEqual([
      'clinician',
      'host',
      'partner',
      'patient',
      'specialist',
    ])
    expect(session.isHost).toBe(true)
    expect(links.map((l) => l.role).sort()).toEqual(['partner', 'patient', 'specialist'])
    for (const link of links)
      expect(link.url).toMatch(new RegExp(`/join/${session.id}#[A-Za-z0-9_-]{32}$`))

    // Only hashes are stored: no table holds a link's secret (nor the link itself).
    const secrets = links.map((l) => linkParts(l.url).secret)
    expect(await placesHolding(t, secrets)).toEqual([])
    expect((await auditActions(t, session.id)).map((a) => a.action)).toContain('sessions.scheduled')
  })

  it('keeps the patient out of a case conference', async () => {
    const res = await t.request('/api/sessions', {
      method: 'POST',
      cookie: gpCookie,
      json: {
        kind: 'case_conference',
        patientId,
        startsAt: new Date(Date.now() + 3600_000).toISOString(),
        durationMinutes: 30,
        invitePatient: true,
      },
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: { code: 'invalid_input', message: expect.stringMatching(/case conference/) },
    })
  })

  it("refuses scheduling by a clinician outside the patient's care team, as if the patient did not exist", async () => {
    const res = await t.request('/api/sessions', {
      method: 'POST',
      cookie: outsiderCookie,
      json: {
        kind: 'case_conference',
        patientId,
        startsAt: new Date(Date.now() + 3600_000).toISOString(),
        durationMinutes: 30,
      },
    })
    expect(res.status).toBe(404)
  })

  it('refuses hosts who are not on the care team', async () => {
    const res = await t.request('/api/sessions', {
      method: 'POST',
      cookie: gpCookie,
      json: {
        kind: 'case_conference',
        patientId,
        startsAt: new Date(Date.now() + 3600_000).toISOString(),
        durationMinutes: 30,
        hostIds: [outsider.id],
      },
    })
    expect(res.status).toBe(400)
  })

  it('lets a host reschedule and cancel; other clinicians may look but not change', async () => {
    const { session } = await scheduleSession(t, gpCookie, { patientId, clinicianIds: [psych.id] })
    const viewAsPsych = await t.request(`/api/sessions/${session.id}`, { cookie: psychCookie })
    expect(SessionDetail.parse(await viewAsPsych.json()).isHost).toBe(false)
    const startsAt = new Date(Date.now() + 2 * 24 * 3600_000).toISOString()
    expect(
      (
        await t.request(`/api/sessions/${session.id}`, {
          method: 'PATCH',
          cookie: psychCookie,
          json: { startsAt },
        })
      ).status
    ).toBe(404)
    const moved = await t.request(`/api/sessions/${session.id}`, {
      method: 'PATCH',
      cookie: gpCookie,
      json: { startsAt },
    })
    expect(SessionDetail.parse(await moved.json()).startsAt).toBe(startsAt)
    const cancelled = await t.request(`/api/sessions/${session.id}/cancel`, {
      method: 'POST',
      cookie: gpCookie,
    })
    expect(SessionDetail.parse(await cancelled.json()).status).toBe('cancelled')
    expect((await auditActions(t, session.id)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['sessions.rescheduled', 'sessions.cancelled'])
    )
    expect(
      (await t.request(`/api/sessions/${session.id}`, { cookie: outsiderCookie })).status
    ).toBe(404)
  })

  it('has a clinician take part in a session once, whoever invites them and however often', async () => {
    const { session } = await scheduleSession(t, gpCookie, { patientId, clinicianIds: [] })
    const invite = () =>
      t.request(`/api/sessions/${session.id}/participants`, {
        method: 'POST',
        cookie: gpCookie,
        json: { clinicianId: psych.id },
      })
    // Twice at once: one invitation, and the other is told plainly.
    const answers = await Promise.all([invite(), invite()])
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409])
    const refused = answers.find((r) => r.status === 409)!
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
      'This clinician is already invited.'
    )
    expect((await invite()).status).toBe(409)
    const rows = await t.owner.sql`
      select count(*)::int as n from participants
      where session_id = ${session.id} and clinician_id = ${psych.id}`
    expect(rows[0]!.n).toBe(1)
    // The database holds to it too, whatever a future code path forgets to check.
    await expect(
      t.owner.sql`
        insert into participants (session_id, role, clinician_id, display_name)
        values (${session.id}, 'clinician', ${psych.id}, 'Again')`
    ).rejects.toMatchObject({ code: '23505' })
  })
})
