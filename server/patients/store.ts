import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { clinicians } from '../accounts/tables'
import type { Queryable } from '../db/client'
import type { ClinicianActor } from '../identity/actor'
import { careTeamMembers, patients } from './tables'

/** The visibility rule in SQL: on the patient's care team, or an admin of the patient's clinic. */
export function visibleTo(actor: ClinicianActor) {
  const onTeam = sql`exists (select 1 from ${careTeamMembers} where ${careTeamMembers.patientId} = ${patients.id} and ${careTeamMembers.clinicianId} = ${actor.clinicianId})`
  return and(eq(patients.clinicId, actor.clinicId), actor.role === 'admin' ? undefined : onTeam)
}

export async function findVisible(
  db: Queryable,
  actor: ClinicianActor,
  id: string,
  opts: { lock?: boolean } = {}
) {
  const query = db
    .select()
    .from(patients)
    .where(and(eq(patients.id, id), visibleTo(actor)))
  const [row] = opts.lock ? await query.for('update') : await query
  return row
}

/** My patients: those whose care team I am on (admins too: their list is their own caseload). */
export const listOnTeam = (db: Queryable, clinicianId: string) =>
  db
    .select({
      id: patients.id,
      displayName: patients.displayName,
      dateOfBirth: patients.dateOfBirth,
    })
    .from(patients)
    .innerJoin(careTeamMembers, eq(careTeamMembers.patientId, patients.id))
    .where(eq(careTeamMembers.clinicianId, clinicianId))
    .orderBy(asc(patients.displayName))

export const listCareTeam = (db: Queryable, patientId: string) =>
  db
    .select({
      clinicianId: clinicians.id,
      displayName: clinicians.displayName,
      discipline: clinicians.discipline,
      isCareNavigator: careTeamMembers.isCareNavigator,
    })
    .from(careTeamMembers)
    .innerJoin(clinicians, eq(clinicians.id, careTeamMembers.clinicianId))
    .where(eq(careTeamMembers.patientId, patientId))
    .orderBy(asc(clinicians.displayName))

export async function insertPatient(db: Queryable, values: typeof patients.$inferInsert) {
  const [row] = await db.insert(patients).values(values).returning()
  return row!
}

export async function updatePatient(
  db: Queryable,
  id: string,
  values: Partial<Pick<typeof patients.$inferInsert, 'displayName' | 'dateOfBirth' | 'email'>>,
  at: Date
) {
  const [row] = await db
    .update(patients)
    .set({ ...values, updatedAt: at })
    .where(eq(patients.id, id))
    .returning()
  return row!
}

export async function replaceCareTeam(
  db: Queryable,
  patientId: string,
  members: { clinicianId: string; isCareNavigator: boolean }[]
) {
  await db.delete(careTeamMembers).where(eq(careTeamMembers.patientId, patientId))
  if (members.length) {
    await db.insert(careTeamMembers).values(
      members.map((m) => ({
        patientId,
        clinicianId: m.clinicianId,
        isCareNavigator: m.isCareNavigator,
      }))
    )
  }
}

export async function countActiveClinicians(db: Queryable, clinicId: string, ids: string[]) {
  if (ids.length === 0) return 0
  const rows = await db
    .select({ id: clinicians.id })
    .from(clinicians)
    .where(
      and(
        eq(clinicians.clinicId, clinicId),
        eq(clinicians.active, true),
        inArray(clinicians.id, ids)
      )
    )
  return rows.length
}

/** By id, without a visibility check: for services that already decided access through the session. */
export async function findById(db: Queryable, id: string) {
  const [row] = await db.select().from(patients).where(eq(patients.id, id))
  return row
}
