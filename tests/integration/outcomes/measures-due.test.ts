import { beforeAll, describe, expect, it } from 'vitest'
import { addDays, dayOf } from '../../../shared/measures-due'
import {
  MyQuestionnaires,
  PatientOutcomes,
  QuestionnaireOffer,
  TeamDashboard,
} from '../../../shared/outcomes'
import { startTestApp, type TestApp } from '../../support/app'
import {
  auditActions,
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
let adminCookie: string
let clinicId: string
let patientId: string
const DOB = '1985-06-01'
const today = dayOf(new Date())

beforeAll(async () => {
  t = await startTestApp()
  clinicId = (await createClinic(t)).id
  gp = await createClinician(t, clinicId, { discipline: 'primary_care' })
  patientId = (await createCareTeam(t, clinicId, [gp])).id
  gpCookie = await signIn(t, gp)
  outsiderCookie = await signIn(t, await createClinician(t, clinicId))
  adminCookie = await signIn(t, await createClinician(t, clinicId, { role: 'admin' }))
})

async function jointSession(forPatient = patientId) {
  const { session, links } = await scheduleSession(t, gpCookie, {
    patientId: forPatient,
    clinicianIds: [],
    invitePatient: true,
    partner: { displayName: 'Kim', email: null },
  })
  return {
    sessionId: session.id,
    patient: await exchangeLink(t, links.find((l) => l.role === 'patient')!.url, DOB),
    partner: await exchangeLink(t, links.find((l) => l.role === 'partner')!.url),
  }
}

const review = (sessionId: string, measuresDue: { instrumentKey: string; dueOn: string }[]) =>
  t.request(`/api/sessions/${sessionId}/review`, {
    method: 'PUT',
    cookie: gpCookie,
    json: {
      attendanceConfirmed: true,
      assessment: '',
      decisions: '',
      nextSteps: '',
      goalRatings: [],
      followUpOn: null,
      measuresDue,
    },
  })
const outcomes = async (forPatient = patientId) =>
  PatientOutcomes.parse(
    await (await t.request(`/api/patients/${forPatient}/outcomes`, { cookie: gpCookie })).json()
  )
const mine = async (auth: { cookie?: string; bearer?: string }) => {
  const res = await t.request('/api/questionnaires', {
    cookie: auth.cookie,
    headers: auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : {},
  })
  expect(res.status).toBe(200)
  return MyQuestionnaires.parse(await res.json())
}
const offer = (instrumentKeys: unknown, cookie = gpCookie, forPatient = patientId) =>
  t.request(`/api/patients/${forPatient}/questionnaire-offers`, {
    method: 'POST',
    cookie,
    json: { instrumentKeys },
  })
const submit = (responseId: string, answers: Record<string, number>, bearer: string) =>
  t.request(`/api/questionnaires/${responseId}/submission`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}` },
    json: { answers },
  })
const all = (prefix: string, n: number, value: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}_${i + 1}`, value]))
const dueRows = async (forPatient: string) => {
  const [row] = await t.owner.sql<{ n: number }[]>`
    select count(*)::int as n from responses where patient_id = ${forPatient} and due_on is not null`
  return row!.n
}

