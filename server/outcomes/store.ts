// Queries of outcome capture. The query handle comes first; rules live in the services.
import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm'
import { clinicians } from '../accounts/tables'
import type { Queryable } from '../db/client'
import { careTeamMembers, patients } from '../patients/tables'
import { participants, sessions } from '../sessions/tables'
import {
  instrumentDefinitions,
  questionnaireLinks,
  responses,
  safetyAlerts,
  scores,
  sessionReviews,
} from './tables'

export type ResponseRow = typeof responses.$inferSelect

export const listResponsesOf = (db: Queryable, participantId: string) =>
  db
    .select()
    .from(responses)
    .where(eq(responses.participantId, participantId))
    .orderBy(asc(responses.createdAt), asc(responses.instrumentKey))

/** Creates the missing ones only: asking twice, or from two devices, never duplicates a questionnaire. */
export const insertResponses = (db: Queryable, values: (typeof responses.$inferInsert)[]) =>
  values.length === 0
    ? Promise.resolve()
    : db.insert(responses).values(values).onConflictDoNothing()

export async function findOwnResponse(
  db: Queryable,
  participantId: string,
  responseId: string,
  opts: { lock?: boolean } = {}
) {
  const query = db
    .select()
    .from(responses)
    .where(and(eq(responses.id, responseId), eq(responses.participantId, participantId)))
  const [row] = opts.lock ? await query.for('update') : await query
  return row
}

export const saveAnswers = (db: Queryable, id: string, answers: ResponseRow['answers'], at: Date) =>
  db.update(responses).set({ answers, updatedAt: at }).where(eq(responses.id, id))

export const scoresOfPatient = (db: Queryable, patientId: string) =>
  db
    .select({ score: scores, sessionId: responses.sessionId })
    .from(scores)
    .innerJoin(responses, eq(responses.id, scores.responseId))
    .where(eq(scores.patientId, patientId))
    .orderBy(asc(scores.scoredAt))

const alertColumns = {
  id: safetyAlerts.id,
  patientId: safetyAlerts.patientId,
  patientName: patients.displayName,
  raisedAt: safetyAlerts.raisedAt,
  closedAt: safetyAlerts.closedAt,
  closedByName: clinicians.displayName,
  closingNote: safetyAlerts.closingNote,
}

/** Open alerts of the patients whose care team the clinician is on. */
export const openAlertsForClinician = (db: Queryable, clinicianId: string, patientId?: string) =>
  db
    .select(alertColumns)
    .from(safetyAlerts)
    .innerJoin(patients, eq(patients.id, safetyAlerts.patientId))
    .innerJoin(
      careTeamMembers,
      and(
        eq(careTeamMembers.patientId, safetyAlerts.patientId),
        eq(careTeamMembers.clinicianId, clinicianId)
      )
    )
    .leftJoin(clinicians, eq(clinicians.id, safetyAlerts.closedBy))
    .where(
      and(
        isNull(safetyAlerts.closedAt),
        patientId ? eq(safetyAlerts.patientId, patientId) : undefined
      )
    )
    .orderBy(asc(safetyAlerts.raisedAt))

export async function findAlertForClinician(db: Queryable, clinicianId: string, alertId: string) {
  const [row] = await db
    .select({ alert: safetyAlerts })
    .from(safetyAlerts)
    .innerJoin(
      careTeamMembers,
      and(
        eq(careTeamMembers.patientId, safetyAlerts.patientId),
        eq(careTeamMembers.clinicianId, clinicianId)
      )
    )
    .where(eq(safetyAlerts.id, alertId))
    .for('update', { of: safetyAlerts })
  return row?.alert
}

export const closeAlert = (
  db: Queryable,
  id: string,
  values: { closedAt: Date; closedBy: string; closingNote: string }
) => db.update(safetyAlerts).set(values).where(eq(safetyAlerts.id, id))

