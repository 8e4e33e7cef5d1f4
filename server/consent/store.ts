import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { ConsentKind } from '../../shared/consent'
import type { Queryable } from '../db/client'
import { careTeamMembers } from '../patients/tables'
import {
  consentCovers,
  consentRecords,
  consentRequests,
  consentTemplates,
  dataCategories,
} from './tables'

export const listCategories = (db: Queryable) =>
  db.select().from(dataCategories).orderBy(asc(dataCategories.position))

export async function latestTemplates(db: Queryable) {
  const rows = await db
    .selectDistinctOn([consentTemplates.kind])
    .from(consentTemplates)
    .orderBy(consentTemplates.kind, desc(consentTemplates.version))
  return new Map(rows.map((r) => [r.kind, r]))
}

export async function findTemplate(db: Queryable, id: string) {
  const [row] = await db.select().from(consentTemplates).where(eq(consentTemplates.id, id))
  return row
}

export async function insertTemplate(db: Queryable, values: typeof consentTemplates.$inferInsert) {
  const [row] = await db.insert(consentTemplates).values(values).returning()
  return row!
}

export async function nextVersion(db: Queryable, kind: ConsentKind) {
  // The lock makes two simultaneous edits of one document get versions n+1 and n+2, not both n+1.
  await db.execute(sql`select pg_advisory_xact_lock(7243003, hashtext(${kind}))`)
  const [row] = await db
    .select({ v: sql<number>`coalesce(max(${consentTemplates.version}), 0)::int` })
    .from(consentTemplates)
    .where(eq(consentTemplates.kind, kind))
  return (row?.v ?? 0) + 1
}

export async function insertRecord(db: Queryable, values: typeof consentRecords.$inferInsert) {
  const [row] = await db.insert(consentRecords).values(values).returning()
  return row!
}

export const listActiveRecords = (db: Queryable, sessionId: string) =>
  db
    .select()
    .from(consentRecords)
    .where(
      and(
        eq(consentRecords.sessionId, sessionId),
        eq(consentRecords.decision, 'given'),
        isNull(consentRecords.withdrawnAt)
      )
    )

/** Whether this person's latest answer to this kind of document, in this session, was "I do not agree". */
export async function latestDecisionWasDeclined(
  db: Queryable,
  sessionId: string,
  kind: ConsentKind,
  participantId: string
): Promise<boolean> {
  const [latest] = await db
    .select({ decision: consentRecords.decision })
    .from(consentRecords)
    .where(
      and(
        eq(consentRecords.sessionId, sessionId),
        eq(consentRecords.kind, kind),
        eq(consentRecords.givenByParticipantId, participantId)
      )
    )
    .orderBy(desc(consentRecords.givenAt))
    .limit(1)
  return latest?.decision === 'declined'
}

export const listRecordsForPatient = (db: Queryable, patientId: string) =>
  db
    .select()
    .from(consentRecords)
    .where(eq(consentRecords.patientId, patientId))
    .orderBy(asc(consentRecords.givenAt))

export const listCoversForRecords = (db: Queryable, recordIds: string[]) =>
  recordIds.length
    ? db.select().from(consentCovers).where(inArray(consentCovers.consentRecordId, recordIds))
    : Promise.resolve([])

export const markRecordsWithdrawn = (
  db: Queryable,
  sessionId: string,
  kinds: ConsentKind[],
  at: Date
) =>
  db
    .update(consentRecords)
    .set({ withdrawnAt: at })
    .where(
      and(
        eq(consentRecords.sessionId, sessionId),
        inArray(consentRecords.kind, kinds),
        isNull(consentRecords.withdrawnAt)
      )
    )

export async function listActiveCovers(
  db: Queryable,
  sessionId: string,
  opts: { lock?: boolean } = {}
) {
  const query = db
    .select()
    .from(consentCovers)
    .where(and(eq(consentCovers.sessionId, sessionId), isNull(consentCovers.withdrawnAt)))
  return opts.lock ? query.for('update') : query
}

/** Replaces the current decisions for these participant/category pairs with new ones (older rows are stamped). */
export async function supersedeCovers(
  db: Queryable,
  sessionId: string,
  consentRecordId: string,
  decisions: { participantId: string; category: string | null; permitted: boolean }[],
  at: Date
) {
  for (const d of decisions) {
    await db
      .update(consentCovers)
      .set({ withdrawnAt: at })
      .where(
        and(
          eq(consentCovers.sessionId, sessionId),
          eq(consentCovers.participantId, d.participantId),
          d.category === null
            ? isNull(consentCovers.category)
            : eq(consentCovers.category, d.category),
          isNull(consentCovers.withdrawnAt)
        )
      )
  }
  if (decisions.length) {
    await db
      .insert(consentCovers)
      .values(decisions.map((d) => ({ ...d, sessionId, consentRecordId, decidedAt: at })))
  }
}

export async function careTeamIds(db: Queryable, patientId: string) {
  const rows = await db
    .select({ id: careTeamMembers.clinicianId })
    .from(careTeamMembers)
    .where(eq(careTeamMembers.patientId, patientId))
  return new Set(rows.map((r) => r.id))
}

export async function insertRequest(db: Queryable, values: typeof consentRequests.$inferInsert) {
  const [row] = await db.insert(consentRequests).values(values).onConflictDoNothing().returning()
  return row
}

export async function findOpenRequest(
  db: Queryable,
  sessionId: string,
  id: string,
  opts: { lock?: boolean } = {}
) {
  const query = db
    .select()
    .from(consentRequests)
    .where(
      and(
        eq(consentRequests.id, id),
        eq(consentRequests.sessionId, sessionId),
        isNull(consentRequests.decidedAt)
      )
    )
  const [row] = opts.lock ? await query.for('update') : await query
  return row
}

export const listOpenRequests = (db: Queryable, sessionId: string) =>
  db
    .select()
    .from(consentRequests)
    .where(and(eq(consentRequests.sessionId, sessionId), isNull(consentRequests.decidedAt)))

export const decideRequest = (
  db: Queryable,
  id: string,
  decision: 'approved' | 'declined',
  at: Date
) => db.update(consentRequests).set({ decision, decidedAt: at }).where(eq(consentRequests.id, id))
