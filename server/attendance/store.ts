import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { admissions } from '../admission/tables'
import type { Queryable } from '../db/client'
import { attendanceEvents } from './tables'

/** True when the event was new; a replayed event id changes nothing. */
export async function insertEvent(db: Queryable, values: typeof attendanceEvents.$inferInsert) {
  const rows = await db
    .insert(attendanceEvents)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: attendanceEvents.eventId })
  return rows.length > 0
}

/**
 * Removes the departure reconciliation recorded for someone (it saw them gone) when LiveKit's own, late webhook now
 * reports that same departure: a reconciled leave at or after the webhook's time, with no join in between. The
 * webhook's time is the true one, and one departure must be one leave.
 */
export async function removeReconciledDeparture(
  db: Queryable,
  e: { sessionId: string; participantId: string; at: Date }
) {
  await db.execute(sql`
    delete from attendance_events l
    where l.session_id = ${e.sessionId} and l.participant_id = ${e.participantId}
      and l.kind = 'left' and l.source = 'reconcile' and l.at >= ${e.at.toISOString()}::timestamptz
      and not exists (
        select 1 from attendance_events j
        where j.session_id = l.session_id and j.participant_id = l.participant_id and j.kind = 'joined'
          and j.at >= ${e.at.toISOString()}::timestamptz and j.at <= l.at)`)
}

export const listEvents = (db: Queryable, sessionId: string) =>
  db
    .select()
    .from(attendanceEvents)
    .where(eq(attendanceEvents.sessionId, sessionId))
    .orderBy(asc(attendanceEvents.at))

export async function hasOpenAdmission(db: Queryable, participantId: string) {
  const rows = await db
    .select({ id: admissions.id })
    .from(admissions)
    .where(and(eq(admissions.participantId, participantId), isNull(admissions.endedAt)))
  return rows.length > 0
}
