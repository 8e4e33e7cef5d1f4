// Who may read and who may write which part of a patient's plan. The one answer for the HTTP routes and every
// collaborative document connection; nothing is allowed by default.
import { and, eq } from 'drizzle-orm'
import { type PlanPart, partCategory, patientWritableParts, planParts } from '../../shared/careplan'
import * as admissionStore from '../admission/store'
import { categoriesFor } from '../consent/scope'
import type { Queryable, Tx } from '../db/client'
import type { Actor } from '../identity/actor'
import { careTeamMembers, patients } from '../patients/tables'
import { findAccessible, isOpen } from '../sessions/access'

export type PlanAccess = {
  patientId: string
  /** The session this access comes through; null for the care team outside a session. */
  sessionId: string | null
  participantId: string | null
  displayName: string
  readable: PlanPart[]
  writable: PlanPart[]
}

async function onCareTeam(db: Queryable, clinicianId: string, clinicId: string, patientId: string) {
  const [row] = await db
    .select({ id: careTeamMembers.clinicianId })
    .from(careTeamMembers)
    .innerJoin(patients, eq(patients.id, careTeamMembers.patientId))
    .where(
      and(
        eq(careTeamMembers.patientId, patientId),
        eq(careTeamMembers.clinicianId, clinicianId),
        eq(patients.clinicId, clinicId)
      )
    )
  return row !== undefined
}

const partsIn = (categories: string[]) =>
  planParts.filter((p) => categories.includes(partCategory[p]))

/**
 * The caller's access to one patient's plan, or undefined for none. The care team reads and writes everything,
 * in a session or not. Anyone else only through a live session they are admitted to right now, within the
 * categories consent gives them: the patient writes their own words, partners and observers only read.
 */
export async function planAccess(
  tx: Tx,
  actor: Actor,
  patientId: string,
  sessionId: string | null
): Promise<PlanAccess | undefined> {
  if (
    actor.kind === 'clinician' &&
    (await onCareTeam(tx, actor.clinicianId, actor.clinicId, patientId))
  ) {
    return {
      patientId,
      sessionId,
      participantId: null,
      displayName: actor.displayName,
      readable: [...planParts],
      writable: [...planParts],
    }
  }
  if (!sessionId) return undefined
  const access = await findAccessible(tx, actor, sessionId)
  const me = access?.me
  if (!access || !me || access.session.patientId !== patientId) return undefined
  if (!isOpen(access.session.status)) return undefined
  if (!(await admissionStore.findOpenAdmission(tx, me.sessionId, me.id))) return undefined
  const readable = partsIn(await categoriesFor(tx, access.session, me, access.isClinician))
  const writable =
    me.role === 'patient'
      ? readable.filter((p) => patientWritableParts.includes(p))
      : me.role === 'partner' || me.role === 'observer'
        ? []
        : readable
  return {
    patientId,
    sessionId,
    participantId: me.id,
    displayName: me.displayName,
    readable,
    writable,
  }
}
