import { and, asc, eq, isNull } from 'drizzle-orm'
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
