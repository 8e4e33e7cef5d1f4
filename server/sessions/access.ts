// Who may see and run a session. The same answers guard routes, the event stream and token issuance.
import { and, eq, sql } from 'drizzle-orm'
import type { Queryable } from '../db/client'
import type { Actor } from '../identity/actor'
import { careTeamMembers } from '../patients/tables'
import { participants, sessions } from './tables'

export type SessionAccess = {
  session: typeof sessions.$inferSelect
  /** The caller's participant row in this session, when they take part. */
  me: typeof participants.$inferSelect | undefined
  isHost: boolean
  /** Clinicians of the patient's care team may see a session they are not invited to, but not join it. */
  isClinician: boolean
}

/** The session as the caller may see it, or undefined: "not yours" and "not there" look the same. */
export async function findAccessible(
  db: Queryable,
  actor: Actor,
  sessionId: string,
  opts: { lock?: boolean } = {}
): Promise<SessionAccess | undefined> {
  if (actor.kind === 'participant') {
    if (actor.sessionId !== sessionId) return undefined
    const query = db.select().from(sessions).where(eq(sessions.id, sessionId))
    // Sent together: postgres.js pipelines them on the transaction's connection, one round trip instead of two.
    const [[session], [me]] = await Promise.all([
      opts.lock ? query.for('update') : query,
      db.select().from(participants).where(eq(participants.id, actor.participantId)),
    ])
    return session && me ? { session, me, isHost: false, isClinician: false } : undefined
  }
  if (actor.kind !== 'clinician') return undefined
  const invited = sql`exists (select 1 from ${participants} where ${participants.sessionId} = ${sessions.id} and ${participants.clinicianId} = ${actor.clinicianId})`
  const onTeam = sql`exists (select 1 from ${careTeamMembers} where ${careTeamMembers.patientId} = ${sessions.patientId} and ${careTeamMembers.clinicianId} = ${actor.clinicianId})`
  const query = db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.id, sessionId),
        eq(sessions.clinicId, actor.clinicId),
        sql`(${invited} or ${onTeam})`
      )
    )
  const [[session], [me]] = await Promise.all([
    opts.lock ? query.for('update') : query,
    db
      .select()
      .from(participants)
      .where(
        and(eq(participants.sessionId, sessionId), eq(participants.clinicianId, actor.clinicianId))
      ),
  ])
  if (!session) return undefined
  return { session, me, isHost: me?.role === 'host', isClinician: true }
}

export const isOpen = (status: string) => status === 'scheduled' || status === 'live'
