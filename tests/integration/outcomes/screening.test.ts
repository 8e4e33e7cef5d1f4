import { beforeAll, describe, expect, it } from 'vitest'
import { INTAKE_SCREENING } from '../../../shared/measures-due'
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
  scheduleSession,
  signIn,
} from '../../support/people'

let t: TestApp
let gpCookie: string
let patientId: string

beforeAll(async () => {
  t = await startTestApp()
  const clinicId = (await createClinic(t)).id
  const gp = await createClinician(t, clinicId, { discipline: 'primary_care' })
  patientId = (await createCareTeam(t, clinicId, [gp])).id
  gpCookie = await signIn(t, gp)
  // A new patient: invited to a first session, not seen yet.
  await scheduleSession(t, gpCookie, { patientId, clinicianIds: [], invitePatient: true })
})

const offer = async (instrumentKeys: string[]) => {
  const res = await t.request(`/api/patients/${patientId}/questionnaire-offers`, {
    method: 'POST',
    cookie: gpCookie,
    json: { instrumentKeys },
  })
  expect(res.status).toBe(201)
  return QuestionnaireOffer.parse(await res.json())
}
const mine = async (secret: string) =>
  MyQuestionnaires.parse(
    await (
      await t.request('/api/questionnaires', { headers: { authorization: `Bearer ${secret}` } })
    ).json()
  )
async function answer(secret: string, key: string, answers: Record<string, number>) {
  const q = (await mine(secret)).questionnaires.find(
    (x) => x.instrument.key === key && x.status === 'open'
  )!
  const res = await t.request(`/api/questionnaires/${q.responseId}/submission`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}` },
    json: { answers },
  })
  expect(res.status).toBe(201)
}
const outcomes = async () =>
  PatientOutcomes.parse(
    await (await t.request(`/api/patients/${patientId}/outcomes`, { cookie: gpCookie })).json()
  )
const dashboard = async () =>
  TeamDashboard.parse(
    await (await t.request('/api/outcomes/dashboard', { cookie: gpCookie })).json()
  )

describe('intake screening', () => {
  it('is offered before the first session; a positive PHQ-2 suggests the PHQ-9 and feeds the dashboard', async () => {
    expect(await dashboard()).toMatchObject({ patients: 1, screened: 0, positiveScreens: 0 })
    const { link, offered } = await offer([...INTAKE_SCREENING])
    expect(offered.map((o) => o.instrumentKey)).toEqual(['phq2', 'gad2', 'sexual_health'])
    expect((await mine(link.secret)).questionnaires.map((q) => q.instrument.key).sort()).toEqual([
      'gad2',
      'phq2',
      'sexual_health',
    ])

    // PHQ-2 of 3 is a positive screen; GAD-2 of 2 and no sexual-health concern are not.
    await answer(link.secret, 'phq2', { phq2_1: 2, phq2_2: 1 })
    await answer(link.secret, 'gad2', { gad2_1: 1, gad2_2: 1 })
    await answer(link.secret, 'sexual_health', { sexual_health_1: 1, sexual_health_2: 0 })
    expect((await outcomes()).suggestions).toMatchObject([
      { screen: 'phq2', screenTotal: 3, suggest: 'phq9' },
    ])
    expect(await dashboard()).toMatchObject({
      patients: 1,
      screened: 1,
      positiveScreens: 1,
      reachedSpecialist: 0,
    })

    // A session with a specialist after the positive screen counts towards "days to a specialist".
    await scheduleSession(t, gpCookie, {
      patientId,
      clinicianIds: [],
      invitePatient: true,
      specialists: [{ displayName: 'Dr Uro', email: 'uro@test.clinic', discipline: 'urology' }],
    })
    expect(await dashboard()).toMatchObject({
      reachedSpecialist: 1,
      medianDaysPositiveToSpecialist: expect.any(Number),
    })

    // The team offers the suggested PHQ-9; once answered, the suggestion goes.
    const next = await offer(['phq9'])
    await answer(
      next.link.secret,
      'phq9',
      Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`phq9_${i + 1}`, 0]))
    )
    expect((await outcomes()).suggestions).toEqual([])
    expect(
      (await auditActions(t))
        .filter((a) => a.action === 'questionnaires.offered')
        .map((a) => a.detail)
    ).toEqual([{ instruments: ['phq2', 'gad2', 'sexual_health'] }, { instruments: ['phq9'] }])
  })
})
