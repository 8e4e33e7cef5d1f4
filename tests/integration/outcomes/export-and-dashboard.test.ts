import { beforeAll, describe, expect, it } from 'vitest'
import type { Bundle, Observation } from '@medplum/fhirtypes'
import { MyQuestionnaires, TeamDashboard } from '../../../shared/outcomes'
import { startTestApp, type TestApp } from '../../support/app'
import { expectValidFhir } from '../../support/fhir'
import {
  createCareTeam,
  createClinic,
  createClinician,
  exchangeLink,
  scheduleSession,
  signIn,
} from '../../support/people'

let t: TestApp
let gpCookie: string
let outsiderCookie: string
let patientId: string

beforeAll(async () => {
  t = await startTestApp()
  const clinicId = (await createClinic(t)).id
  const gp = await createClinician(t, clinicId, { discipline: 'primary_care' })
  patientId = (await createCareTeam(t, clinicId, [gp])).id
  gpCookie = await signIn(t, gp)
  outsiderCookie = await signIn(t, await createClinician(t, clinicId))
  // The patient answers PHQ-9 (positive screen, item 9 above 0) and GAD-7; the partner rates the session.
  const { session, links } = await scheduleSession(t, gpCookie, {
    patientId,
    clinicianIds: [],
    invitePatient: true,
    partner: { displayName: 'Kim', email: null },
  })
  const patient = await exchangeLink(t, links.find((l) => l.role === 'patient')!.url, '1985-06-01')
  const partner = await exchangeLink(t, links.find((l) => l.role === 'partner')!.url)
  const offer = async (cookie: string) =>
    MyQuestionnaires.parse(
      await (
        await t.request(`/api/sessions/${session.id}/questionnaires`, { method: 'POST', cookie })
      ).json()
    )
  const send = async (cookie: string, q: MyQuestionnaires, key: string, value: number) => {
    const found = q.questionnaires.find((x) => x.instrument.key === key)!
    const answers = Object.fromEntries(found.instrument.items.map((i) => [i.id, value]))
    const res = await t.request(`/api/questionnaires/${found.responseId}/submission`, {
      method: 'POST',
      cookie,
      json: { answers },
    })
    expect(res.status).toBe(201)
  }
  const mine = await offer(patient)
  await send(patient, mine, 'phq9', 2)
  await send(patient, mine, 'gad7', 1)
  await send(partner, await offer(partner), 'session_satisfaction', 4)
})

describe('FHIR export of outcomes', () => {
  it('validates with no errors and carries LOINC totals derived from the responses', async () => {
    const res = await t.request(`/api/patients/${patientId}/outcomes/fhir`, { cookie: gpCookie })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/application\/fhir\+json/)
    const bundle = (await res.json()) as Bundle
    expectValidFhir(bundle)
    const kinds = bundle.entry!.map((e) => e.resource!.resourceType)
    // Patient + (response, observation) for PHQ-9 and GAD-7; the partner's answers stay out.
    expect(kinds).toEqual([
      'Patient',
      'QuestionnaireResponse',
      'Observation',
      'QuestionnaireResponse',
      'Observation',
    ])
    const observations = bundle
      .entry!.map((e) => e.resource!)
      .filter((r): r is Observation => r.resourceType === 'Observation')
    expect(observations.map((o) => [o.code.coding![0]!.code, o.valueInteger])).toEqual([
      ['44261-6', 18],
      ['70274-6', 7],
    ])
    const [audited] = await t.owner.sql<{ n: number }[]>`
      select count(*)::int as n from audit_events where action = 'outcomes.exported' and patient_id = ${patientId}`
    expect(audited!.n).toBe(1)
  })

  it('answers a clinician outside the care team as if the patient did not exist', async () => {
    expect(
      (await t.request(`/api/patients/${patientId}/outcomes/fhir`, { cookie: outsiderCookie }))
        .status
    ).toBe(404)
  })
})

describe('team dashboard', () => {
  it('counts screened patients, positive screens and open safety alerts over my caseload only', async () => {
    const mine = TeamDashboard.parse(
      await (await t.request('/api/outcomes/dashboard', { cookie: gpCookie })).json()
    )
    expect(mine).toMatchObject({
      patients: 1,
      screened: 1,
      positiveScreens: 1,
      reachedSpecialist: 0,
      medianDaysPositiveToSpecialist: null,
      openSafetyAlerts: 1,
    })
    const theirs = TeamDashboard.parse(
      await (await t.request('/api/outcomes/dashboard', { cookie: outsiderCookie })).json()
    )
    expect(theirs).toMatchObject({ patients: 0, screened: 0, openSafetyAlerts: 0 })
  })
})
