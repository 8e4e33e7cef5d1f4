import { and, asc, desc, eq, isNotNull, max, sql } from 'drizzle-orm'
import type { PlanPart } from '../../shared/careplan'
import { admissions } from '../admission/tables'
import type { Queryable } from '../db/client'
import { participants } from '../sessions/tables'
import { careplanDocuments, careplanVersions } from './tables'

export async function findDocument(
  db: Queryable,
  patientId: string,
  part: PlanPart,
  opts: { lock?: boolean } = {}
) {
  const query = db
    .select()
    .from(careplanDocuments)
    .where(and(eq(careplanDocuments.patientId, patientId), eq(careplanDocuments.part, part)))
  const [row] = opts.lock ? await query.for('update') : await query
  return row
}

/** Claims a part's row (empty until the caller writes it); false when it already exists. */
export async function insertDocumentIfAbsent(db: Queryable, patientId: string, part: PlanPart) {
  const rows = await db
    .insert(careplanDocuments)
    .values({ patientId, part, state: new Uint8Array(), projection: [], updatedAt: new Date() })
    .onConflictDoNothing()
    .returning({ part: careplanDocuments.part })
  return rows.length > 0
}

export async function upsertDocument(db: Queryable, values: typeof careplanDocuments.$inferInsert) {
  await db
    .insert(careplanDocuments)
    .values(values)
    .onConflictDoUpdate({
      target: [careplanDocuments.patientId, careplanDocuments.part],
      set: { state: values.state, projection: values.projection, updatedAt: values.updatedAt },
    })
}

export const listProjections = (db: Queryable, patientId: string) =>
  db
    .select({ part: careplanDocuments.part, projection: careplanDocuments.projection })
    .from(careplanDocuments)
    .where(eq(careplanDocuments.patientId, patientId))

export async function nextVersionNumber(db: Queryable, patientId: string) {
  // Serialises version numbering per patient until the transaction ends.
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${'careplan:' + patientId}))`)
  const [row] = await db
    .select({ n: max(careplanVersions.number) })
    .from(careplanVersions)
    .where(eq(careplanVersions.patientId, patientId))
  return (row?.n ?? 0) + 1
}

/** Inserts a version; undefined when this session already has one. */
export async function insertVersion(db: Queryable, values: typeof careplanVersions.$inferInsert) {
  const [row] = await db.insert(careplanVersions).values(values).onConflictDoNothing().returning()
  return row
}

export const listVersions = (db: Queryable, patientId: string) =>
  db
    .select()
    .from(careplanVersions)
    .where(eq(careplanVersions.patientId, patientId))
    .orderBy(desc(careplanVersions.number))

export async function findVersion(db: Queryable, patientId: string, id: string) {
  const [row] = await db
    .select()
    .from(careplanVersions)
    .where(and(eq(careplanVersions.patientId, patientId), eq(careplanVersions.id, id)))
  return row
}

export async function latestVersion(db: Queryable, patientId: string) {
  const [row] = await db
    .select()
    .from(careplanVersions)
    .where(eq(careplanVersions.patientId, patientId))
    .orderBy(desc(careplanVersions.number))
    .limit(1)
  return row
}

export async function findSessionVersion(db: Queryable, sessionId: string) {
  const [row] = await db
    .select()
    .from(careplanVersions)
    .where(and(isNotNull(careplanVersions.sessionId), eq(careplanVersions.sessionId, sessionId)))
  return row
}

/** Everyone admitted to the session at any point, in order of arrival: who was present for the agreed plan. */
export async function presentInSession(db: Queryable, sessionId: string) {
  const rows = await db
    .selectDistinctOn([participants.id], {
      id: participants.id,
      displayName: participants.displayName,
      firstAt: admissions.admittedAt,
    })
    .from(admissions)
    .innerJoin(participants, eq(participants.id, admissions.participantId))
    .where(eq(admissions.sessionId, sessionId))
    .orderBy(participants.id, asc(admissions.admittedAt))
  return rows.sort((a, b) => a.firstAt.getTime() - b.firstAt.getTime()).map((r) => r.displayName)
}
