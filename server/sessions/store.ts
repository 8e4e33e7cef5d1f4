import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import type { Queryable } from '../db/client'
import { patients } from '../patients/tables'
import { participants, sessions } from './tables'

const summaryColumns = {
  id: sessions.id,
  kind: sessions.kind,
  patientId: sessions.patientId,
  patientName: patients.displayName,
  startsAt: sessions.startsAt,
  durationMinutes: sessions.durationMinutes,
  agenda: sessions.agenda,
  status: sessions.status,
}
export type SessionSummaryRow = { [K in keyof typeof summaryColumns]: (typeof summaryColumns)[K]['_']['data'] }

// Raw sql does not serialise a Date for postgres.js, so the instant goes in as ISO text.
const endsAfter = (at: Date) =>
  sql`${sessions.startsAt} + make_interval(mins => ${sessions.durationMinutes}) > ${at.toISOString()}::timestamptz`

/** Sessions a clinician takes part in; "upcoming" includes ones still running. */
export function listForClinician(db: Queryable, clinicianId: string, scope: 'upcoming' | 'past', at: Date) {
  const mine = sql`exists (select 1 from ${participants} where ${participants.sessionId} = ${sessions.id} and ${participants.clinicianId} = ${clinicianId})`
  const base = db.select(summaryColumns).from(sessions).innerJoin(patients, eq(patients.id, sessions.patientId))
  return scope === 'upcoming'
    ? base
        .where(and(mine, endsAfter(at), inArray(sessions.status, ['scheduled', 'live'])))
        .orderBy(asc(sessions.startsAt))
        .limit(100)
    : base
        .where(and(mine, sql`not (${endsAfter(at)} and ${inArray(sessions.status, ['scheduled', 'live'])})`))
        .orderBy(desc(sessions.startsAt))
        .limit(100)
}

export const listUpcomingForPatient = (db: Queryable, patientId: string, at: Date) =>
  db
    .select(summaryColumns)
    .from(sessions)
    .innerJoin(patients, eq(patients.id, sessions.patientId))
    .where(and(eq(sessions.patientId, patientId), endsAfter(at), inArray(sessions.status, ['scheduled', 'live'])))
    .orderBy(asc(sessions.startsAt))
    .limit(100)

export async function insertSession(db: Queryable, values: typeof sessions.$inferInsert) {
  const [row] = await db.insert(sessions).values(values).returning()
  return row!
}

export const insertParticipants = (db: Queryable, values: (typeof participants.$inferInsert)[]) =>
  db.insert(participants).values(values).returning()

