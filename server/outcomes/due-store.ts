// Queries of measures due and offering questionnaires between sessions. Beside store.ts, not in it, so the
// submission path's queries stay apart from these.
import { and, asc, desc, eq, inArray, isNotNull, ne } from 'drizzle-orm'
import type { Queryable } from '../db/client'
import { careTeamMembers, patients } from '../patients/tables'
import { participants, sessions } from '../sessions/tables'
import { instrumentDefinitions, responses, scores, sessionReviews } from './tables'

export async function findLatestCustomDefinition(db: Queryable, clinicId: string, key: string) {
  const [row] = await db
    .select({ definition: instrumentDefinitions.definition })
    .from(instrumentDefinitions)
    .where(and(eq(instrumentDefinitions.clinicId, clinicId), eq(instrumentDefinitions.key, key)))
    .orderBy(desc(instrumentDefinitions.version))
    .limit(1)
  return row?.definition
}

/** The schedules set in the post-session forms of these patients' sessions. */
export const schedulesOf = (db: Queryable, patientIds: string[]) =>
  patientIds.length === 0
    ? Promise.resolve([])
    : db
        .select({
          patientId: sessions.patientId,
          measuresDue: sessionReviews.measuresDue,
          setAt: sessions.startsAt,
        })
        .from(sessionReviews)
        .innerJoin(sessions, eq(sessions.id, sessionReviews.sessionId))
        .where(inArray(sessions.patientId, patientIds))

/** The patients' own scores (a partner's answers never answer the patient's measures). */
export const patientScoresOf = (db: Queryable, patientIds: string[]) =>
  patientIds.length === 0
    ? Promise.resolve([])
    : db
        .select({
          patientId: scores.patientId,
          instrumentKey: scores.instrumentKey,
          scoredAt: scores.scoredAt,
          total: scores.total,
          positiveScreen: scores.positiveScreen,
        })
        .from(scores)
        .where(and(inArray(scores.patientId, patientIds), eq(scores.respondentRole, 'patient')))
        .orderBy(asc(scores.scoredAt))

/** Instruments the patients have open (offered, not sent yet). */
export const openInstrumentsOf = (db: Queryable, patientIds: string[]) =>
  patientIds.length === 0
    ? Promise.resolve([])
    : db
        .selectDistinct({
          patientId: responses.patientId,
          instrumentKey: responses.instrumentKey,
          participantId: responses.participantId,
          dueOn: responses.dueOn,
        })
        .from(responses)
        .where(
          and(
            inArray(responses.patientId, patientIds),
            eq(responses.respondentRole, 'patient'),
            eq(responses.status, 'open')
          )
        )

/**
 * Open measures due follow the patient to whichever of their links they open: a patient has one link per session,
 * and the questionnaire must be where they look.
 */
export const claimOpenDue = (db: Queryable, patientId: string, participantId: string) =>
  db
    .update(responses)
    .set({ participantId })
    .where(
      and(
        eq(responses.patientId, patientId),
        eq(responses.respondentRole, 'patient'),
        eq(responses.status, 'open'),
        isNotNull(responses.dueOn),
        ne(responses.participantId, participantId)
      )
    )

/** The patient's newest place as a participant (of their latest session), to which a new link is issued. */
export async function findLatestPatientParticipant(db: Queryable, patientId: string) {
  const [row] = await db
    .select({ participantId: participants.id, sessionId: sessions.id })
    .from(participants)
    .innerJoin(sessions, eq(sessions.id, participants.sessionId))
    .where(and(eq(sessions.patientId, patientId), eq(participants.role, 'patient')))
    .orderBy(desc(sessions.startsAt), desc(participants.createdAt))
    .limit(1)
  return row
}

/** The clinician's caseload (patients whose care team they are on), with names. */
export const caseloadOf = (db: Queryable, clinicianId: string) =>
  db
    .select({ patientId: patients.id, patientName: patients.displayName })
    .from(careTeamMembers)
    .innerJoin(patients, eq(patients.id, careTeamMembers.patientId))
    .where(eq(careTeamMembers.clinicianId, clinicianId))
    .orderBy(asc(patients.displayName))
