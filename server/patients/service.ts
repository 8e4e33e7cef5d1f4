// Patient records and care teams. Every read of a patient record is audited.
import type {
  CreatePatientInput,
  Patient,
  PatientSummary,
  SetCareTeamInput,
  UpdatePatientInput,
} from '../../shared/patients'
import type { SessionSummary } from '../../shared/sessions'
import { requireClinician } from '../accounts/service'
import * as audit from '../audit/service'
import type { Tx } from '../db/client'
import type { Deps } from '../deps'
import type { Actor, ClinicianActor } from '../identity/actor'
import { invalidInput, notFound } from '../http/errors'
import * as sessionStore from '../sessions/store'
import { toSessionSummary } from '../sessions/service'
import * as store from './store'
import type { patients } from './tables'

const toPatient = (row: typeof patients.$inferSelect, careTeam: Patient['careTeam']): Patient => ({
  id: row.id,
  displayName: row.displayName,
  dateOfBirth: row.dateOfBirth,
  email: row.email,
  careTeam,
})

export async function listMyPatients(deps: Deps, actor: Actor): Promise<PatientSummary[]> {
  const clinician = requireClinician(actor)
  return store.listOnTeam(deps.db, clinician.clinicianId)
}

export async function getPatient(deps: Deps, actor: Actor, id: string): Promise<Patient> {
  const clinician = requireClinician(actor)
  return deps.db.transaction(async (tx) => {
    const row = await store.findVisible(tx, clinician, id)
    if (!row) throw notFound('patient')
    const careTeam = await store.listCareTeam(tx, row.id)
    await audit.record(tx, clinician, 'patients.viewed', {
      subjectKind: 'patient',
      subjectId: row.id,
      patientId: row.id,
    })
    return toPatient(row, careTeam)
  })
}

export async function listUpcomingSessions(
  deps: Deps,
  actor: Actor,
  patientId: string
): Promise<SessionSummary[]> {
  const clinician = requireClinician(actor)
  return deps.db.transaction(async (tx) => {
    const row = await store.findVisible(tx, clinician, patientId)
    if (!row) throw notFound('patient')
    const sessions = await sessionStore.listUpcomingForPatient(tx, row.id, deps.clock())
    await audit.record(tx, clinician, 'patients.sessions_viewed', {
      subjectKind: 'patient',
      subjectId: row.id,
      patientId: row.id,
    })
    return sessions.map(toSessionSummary)
  })
}

export async function createPatient(
  deps: Deps,
  actor: Actor,
  input: CreatePatientInput
): Promise<Patient> {
  const clinician = requireClinician(actor)
  return deps.db.transaction(async (tx) => {
    const row = await store.insertPatient(tx, {
      clinicId: clinician.clinicId,
      displayName: input.displayName,
      dateOfBirth: input.dateOfBirth,
      email: input.email,
    })
    // Whoever registers a patient is on their team, so the record never becomes invisible to its author.
    const members = input.careTeam.some((m) => m.clinicianId === clinician.clinicianId)
      ? input.careTeam
      : [...input.careTeam, { clinicianId: clinician.clinicianId, isCareNavigator: false }]
    await setTeam(tx, clinician, row.id, members)
    await audit.record(tx, clinician, 'patients.created', {
      subjectKind: 'patient',
      subjectId: row.id,
      patientId: row.id,
    })
    return toPatient(row, await store.listCareTeam(tx, row.id))
  })
}

export async function updatePatient(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdatePatientInput
): Promise<Patient> {
  const clinician = requireClinician(actor)
  return deps.db.transaction(async (tx) => {
    const before = await store.findVisible(tx, clinician, id, { lock: true })
    if (!before) throw notFound('patient')
    const row = await store.updatePatient(
      tx,
      id,
      { displayName: input.displayName, dateOfBirth: input.dateOfBirth, email: input.email },
      deps.clock()
    )
    const changed = Object.keys(input).filter(
      (k) => input[k as keyof UpdatePatientInput] !== undefined
    )
    await audit.record(tx, clinician, 'patients.updated', {
      subjectKind: 'patient',
      subjectId: id,
      patientId: id,
      detail: { changed },
    })
    return toPatient(row, await store.listCareTeam(tx, row.id))
  })
}

export async function setCareTeam(
  deps: Deps,
  actor: Actor,
  id: string,
  input: SetCareTeamInput
): Promise<Patient> {
  const clinician = requireClinician(actor)
  return deps.db.transaction(async (tx) => {
    const row = await store.findVisible(tx, clinician, id, { lock: true })
    if (!row) throw notFound('patient')
    await setTeam(tx, clinician, id, input.members)
    await audit.record(tx, clinician, 'patients.care_team_changed', {
      subjectKind: 'patient',
      subjectId: id,
      patientId: id,
      detail: {
        members: input.members.map((m) => m.clinicianId),
        careNavigator: input.members.find((m) => m.isCareNavigator)?.clinicianId ?? null,
      },
    })
    return toPatient(row, await store.listCareTeam(tx, row.id))
  })
}

async function setTeam(
  tx: Tx,
  clinician: ClinicianActor,
  patientId: string,
  members: { clinicianId: string; isCareNavigator: boolean }[]
) {
  const ids = [...new Set(members.map((m) => m.clinicianId))]
  if (ids.length !== members.length)
    throw invalidInput('Each clinician can be on the care team once.')
  if ((await store.countActiveClinicians(tx, clinician.clinicId, ids)) !== ids.length) {
    throw invalidInput('Every care team member must be an active clinician of this clinic.')
  }
  await store.replaceCareTeam(tx, patientId, members)
}
