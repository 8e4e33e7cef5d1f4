import { beforeAll, describe, expect, it } from 'vitest'
import * as z from 'zod'
import { Patient, PatientSummary } from '../../../shared/patients'
import { SessionSummary } from '../../../shared/sessions'
import { startTestApp, type TestApp } from '../../support/app'
import {
  auditActions,
  createCareTeam,
  createClinic,
  createClinician,
  scheduleCaseConference,
  signIn,
  type TestClinician,
} from '../../support/people'

let t: TestApp
let clinicId: string
let gp: TestClinician
let navigator: TestClinician
let outsider: TestClinician
let gpCookie: string
let outsiderCookie: string
let patientId: string

beforeAll(async () => {
  t = await startTestApp()
  clinicId = (await createClinic(t)).id
  gp = await createClinician(t, clinicId, { discipline: 'primary_care' })
  navigator = await createClinician(t, clinicId, { discipline: 'care_navigation' })
  outsider = await createClinician(t, clinicId, { discipline: 'urology' })
  patientId = (await createCareTeam(t, clinicId, [gp], navigator)).id
  gpCookie = await signIn(t, gp)
  outsiderCookie = await signIn(t, outsider)
})

describe('patient records', () => {
  it('shows a care team member the patient, their team and the care navigator, and audits the view', async () => {
    const res = await t.request(`/api/patients/${patientId}`, { cookie: gpCookie })
    expect(res.status).toBe(200)
    const patient = Patient.parse(await res.json())
    expect(patient.careTeam).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          clinicianId: gp.id,
          discipline: 'primary_care',
          isCareNavigator: false,
        }),
        expect.objectContaining({
          clinicianId: navigator.id,
          discipline: 'care_navigation',
          isCareNavigator: true,
        }),
      ])
    )
    expect((await auditActions(t, patientId)).map((a) => a.action)).toContain('patients.viewed')
  })

  it('answers a clinician outside the team exactly as for a patient that does not exist', async () => {
    const foreign = await t.request(`/api/patients/${patientId}`, { cookie: outsiderCookie })
    const missing = await t.request('/api/patients/00000000-0000-4000-8000-000000000000', {
      cookie: gpCookie,
    })
    expect(foreign.status).toBe(404)
    expect(missing.status).toBe(404)
    expect(await foreign.json()).toEqual(await missing.json())
    expect(
      (await t.request(`/api/patients/${patientId}/sessions`, { cookie: outsiderCookie })).status
    ).toBe(404)
  })

  it('answers anonymous callers with 401 and malformed ids with 400', async () => {
    expect((await t.request(`/api/patients/${patientId}`)).status).toBe(401)
    expect((await t.request('/api/patients/123', { cookie: gpCookie })).status).toBe(400)
  })

  it('lists only my patients', async () => {
    const mine = z
      .array(PatientSummary)
      .parse(await (await t.request('/api/patients', { cookie: gpCookie })).json())
    const theirs = z
      .array(PatientSummary)
      .parse(await (await t.request('/api/patients', { cookie: outsiderCookie })).json())
    expect(mine.map((p) => p.id)).toContain(patientId)
    expect(theirs.map((p) => p.id)).not.toContain(patientId)
  })

  it('registers a patient with its author on the care team', async () => {
    const res = await t.request('/api/patients', {
      method: 'POST',
      cookie: outsiderCookie,
      json: {
        displayName: 'Avery Stone',
        dateOfBirth: '1990-01-31',
        careTeam: [{ clinicianId: navigator.id, isCareNavigator: true }],
      },
    })
    expect(res.status).toBe(201)
    const patient = Patient.parse(await res.json())
    expect(patient.careTeam.map((m) => m.clinicianId).sort()).toEqual(
      [navigator.id, outsider.id].sort()
    )
    expect((await auditActions(t, patient.id)).map((a) => a.action)).toContain('patients.created')
  })

  it('changes the care team, allowing only one care navigator, and audits the change', async () => {
    const twoNavigators = await t.request(`/api/patients/${patientId}/care-team`, {
      method: 'PUT',
      cookie: gpCookie,
      json: {
        members: [
          { clinicianId: gp.id, isCareNavigator: true },
          { clinicianId: navigator.id, isCareNavigator: true },
        ],
      },
    })
    expect(twoNavigators.status).toBe(400)
    const ok = await t.request(`/api/patients/${patientId}/care-team`, {
      method: 'PUT',
      cookie: gpCookie,
      json: {
        members: [
          { clinicianId: gp.id },
          { clinicianId: navigator.id, isCareNavigator: true },
          { clinicianId: outsider.id },
        ],
      },
    })
    expect(ok.status).toBe(200)
    expect((await t.request(`/api/patients/${patientId}`, { cookie: outsiderCookie })).status).toBe(
      200
    )
    expect((await auditActions(t, patientId)).map((a) => a.action)).toContain(
      'patients.care_team_changed'
    )
  })

  it('refuses a care team member from another clinic and changes nothing', async () => {
    const stranger = await createClinician(t, (await createClinic(t, 'Other')).id)
    const before = await t.owner
      .sql`select clinician_id from care_team_members where patient_id = ${patientId} order by clinician_id`
    const res = await t.request(`/api/patients/${patientId}/care-team`, {
      method: 'PUT',
      cookie: gpCookie,
      json: { members: [{ clinicianId: stranger.id }] },
    })
    expect(res.status).toBe(400)
    const after = await t.owner
      .sql`select clinician_id from care_team_members where patient_id = ${patientId} order by clinician_id`
    expect(after).toEqual(before)
  })

  it('edits the patient record and audits which fields changed', async () => {
    const res = await t.request(`/api/patients/${patientId}`, {
      method: 'PATCH',
      cookie: gpCookie,
      json: { displayName: 'Renamed Person' },
    })
    expect(res.status).toBe(200)
    expect(Patient.parse(await res.json()).displayName).toBe('Renamed Person')
    const updated = (await auditActions(t, patientId)).find((a) => a.action === 'patients.updated')
    expect(updated?.detail).toEqual({ changed: ['displayName'] })
  })

  it("lists the patient's upcoming sessions and my own on my home", async () => {
    const session = await scheduleCaseConference(t, {
      clinicId,
      patientId,
      host: gp,
      others: [navigator],
    })
    await scheduleCaseConference(t, {
      clinicId,
      patientId,
      host: gp,
      startsAt: new Date(Date.now() - 48 * 3600_000),
    })
    const forPatient = z
      .array(SessionSummary)
      .parse(
        await (await t.request(`/api/patients/${patientId}/sessions`, { cookie: gpCookie })).json()
      )
    expect(forPatient.map((s) => s.id)).toEqual([session.id])
    const navUpcoming = z
      .array(SessionSummary)
      .parse(
        await (
          await t.request('/api/sessions?scope=upcoming', { cookie: await signIn(t, navigator) })
        ).json()
      )
    expect(navUpcoming.map((s) => s.id)).toEqual([session.id])
    const outsiderUpcoming = await (
      await t.request('/api/sessions', { cookie: outsiderCookie })
    ).json()
    expect(outsiderUpcoming).toEqual([])
    const past = z
      .array(SessionSummary)
      .parse(await (await t.request('/api/sessions?scope=past', { cookie: gpCookie })).json())
    expect(past).toHaveLength(1)
    expect((await t.request('/api/sessions?scope=yesterday', { cookie: gpCookie })).status).toBe(
      400
    )
  })
})
