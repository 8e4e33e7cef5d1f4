import { and, asc, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm'
import type { Db, Queryable } from '../db/client'
import { patients } from '../patients/tables'
import { invitations, participantSessions, participants, sessions } from './tables'

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
export type SessionSummaryRow = {
  [K in keyof typeof summaryColumns]: (typeof summaryColumns)[K]['_']['data']
}

// Raw sql does not serialise a Date for postgres.js, so the instant goes in as ISO text.
const endsAfter = (at: Date) =>
  sql`${sessions.startsAt} + make_interval(mins => ${sessions.durationMinutes}) > ${at.toISOString()}::timestamptz`

/** Sessions a clinician takes part in; "upcoming" includes ones still running. */
export function listForClinician(
  db: Queryable,
  clinicianId: string,
  scope: 'upcoming' | 'past',
  at: Date
) {
  const mine = sql`exists (select 1 from ${participants} where ${participants.sessionId} = ${sessions.id} and ${participants.clinicianId} = ${clinicianId})`
  const base = db
    .select(summaryColumns)
    .from(sessions)
    .innerJoin(patients, eq(patients.id, sessions.patientId))
  return scope === 'upcoming'
    ? base
        .where(and(mine, endsAfter(at), inArray(sessions.status, ['scheduled', 'live'])))
        .orderBy(asc(sessions.startsAt))
        .limit(100)
    : base
        .where(
          and(
            mine,
            sql`not (${endsAfter(at)} and ${inArray(sessions.status, ['scheduled', 'live'])})`
          )
        )
        .orderBy(desc(sessions.startsAt))
        .limit(100)
}

export const listUpcomingForPatient = (db: Queryable, patientId: string, at: Date) =>
  db
    .select(summaryColumns)
    .from(sessions)
    .innerJoin(patients, eq(patients.id, sessions.patientId))
    .where(
      and(
        eq(sessions.patientId, patientId),
        endsAfter(at),
        inArray(sessions.status, ['scheduled', 'live'])
      )
    )
    .orderBy(asc(sessions.startsAt))
    .limit(100)

export async function insertSession(db: Queryable, values: typeof sessions.$inferInsert) {
  const [row] = await db.insert(sessions).values(values).returning()
  return row!
}

export const insertParticipants = (db: Queryable, values: (typeof participants.$inferInsert)[]) =>
  db.insert(participants).values(values).returning()

export async function findInvitationBySecretHash(db: Queryable, secretHash: string) {
  const [row] = await db
    .select({
      invitation: invitations,
      participant: participants,
      session: sessions,
      patientDateOfBirth: patients.dateOfBirth,
    })
    .from(invitations)
    .innerJoin(participants, eq(participants.id, invitations.participantId))
    .innerJoin(sessions, eq(sessions.id, participants.sessionId))
    .innerJoin(patients, eq(patients.id, sessions.patientId))
    .where(eq(invitations.secretHash, secretHash))
  return row
}

/** True when this call used the link; a concurrent exchange of the same link gets false. */
/**
 * One use of a link (a link opens on every device of its person until it expires). Keeps the first use's time;
 * undefined when the link was revoked meanwhile, so a use racing a new link or the session's end finds nothing.
 */
export async function recordInvitationUse(db: Queryable, id: string, at: Date) {
  const [row] = await db
    .update(invitations)
    .set({ usedAt: sql`coalesce(${invitations.usedAt}, ${at.toISOString()}::timestamptz)` })
    .where(and(eq(invitations.id, id), isNull(invitations.revokedAt)))
    .returning({ usedAt: invitations.usedAt })
  return row ? { firstUse: row.usedAt?.getTime() === at.getTime() } : undefined
}

export const insertInvitation = (db: Queryable, values: typeof invitations.$inferInsert) =>
  db.insert(invitations).values(values)

export const revokeOpenInvitations = (db: Queryable, participantIds: string[], at: Date) =>
  participantIds.length === 0
    ? Promise.resolve()
    : db
        .update(invitations)
        .set({ revokedAt: at })
        .where(
          and(inArray(invitations.participantId, participantIds), isNull(invitations.revokedAt))
        )

export const insertParticipantSession = (
  db: Queryable,
  values: typeof participantSessions.$inferInsert
) => db.insert(participantSessions).values(values)

// Every request of a link holder starts with this lookup: prepared once per pool, so it is neither rebuilt nor
// re-planned each time, and takes one round trip instead of two (BENCHMARKS.md, outcomes).
const openParticipantSession = (db: Db) =>
  db
    .select({
      session: participantSessions,
      participant: participants,
      patientId: sessions.patientId,
      clinicId: sessions.clinicId,
    })
    .from(participantSessions)
    .innerJoin(participants, eq(participants.id, participantSessions.participantId))
    .innerJoin(sessions, eq(sessions.id, participants.sessionId))
    .where(
      and(
        eq(participantSessions.tokenHash, sql.placeholder('tokenHash')),
        isNull(participantSessions.endedAt),
        gt(participantSessions.expiresAt, sql.placeholder('at'))
      )
    )
    .prepare('open_participant_session')
const prepared = new WeakMap<Db, ReturnType<typeof openParticipantSession>>()

export async function findOpenParticipantSession(db: Db, tokenHash: string, at: Date) {
  let query = prepared.get(db)
  if (!query) prepared.set(db, (query = openParticipantSession(db)))
  // A placeholder skips the column's conversion: the timestamp goes as the driver expects it.
  const [row] = await query.execute({ tokenHash, at: at.toISOString() })
  return row
}

/** Links and link sessions last until two hours after the scheduled end, for sessions that overrun. */
export const accessExpiry = (startsAt: Date, durationMinutes: number) =>
  new Date(startsAt.getTime() + (durationMinutes + 120) * 60_000)

export const extendAccess = async (db: Queryable, sessionId: string, expiresAt: Date) => {
  const ids = db
    .select({ id: participants.id })
    .from(participants)
    .where(eq(participants.sessionId, sessionId))
  await db
    .update(invitations)
    .set({ expiresAt })
    .where(and(inArray(invitations.participantId, ids), isNull(invitations.revokedAt)))
  await db
    .update(participantSessions)
    .set({ expiresAt })
    .where(
      and(inArray(participantSessions.participantId, ids), isNull(participantSessions.endedAt))
    )
}

export const endParticipantSessions = (db: Queryable, participantIds: string[], at: Date) =>
  participantIds.length === 0
    ? Promise.resolve()
    : db
        .update(participantSessions)
        .set({ endedAt: at })
        .where(
          and(
            inArray(participantSessions.participantId, participantIds),
            isNull(participantSessions.endedAt)
          )
        )

export async function findSession(db: Queryable, id: string, opts: { lock?: boolean } = {}) {
  const query = db.select().from(sessions).where(eq(sessions.id, id))
  const [row] = opts.lock ? await query.for('update') : await query
  return row
}

export async function findSessionByRoom(db: Queryable, roomName: string) {
  const [row] = await db.select().from(sessions).where(eq(sessions.roomName, roomName))
  return row
}

export const listParticipants = (db: Queryable, sessionId: string) =>
  db
    .select()
    .from(participants)
    .where(eq(participants.sessionId, sessionId))
    .orderBy(asc(participants.createdAt), asc(participants.displayName))

export async function findParticipant(db: Queryable, sessionId: string, participantId: string) {
  const [row] = await db
    .select()
    .from(participants)
    .where(and(eq(participants.sessionId, sessionId), eq(participants.id, participantId)))
  return row
}

export async function findClinicianParticipant(
  db: Queryable,
  sessionId: string,
  clinicianId: string
) {
  const [row] = await db
    .select()
    .from(participants)
    .where(and(eq(participants.sessionId, sessionId), eq(participants.clinicianId, clinicianId)))
  return row
}

export async function updateSession(
  db: Queryable,
  id: string,
  values: Partial<
    Pick<
      typeof sessions.$inferInsert,
      'startsAt' | 'durationMinutes' | 'agenda' | 'status' | 'lobbyMessage' | 'endedAt'
    >
  >,
  at: Date
) {
  const [row] = await db
    .update(sessions)
    .set({ ...values, updatedAt: at })
    .where(eq(sessions.id, id))
    .returning()
  return row!
}

export const listLiveSessions = (db: Queryable) =>
  db.select().from(sessions).where(eq(sessions.status, 'live'))