export async function isOnCareTeam(db: Queryable, clinicianId: string, patientId: string) {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(careTeamMembers)
    .where(
      and(eq(careTeamMembers.patientId, patientId), eq(careTeamMembers.clinicianId, clinicianId))
    )
  return Boolean(row)
}

/** The participant an open questionnaire link speaks for, with the session's patient and clinic. */
export async function findLinkHolder(db: Queryable, secretHash: string, at: Date) {
  const [row] = await db
    .select({
      claimId: questionnaireLinks.id,
      participantId: participants.id,
      role: participants.role,
      displayName: participants.displayName,
      sessionId: sessions.id,
      sessionPatientId: sessions.patientId,
      clinicId: sessions.clinicId,
    })
    .from(questionnaireLinks)
    .innerJoin(participants, eq(participants.id, questionnaireLinks.participantId))
    .innerJoin(sessions, eq(sessions.id, participants.sessionId))
    .where(
      and(
        eq(questionnaireLinks.secretHash, secretHash),
        isNull(questionnaireLinks.revokedAt),
        gt(questionnaireLinks.expiresAt, at)
      )
    )
  return row
}

export async function replaceLink(db: Queryable, values: typeof questionnaireLinks.$inferInsert) {
  await db
    .update(questionnaireLinks)
    .set({ revokedAt: values.createdAt ?? new Date() })
    .where(
      and(
        eq(questionnaireLinks.participantId, values.participantId),
        isNull(questionnaireLinks.revokedAt)
      )
    )
  await db.insert(questionnaireLinks).values(values)
}

export const listCustomDefinitions = (db: Queryable, clinicId: string) =>
  db
    .select()
    .from(instrumentDefinitions)
    .where(eq(instrumentDefinitions.clinicId, clinicId))
    .orderBy(asc(instrumentDefinitions.key), desc(instrumentDefinitions.version))

export async function findCustomDefinition(
  db: Queryable,
  clinicId: string,
  key: string,
  version: number
) {
  const [row] = await db
    .select()
    .from(instrumentDefinitions)
    .where(
      and(
        eq(instrumentDefinitions.clinicId, clinicId),
        eq(instrumentDefinitions.key, key),
        eq(instrumentDefinitions.version, version)
      )
    )
  return row?.definition
}

export async function insertCustomDefinition(
  db: Queryable,
  values: typeof instrumentDefinitions.$inferInsert
) {
  const [row] = await db
    .insert(instrumentDefinitions)
    .values(values)
    .onConflictDoNothing()
    .returning()
  return row
}

export async function findReview(db: Queryable, sessionId: string) {
  const [row] = await db
    .select()
    .from(sessionReviews)
    .where(eq(sessionReviews.sessionId, sessionId))
  return row
}

export const upsertReview = (db: Queryable, values: typeof sessionReviews.$inferInsert) =>
  db
    .insert(sessionReviews)
    .values(values)
    .onConflictDoUpdate({
      target: sessionReviews.sessionId,
      set: { ...values, createdAt: undefined },
    })

export const reviewsOfPatient = (db: Queryable, patientId: string) =>
  db
    .select({ review: sessionReviews, startsAt: sessions.startsAt })
    .from(sessionReviews)
    .innerJoin(sessions, eq(sessions.id, sessionReviews.sessionId))
    .where(eq(sessions.patientId, patientId))
    .orderBy(asc(sessions.startsAt))

export const responsesOfSession = (db: Queryable, sessionId: string) =>
  db
    .select({ response: responses, score: scores })
    .from(responses)
    .leftJoin(scores, eq(scores.responseId, responses.id))
    .where(eq(responses.sessionId, sessionId))

export const submittedResponsesOfPatient = (db: Queryable, patientId: string) =>
  db
    .select({ response: responses, score: scores })
    .from(responses)
    .innerJoin(scores, eq(scores.responseId, responses.id))
    .where(and(eq(responses.patientId, patientId), eq(responses.status, 'submitted')))
    .orderBy(asc(scores.scoredAt))
