// The statements of the join's hot path, a host's admit and the media token, for a pipelined transaction
// (db/pipelined.ts): postgres.js tagged SQL, prepared once per connection, each started at once so that it travels
// with the statements beside it (BENCHMARKS.md, join). Every other query of the feature is in store.ts, whose reads
// and writes these mirror: findAccessible (sessions/access.ts) with the session locked, findOpenAdmission and
// findEntry locked, insertAdmission, upsertEntry of an existing entry.
import type { Role, SessionKind } from '../../shared/enums'
import type { SessionStatus } from '../../shared/sessions'
import type { Conn } from '../db/pipelined'
import type { ClinicianActor, ParticipantActor } from '../identity/actor'

export type TokenSession = {
  id: string
  kind: SessionKind
  patientId: string
  status: SessionStatus
  roomName: string
}
export type TokenParticipant = { id: string; role: Role; clinicianId: string | null }

/** A clinician's participant row in a session: the same one for the access check and the admission's lookup. */
const firstRow = (conn: Conn) => conn`order by p.created_at, p.id limit 1`

const sessionColumns = (conn: Conn) =>
  conn`s.id, s.kind, s.patient_id as "patientId", s.status, s.room_name as "roomName"`

/**
 * The session as the caller may see it, locked until commit, and the caller's participant row in it: the same rule
 * as findAccessible (a participant's sign-in names one session; a clinician sees sessions of their clinic that they
 * are invited to or whose patient's care team they are on).
 */
export function lockAccessibleSession(
  conn: Conn,
  actor: ParticipantActor | ClinicianActor,
  sessionId: string
): Promise<{ session: TokenSession | undefined; me: TokenParticipant | undefined }> {
  const [session, me] =
    actor.kind === 'participant'
      ? [
          conn<TokenSession[]>`
            select ${sessionColumns(conn)} from sessions s where s.id = ${sessionId} for update`,
          conn<TokenParticipant[]>`
            select p.id, p.role, p.clinician_id as "clinicianId" from participants p
            where p.id = ${actor.participantId}`,
        ]
      : [
          conn<TokenSession[]>`
            select ${sessionColumns(conn)} from sessions s
            where s.id = ${sessionId} and s.clinic_id = ${actor.clinicId}
              and (exists (select 1 from participants p
                             where p.session_id = s.id and p.clinician_id = ${actor.clinicianId})
                or exists (select 1 from care_team_members m
                             where m.patient_id = s.patient_id and m.clinician_id = ${actor.clinicianId}))
            for update of s`,
          conn<TokenParticipant[]>`
            select p.id, p.role, p.clinician_id as "clinicianId" from participants p
            where p.session_id = ${sessionId} and p.clinician_id = ${actor.clinicianId}
            ${firstRow(conn)}`,
        ]
  return Promise.all([session.execute(), me.execute()]).then(([[s], [m]]) => ({
    session: s,
    me: m,
  }))
}

/** The caller's open admission in this session, locked until commit (for a clinician: of their participant row). */
export function lockOpenAdmission(
  conn: Conn,
  actor: ParticipantActor | ClinicianActor,
  sessionId: string
): Promise<{ id: string } | undefined> {
  const participant =
    actor.kind === 'participant'
      ? conn`${actor.participantId}::uuid`
      : conn`(select p.id from participants p
               where p.session_id = ${sessionId} and p.clinician_id = ${actor.clinicianId}
               ${firstRow(conn)})`
  return conn<{ id: string }[]>`
    select a.id from admissions a
    where a.session_id = ${sessionId} and a.participant_id = ${participant} and a.ended_at is null
    for update`
    .execute()
    .then(([row]) => row)
}

export const countIssuedToken = (conn: Conn, admissionId: string) =>
  conn`update admissions set tokens_issued = tokens_issued + 1 where id = ${admissionId}`.execute()

export const markSessionLive = (conn: Conn, sessionId: string, at: Date) =>
  conn`
    update sessions set status = 'live', updated_at = ${at.toISOString()}::timestamptz
    where id = ${sessionId}`.execute()

/** The participant's lobby entry in this session, locked until commit (as findEntry), and their role. */
export const lockEntry = (conn: Conn, sessionId: string, participantId: string) =>
  conn<{ state: string; role: Role }[]>`
    select e.state, p.role from lobby_entries e join participants p on p.id = e.participant_id
    where e.session_id = ${sessionId} and e.participant_id = ${participantId}
    for update of e`
    .execute()
    .then(([row]) => row)

/** A new open admission, and the person's (locked, existing) lobby entry marked admitted: a new wait starts unseen. */
export function admitEntry(
  conn: Conn,
  a: {
    admissionId: string
    sessionId: string
    participantId: string
    by: string | null
    at: Date
    /** 1 when the admission answers the person's open token request in the same transaction. */
    tokensIssued: number
  }
) {
  const at = a.at.toISOString()
  return Promise.all([
    conn`
      insert into admissions (id, session_id, participant_id, admitted_by, admitted_at, tokens_issued)
      values (${a.admissionId}, ${a.sessionId}, ${a.participantId}, ${a.by}, ${at}::timestamptz,
        ${a.tokensIssued})`.execute(),
    conn`
      update lobby_entries
      set state = 'admitted', waiting_since = null, decided_at = ${at}::timestamptz, decided_by = ${a.by},
        seen_at = null, updated_at = ${at}::timestamptz
      where participant_id = ${a.participantId}`.execute(),
  ])
}
