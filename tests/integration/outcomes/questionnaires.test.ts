import { beforeAll, describe, expect, it } from 'vitest'
import { TeamEvent } from '../../../shared/events'
import { MyQuestionnaires, PatientOutcomes, SafetyAlert } from '../../../shared/outcomes'
import { z } from '../../../shared/zod'
import { startTestApp, type TestApp } from '../../support/app'
import {
  createCareTeam,
  createClinic,
  createClinician,
  exchangeLink,
  scheduleSession,
  signIn,
  type TestClinician,
} from '../../support/people'

let t: TestApp
let gp: TestClinician
let gpCookie: string
let outsiderCookie: string
let patientId: string
let outsiderPatientId: string
const DOB = '1985-06-01'

beforeAll(async () => {
  t = await startTestApp()
  const clinicId = (await createClinic(t)).id
  gp = await createClinician(t, clinicId, { discipline: 'primary_care' })
  patientId = (await createCareTeam(t, clinicId, [gp])).id
  gpCookie = await signIn(t, gp)
  const outsider = await createClinician(t, clinicId)
  outsiderCookie = await signIn(t, outsider)
  outsiderPatientId = (await createCareTeam(t, clinicId, [outsider])).id
})

/** A joint session with the patient and a partner; returns their guest cookies. */
async function jointSession(forPatient = patientId, cookie = gpCookie) {
  const { session, links } = await scheduleSession(t, cookie, {
    patientId: forPatient,
    clinicianIds: [],
    invitePatient: true,
    partner: { displayName: 'Kim', email: null },
  })
  const patientLink = links.find((l) => l.role === 'patient')!
  const partnerLink = links.find((l) => l.role === 'partner')!
  return {
    sessionId: session.id,
    patient: await exchangeLink(t, patientLink.url, DOB),
    partner: await exchangeLink(t, partnerLink.url),
  }
}

const offer = async (sessionId: string, cookie: string) => {
  const res = await t.request(`/api/sessions/${sessionId}/questionnaires`, {
    method: 'POST',
    cookie,
  })
  expect(res.status).toBe(201)
  return MyQuestionnaires.parse(await res.json())
}
const idOf = (q: MyQuestionnaires, key: string) =>
  q.questionnaires.find((x) => x.instrument.key === key)!.responseId
const submit = (
  responseId: string,
  answers: Record<string, number>,
  auth: { cookie?: string; bearer?: string }
) =>
  t.request(`/api/questionnaires/${responseId}/submission`, {
    method: 'POST',
    cookie: auth.cookie,
    headers: auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : {},
    json: { answers, total: 0 },
  })
const phq9 = (item: (n: number) => number) =>
  Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`phq9_${i + 1}`, item(i + 1)]))
const counts = async () => {
  const [row] = await t.owner.sql<{ scores: number; alerts: number; submitted: number }[]>`
    select (select count(*)::int from scores) as scores, (select count(*)::int from safety_alerts) as alerts,
           (select count(*)::int from responses where status = 'submitted') as submitted`
  return row!
}
const outcomes = async (cookie: string) =>
  PatientOutcomes.parse(
    await (await t.request(`/api/patients/${patientId}/outcomes`, { cookie })).json()
  )

async function readTeamEvents(res: Response, until: (e: TeamEvent) => boolean) {
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  const events: TeamEvent[] = []
  let buffer = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) break
    buffer += decoder.decode(value, { stream: true })
    let end: number
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      if (!block.includes('event: message')) continue
      const e = TeamEvent.parse(
        JSON.parse(
          block
            .split('\n')
            .find((l) => l.startsWith('data: '))!
            .slice(6)
        )
      )
      events.push(e)
      if (until(e)) {
        await reader.cancel()
        return events
      }
    }
  }
  return events
}

