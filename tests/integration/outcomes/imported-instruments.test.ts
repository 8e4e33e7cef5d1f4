import { beforeAll, describe, expect, it } from 'vitest'
import { dayOf } from '../../../shared/measures-due'
import { MyQuestionnaires, PatientOutcomes, QuestionnaireOffer } from '../../../shared/outcomes'
import { SessionSummary } from '../../../shared/session-review'
import { startTestApp, type TestApp } from '../../support/app'
import {
  auditActions,
  createCareTeam,
  createClinic,
  createClinician,
  exchangeLink,
  scheduleSession,
  signIn,
} from '../../support/people'

let t: TestApp
let gpCookie: string
let adminCookie: string
let otherClinicAdmin: string
let otherClinicPatient: string
let patientId: string
const today = dayOf(new Date())

const scale = [
  { value: 0, label: 'Never' },
  { value: 1, label: 'Sometimes' },
  { value: 2, label: 'Often' },
]
const definition = {
  key: 'clinic_function',
  version: 2,
  title: 'Clinic function scale',
  shortTitle: 'Function',
  items: [
    { id: 'f1', text: 'First question', options: scale },
    { id: 'f2', text: 'Second question', options: scale },
  ],
  bands: [
    { min: 0, max: 1, label: 'Low' },
    { min: 2, max: 4, label: 'High' },
  ],
  meaningfulChange: { points: 2 },
  licence: 'Licensed to the clinic',
}

beforeAll(async () => {
  t = await startTestApp()
  const clinicId = (await createClinic(t)).id
  const gp = await createClinician(t, clinicId, { discipline: 'primary_care' })
  patientId = (await createCareTeam(t, clinicId, [gp])).id
  gpCookie = await signIn(t, gp)
  adminCookie = await signIn(t, await createClinician(t, clinicId, { role: 'admin' }))
  const otherClinic = (await createClinic(t, 'Another clinic')).id
  const otherAdmin = await createClinician(t, otherClinic, { role: 'admin' })
  otherClinicAdmin = await signIn(t, otherAdmin)
  otherClinicPatient = (await createCareTeam(t, otherClinic, [otherAdmin])).id
  const imported = await t.request('/api/instruments', {
    method: 'POST',
    cookie: adminCookie,
    json: definition,
  })
  expect(imported.status).toBe(201)
})

const offer = (cookie: string, instrumentKeys: string[]) =>
  t.request(`/api/patients/${patientId}/questionnaire-offers`, {
    method: 'POST',
    cookie,
    json: { instrumentKeys },
  })

describe("a clinic's imported instrument", () => {
  it('is scheduled, offered, scored by the server and shown in trends like a built-in', async () => {
    const { session, links } = await scheduleSession(t, gpCookie, {
      patientId,
      clinicianIds: [],
      invitePatient: true,
    })
    await exchangeLink(t, links[0]!.url, '1985-06-01')
    const reviewed = await t.request(`/api/sessions/${session.id}/review`, {
      method: 'PUT',
      cookie: gpCookie,
      json: {
        attendanceConfirmed: true,
        assessment: '',
        decisions: '',
        nextSteps: '',
        goalRatings: [],
        followUpOn: null,
        measuresDue: [{ instrumentKey: 'clinic_function', dueOn: today }],
      },
    })
    expect(reviewed.status).toBe(200)

    const outcomes = async () =>
      PatientOutcomes.parse(
        await (await t.request(`/api/patients/${patientId}/outcomes`, { cookie: gpCookie })).json()
      )
    expect((await outcomes()).due).toMatchObject([
      { instrumentKey: 'clinic_function', title: 'Function', status: 'due' },
    ])

    const res = await offer(gpCookie, ['clinic_function'])
    expect(res.status).toBe(201)
    const { link, offered } = QuestionnaireOffer.parse(await res.json())
    expect(offered).toEqual([{ instrumentKey: 'clinic_function', title: 'Function', dueOn: today }])
    const bearer = { authorization: `Bearer ${link.secret}` }
    const mine = MyQuestionnaires.parse(
      await (await t.request('/api/questionnaires', { headers: bearer })).json()
    )
    const q = mine.questionnaires.find((x) => x.instrument.key === 'clinic_function')!
    expect(q.instrument.version).toBe(2)

    // Scored by the same engine on the server: out-of-range refused, a client total ignored.
    const submit = (answers: Record<string, number>) =>
      t.request(`/api/questionnaires/${q.responseId}/submission`, {
        method: 'POST',
        headers: bearer,
        json: { answers, total: 0 },
      })
    const bad = await submit({ f1: 3, f2: 0 })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(
      /Question 1 of Function takes one of 0, 1, 2, not 3/
    )
    expect((await submit({ f1: 2, f2: 1 })).status).toBe(201)

    const after = await outcomes()
    const trend = after.measures.find((m) => m.key === 'clinic_function')!
    expect(trend).toMatchObject({ title: 'Clinic function scale', min: 0, max: 4 })
    expect(trend.bands.map((b) => b.label)).toEqual(['Low', 'High'])
    expect(trend.points.map((p) => [p.total, p.band])).toEqual([[3, 'High']])
    expect(after.due).toMatchObject([{ instrumentKey: 'clinic_function', status: 'answered' }])
    expect((await auditActions(t)).map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'instruments.imported',
        'questionnaires.offered',
        'responses.submitted',
      ])
    )
    const summary = SessionSummary.parse(
      await (await t.request(`/api/sessions/${session.id}/summary`, { cookie: gpCookie })).json()
    )
    expect(summary.review?.measuresDue).toEqual([
      { instrumentKey: 'clinic_function', dueOn: today },
    ])
  })

  it('is unknown to another clinic, which can neither schedule nor offer it', async () => {
    const otherPatient = await t.request(`/api/patients/${patientId}/questionnaire-offers`, {
      method: 'POST',
      cookie: otherClinicAdmin,
      json: { instrumentKeys: ['clinic_function'] },
    })
    expect(otherPatient.status).toBe(404)
    const own = await t.request(`/api/patients/${otherClinicPatient}/questionnaire-offers`, {
      method: 'POST',
      cookie: otherClinicAdmin,
      json: { instrumentKeys: ['clinic_function'] },
    })
    expect(own.status).toBe(400)
    expect(((await own.json()) as { error: { message: string } }).error.message).toMatch(
      /"clinic_function" is not an instrument we know/
    )
    const instruments = (await (
      await t.request('/api/instruments', { cookie: otherClinicAdmin })
    ).json()) as { key: string }[]
    expect(instruments.map((i) => i.key)).not.toContain('clinic_function')
  })
})