describe('measures due', () => {
  it('fall due from the post-session form: the team sees due and overdue, the patient’s link offers them once', async () => {
    const s = await jointSession()
    expect(
      (
        await review(s.sessionId, [
          { instrumentKey: 'phq9', dueOn: today },
          { instrumentKey: 'gad7', dueOn: addDays(today, -10) },
          { instrumentKey: 'sexual_health', dueOn: addDays(today, 20) },
        ])
      ).status
    ).toBe(200)
    const before = await outcomes()
    expect(before.due.map((d) => [d.instrumentKey, d.status, d.offered])).toEqual([
      ['gad7', 'overdue', false],
      ['phq9', 'due', false],
      ['sexual_health', 'upcoming', false],
    ])
    const dashboard = TeamDashboard.parse(
      await (await t.request('/api/outcomes/dashboard', { cookie: gpCookie })).json()
    )
    expect(dashboard.measuresDue.map((m) => [m.instrumentKey, m.status])).toEqual([
      ['gad7', 'overdue'],
      ['phq9', 'due'],
    ])

    // The patient opens their questionnaires: what has fallen due is there, once, however often they look.
    const listed = await mine({ cookie: s.patient })
    expect(listed.questionnaires.map((q) => q.instrument.key).sort()).toEqual(['gad7', 'phq9'])
    expect((await mine({ cookie: s.patient })).questionnaires).toHaveLength(2)
    expect(await dueRows(patientId)).toBe(2)
    expect((await outcomes()).due.filter((d) => d.offered).map((d) => d.instrumentKey)).toEqual([
      'gad7',
      'phq9',
    ])
    // The partner is offered none of the patient's measures.
    expect((await mine({ cookie: s.partner })).questionnaires).toEqual([])

    // Answered through a link: the measure shows as answered today.
    const link = QuestionnaireOffer.parse(await (await offer(['phq9'])).json()).link
    const phq9 = listed.questionnaires.find((q) => q.instrument.key === 'phq9')!
    expect((await submit(phq9.responseId, all('phq9', 10, 0), link.secret)).status).toBe(201)
    expect((await outcomes()).due.find((d) => d.instrumentKey === 'phq9')).toMatchObject({
      status: 'answered',
      answeredOn: today,
      offered: false,
    })
    expect((await auditActions(t)).map((a) => a.action)).toContain('questionnaires.offered')
  })

  it('a later form reschedules a measure, and an open one follows the patient to their newest link', async () => {
    const patient = (await createCareTeam(t, clinicId, [gp])).id
    const first = await jointSession(patient)
    await review(first.sessionId, [{ instrumentKey: 'gad7', dueOn: addDays(today, -3) }])
    expect((await mine({ cookie: first.patient })).questionnaires).toHaveLength(1)

    const second = await jointSession(patient)
    await review(second.sessionId, [{ instrumentKey: 'gad7', dueOn: addDays(today, -1) }])
    expect((await outcomes(patient)).due).toMatchObject([
      { instrumentKey: 'gad7', dueOn: addDays(today, -1), status: 'due', offered: true },
    ])
    // The clinician's offer issues a link for the newest session's place; the open GAD-7 moves there with it.
    const res = await offer(['sexual_health'], gpCookie, patient)
    expect(res.status).toBe(201)
    const offered = QuestionnaireOffer.parse(await res.json())
    expect(offered.offered).toEqual([
      { instrumentKey: 'sexual_health', title: expect.any(String), dueOn: today },
    ])
    const viaLink = await mine({ bearer: offered.link.secret })
    expect(viaLink.questionnaires.map((q) => q.instrument.key).sort()).toEqual([
      'gad7',
      'sexual_health',
    ])
    // Whichever of their links the patient opens, their open measures are there (and only once).
    expect(
      (await mine({ cookie: first.patient })).questionnaires.map((q) => q.instrument.key).sort()
    ).toEqual(['gad7', 'sexual_health'])
    expect(await dueRows(patient)).toBe(2)
  })

  it('offers a measure on the newest link even when an older session left the same one unanswered', async () => {
    const patient = (await createCareTeam(t, clinicId, [gp])).id
    const older = await jointSession(patient)
    const postSession = await t.request(`/api/sessions/${older.sessionId}/questionnaires`, {
      method: 'POST',
      cookie: older.patient,
    })
    expect(postSession.status).toBe(201)
    await jointSession(patient)
    const res = await offer(['phq9'], gpCookie, patient)
    expect(res.status).toBe(201)
    const { link } = QuestionnaireOffer.parse(await res.json())
    expect(
      (await mine({ bearer: link.secret })).questionnaires.map((q) => q.instrument.key)
    ).toEqual(['phq9'])
  })

  it('refuses bad offers with one error shape, storing nothing, and hides other teams’ patients', async () => {
    const before = await dueRows(patientId)
    for (const [keys, message] of [
      [[], /Choose at least one/],
      [['nope'], /"nope" is not an instrument we know/],
      [['session_satisfaction'], /straight after a session/],
      ['phq9', /expected array/i],
    ] as const) {
      const res = await offer(keys)
      expect(res.status).toBe(400)
      const body = (await res.json()) as { error: { code: string; message: string } }
      expect(body.error.code).toBe('invalid_input')
      expect(body.error.message).toMatch(message)
    }
    const outsider = await offer(['phq9'], outsiderCookie)
    expect(outsider.status).toBe(404)
    expect(((await outsider.json()) as { error: { code: string } }).error.code).toBe('not_found')
    const s = await jointSession()
    expect((await offer(['phq9'], s.patient)).status).toBe(401)
    expect(
      (
        await review(s.sessionId, [{ instrumentKey: 'not_ours', dueOn: today }]).then((r) =>
          r.json()
        )
      ).error
    ).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/not_ours/) })
    expect(await dueRows(patientId)).toBe(before)

    const newPatient = (await createCareTeam(t, clinicId, [])).id
    const noLink = await offer(['phq9'], adminCookie, newPatient)
    expect(noLink.status).toBe(409)
    expect(((await noLink.json()) as { error: { message: string } }).error.message).toMatch(
      /no personal link yet/
    )
  })
})
