import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Queryable } from '../db/client'
import { participants } from '../sessions/tables'
import { admissions, lobbyEntries } from './tables'

/** The participant's lobby entry in this session (never another session's: see findOpenAdmission). */
export async function findEntry(
  db: Queryable,
  sessionId: string,
  participantId: string,
  opts: { lock?: boolean } = {}
) {
  const query = db
    .select()
    .from(lobbyEntries)
    .where(
      and(eq(lobbyEntries.sessionId, sessionId), eq(lobbyEntries.participantId, participantId))
    )
  const [row] = opts.lock ? await query.for('update') : await query
  return row
}

export async function upsertEntry(db: Queryable, values: typeof lobbyEntries.$inferInsert) {
  const [row] = await db
    .insert(lobbyEntries)
    .values(values)
    .onConflictDoUpdate({
      target: lobbyEntries.participantId,
      set: {
        state: values.state,
        waitingSince: values.waitingSince,
        decidedAt: values.decidedAt,
        decidedBy: values.decidedBy,
        // A new wait (arriving again, stepping out) starts unseen.
        seenAt: values.seenAt ?? null,
        updatedAt: values.updatedAt,
      },
    })
    .returning()
  return row!
}

export const listEntries = (db: Queryable, sessionId: string) =>
  db
    .select({ entry: lobbyEntries, participant: participants })
    .from(lobbyEntries)
    .innerJoin(participants, eq(participants.id, lobbyEntries.participantId))
    .where(eq(lobbyEntries.sessionId, sessionId))
    .orderBy(asc(lobbyEntries.waitingSince), asc(participants.displayName))

export async function listWaiting(db: Queryable, sessionId: string, opts: { lock?: boolean } = {}) {
  const query = db
    .select({ entry: lobbyEntries, participant: participants })
    .from(lobbyEntries)
    .innerJoin(participants, eq(participants.id, lobbyEntries.participantId))
    .where(and(eq(lobbyEntries.sessionId, sessionId), eq(lobbyEntries.state, 'waiting')))
    .orderBy(asc(lobbyEntries.waitingSince))
  return opts.lock ? query.for('update', { of: lobbyEntries }) : query
}

/** The participant's open admission in this session. The session is required so that an id from another session
 * can never pass for someone in this one. */
export async function findOpenAdmission(
  db: Queryable,
  sessionId: string,
  participantId: string,
  opts: { lock?: boolean } = {}
) {
  const query = db
    .select()
    .from(admissions)
    .where(
      and(
        eq(admissions.sessionId, sessionId),
        eq(admissions.participantId, participantId),
        isNull(admissions.endedAt)
      )
    )
  const [row] = opts.lock ? await query.for('update') : await query
  return row
}

/** Everyone with an open admission in the session: the only identities allowed in its room. */
export async function listOpenAdmissionIds(db: Queryable, sessionId: string) {
  const rows = await db
    .select({ participantId: admissions.participantId })
    .from(admissions)
    .where(and(eq(admissions.sessionId, sessionId), isNull(admissions.endedAt)))
  return rows.map((r) => r.participantId)
}

export async function insertAdmission(db: Queryable, values: typeof admissions.$inferInsert) {
  const [row] = await db.insert(admissions).values(values).returning()
  return row!
}

export type EndReason = NonNullable<(typeof admissions.$inferSelect)['endReason']>

export async function endAdmissions(
  db: Queryable,
  where: { sessionId: string; participantIds?: string[] },
  reason: EndReason,
  at: Date
) {
  return db
    .update(admissions)
    .set({ endedAt: at, endReason: reason })
    .where(
      and(
        eq(admissions.sessionId, where.sessionId),
        isNull(admissions.endedAt),
        where.participantIds ? inArray(admissions.participantId, where.participantIds) : undefined
      )
    )
    .returning({ participantId: admissions.participantId })
}

export const countIssuedToken = (db: Queryable, admissionId: string) =>
  db
    .update(admissions)
    .set({ tokensIssued: sql`${admissions.tokensIssued} + 1` })
    .where(eq(admissions.id, admissionId))

export async function hasHostPresent(db: Queryable, sessionId: string) {
  const rows = await db
    .select({ id: admissions.id })
    .from(admissions)
    .innerJoin(participants, eq(participants.id, admissions.participantId))
    .where(
      and(
        eq(admissions.sessionId, sessionId),
        isNull(admissions.endedAt),
        eq(participants.role, 'host')
      )
    )
    .limit(1)
  return rows.length > 0
}

export const closeLobby = (db: Queryable, sessionId: string, at: Date) =>
  db
    .update(lobbyEntries)
    .set({ state: 'left', updatedAt: at })
    .where(
      and(
        eq(lobbyEntries.sessionId, sessionId),
        inArray(lobbyEntries.state, ['waiting', 'admitted'])
      )
    )

export async function lastEndReason(db: Queryable, participantId: string) {
  const [row] = await db
    .select({ reason: admissions.endReason })
    .from(admissions)
    .where(eq(admissions.participantId, participantId))
    .orderBy(desc(admissions.admittedAt))
    .limit(1)
  return row?.reason ?? undefined
}

/** A host has seen this person waiting. */
export async function markSeen(db: Queryable, participantId: string, at: Date) {
  await db
    .update(lobbyEntries)
    .set({ seenAt: at })
    .where(eq(lobbyEntries.participantId, participantId))
}