describe('questionnaires after a joint session', () => {
  it('offers the patient PHQ-9, GAD-7 and satisfaction, the partner satisfaction only, once each', async () => {
    const s = await jointSession()
    const mine = await offer(s.sessionId, s.patient)
    expect(mine.questionnaires.map((q) => q.instrument.key).sort()).toEqual([
      'gad7',
      'phq9',
      'session_satisfaction',
    ])
    expect(mine.link?.secret).toBeTruthy()
    expect((await offer(s.sessionId, s.patient)).questionnaires).toHaveLength(3)
    expect(
      (await offer(s.sessionId, s.partner)).questionnaires.map((q) => q.instrument.key)
    ).toEqual(['session_satisfaction'])
  })

  it('saves progress, scores on the server ignoring a client total, and computes change against the last score', async () => {
    const first = await jointSession()
    const q1 = await offer(first.sessionId, first.patient)
    const save = await t.request(`/api/questionnaires/${idOf(q1, 'phq9')}/answers`, {
      method: 'PUT',
      cookie: first.patient,
      json: { answers: { phq9_1: 2 } },
    })
    expect(save.status).toBe(204)
    const again = MyQuestionnaires.parse(
      await (await t.request('/api/questionnaires', { cookie: first.patient })).json()
    )
    expect(again.questionnaires.find((q) => q.instrument.key === 'phq9')!.answers).toEqual({
      phq9_1: 2,
    })
    expect(
      (
        await submit(
          idOf(q1, 'phq9'),
          phq9((n) => (n <= 8 ? 2 : 0)),
          { cookie: first.patient }
        )
      ).status
    ).toBe(201)

    // Later, through the questionnaire link rather than the guest session.
    const second = await jointSession()
    const q2 = await offer(second.sessionId, second.patient)
    // Another measure scored in between is no "previous score" of PHQ-9 (a GAD-7 of 0 would hide the improvement).
    const gad7 = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`gad7_${i + 1}`, 0]))
    expect((await submit(idOf(q2, 'gad7'), gad7, { cookie: second.patient })).status).toBe(201)
    expect(
      (
        await submit(
          idOf(q2, 'phq9'),
          phq9((n) => (n <= 3 ? 1 : 0)),
          { bearer: q2.link!.secret }
        )
      ).status
    ).toBe(201)

    const trend = (await outcomes(gpCookie)).measures.find((m) => m.key === 'phq9')!
    expect(
      trend.points.slice(-2).map((p) => [p.total, p.band, p.meaningful, p.response, p.remission])
    ).toEqual([
      [16, 'Moderately severe', null, false, false],
      [3, 'Minimal', 'improved', true, true],
    ])
    expect(trend.bands).toHaveLength(5)
  })

  it('answers out-of-range values, missing items, a duplicate and another person’s questionnaire with 4xx, storing nothing', async () => {
    const s = await jointSession()
    const q = await offer(s.sessionId, s.patient)
    const partnerQ = await offer(s.sessionId, s.partner)
    const before = await counts()

    const outOfRange = await submit(idOf(q, 'gad7'), { gad7_1: 7 }, { cookie: s.patient })
    expect(outOfRange.status).toBe(400)
    expect(((await outOfRange.json()) as { error: { message: string } }).error.message).toMatch(
      /Question 1 of GAD-7 takes one of 0, 1, 2, 3, not 7/
    )
    const missing = await submit(idOf(q, 'gad7'), { gad7_1: 1, gad7_2: 1 }, { cookie: s.patient })
    expect(missing.status).toBe(400)
    expect(((await missing.json()) as { error: { message: string } }).error.message).toMatch(
      /questions 3, 4, 5, 6, 7 are not answered yet/
    )
    const badProgress = await t.request(`/api/questionnaires/${idOf(q, 'gad7')}/answers`, {
      method: 'PUT',
      cookie: s.patient,
      json: { answers: { gad7_1: -1 } },
    })
    expect(badProgress.status).toBe(400)

    // The partner cannot answer (or learn of) the patient's questionnaire.
    const foreign = await submit(idOf(q, 'gad7'), { gad7_1: 0 }, { cookie: s.partner })
    expect(foreign.status).toBe(404)
    // Nor ask for another session's questionnaires.
    const other = await jointSession()
    const wrongSession = await t.request(`/api/sessions/${other.sessionId}/questionnaires`, {
      method: 'POST',
      cookie: s.patient,
    })
    expect(wrongSession.status).toBe(403)
    expect(((await wrongSession.json()) as { error: { message: string } }).error.message).toMatch(
      /your own session/
    )
    // Clinicians do not answer patients' questionnaires.
    expect((await submit(idOf(q, 'gad7'), {}, { cookie: gpCookie })).status).toBe(401)
    expect((await submit(idOf(q, 'gad7'), {}, { bearer: 'forged' })).status).toBe(404)
    expect(await counts()).toEqual(before)

    const all = { session_satisfaction_1: 4, session_satisfaction_2: 3, session_satisfaction_3: 4 }
    expect(
      (await submit(idOf(partnerQ, 'session_satisfaction'), all, { cookie: s.partner })).status
    ).toBe(201)
    const duplicate = await submit(idOf(partnerQ, 'session_satisfaction'), all, {
      cookie: s.partner,
    })
    expect(duplicate.status).toBe(409)
    expect(await counts()).toEqual({
      ...before,
      scores: before.scores + 1,
      submitted: before.submitted + 1,
    })
  })

  it('raises a safety alert on PHQ-9 item 9 above 0, live to the care team only, closed with a note', async () => {
    const s = await jointSession()
    const q = await offer(s.sessionId, s.patient)
    const teamStream = await t.request('/api/team-events', { cookie: gpCookie })
    const outsiderStream = await t.request('/api/team-events', { cookie: outsiderCookie })
    const teamEvents = readTeamEvents(teamStream, (e) => e.type === 'safety_alert.raised')
    const outsiderEvents = readTeamEvents(outsiderStream, (e) => e.patientId === outsiderPatientId)

    expect(
      (
        await submit(
          idOf(q, 'phq9'),
          phq9((n) => (n === 9 ? 1 : 0)),
          { cookie: s.patient }
        )
      ).status
    ).toBe(201)
    const raised = (await teamEvents).find((e) => e.type === 'safety_alert.raised')!
    expect(raised).toMatchObject({ patientId })
    expect(Object.keys(raised).sort()).toEqual(['alertId', 'patientId', 'type'])

    const open = z
      .array(SafetyAlert)
      .parse(await (await t.request('/api/safety-alerts', { cookie: gpCookie })).json())
    expect(open.map((a) => a.id)).toContain('alertId' in raised ? raised.alertId : '')
    expect(
      z
        .array(SafetyAlert)
        .parse(await (await t.request('/api/safety-alerts', { cookie: outsiderCookie })).json())
    ).toEqual([])

    const alertId = 'alertId' in raised ? raised.alertId : ''
    const [audited] = await t.owner.sql<{ n: number }[]>`
      select count(*)::int as n from audit_events where action = 'safety_alerts.raised' and subject_id = ${alertId}`
    expect(audited!.n).toBe(1)

    const closure = (cookie: string, note: string) =>
      t.request(`/api/safety-alerts/${alertId}/closure`, { method: 'POST', cookie, json: { note } })
    expect((await closure(outsiderCookie, 'Not mine')).status).toBe(404)
    expect((await closure(gpCookie, '')).status).toBe(400)
    expect((await closure(gpCookie, 'Called the patient; safety plan agreed')).status).toBe(204)
    expect((await closure(gpCookie, 'Again')).status).toBe(409)

    // Events are delivered in order: once the outsider's own patient's event arrives, ours had been filtered out.
    const own = await jointSession(outsiderPatientId, outsiderCookie)
    const ownQ = await offer(own.sessionId, own.patient)
    expect(
      (
        await submit(
          idOf(ownQ, 'phq9'),
          phq9(() => 0),
          { cookie: own.patient }
        )
      ).status
    ).toBe(201)
    expect((await outsiderEvents).map((e) => [e.type, e.patientId])).toEqual([
      ['outcomes.changed', outsiderPatientId],
    ])
  })
})
