// The consent facts of one session in one statement, for a pipelined transaction (db/pipelined.ts): what consentState
// (state.ts) reads with four or five queries, for the media token's hot path (BENCHMARKS.md, join). The same rows as
// the stores' (store.ts: active records and covers, the care team; sessions/store.ts: participants, in its order),
// decided by the same decideConsent.
import type { Role } from '../../shared/enums'
import type { Conn } from '../db/pipelined'
import type { ConsentFacts } from './state'
import type { consentRecords } from './tables'

type ConsentRecordRow = typeof consentRecords.$inferSelect

type Facts = ConsentFacts<
  { id: string; role: Role; clinicianId: string | null },
  { kind: ConsentRecordRow['kind']; givenByParticipantId: string | null }
>

type Row = {
  people: Facts['people']
  records: Facts['records']
  covers: Facts['covers']
  team: string[]
  patient_declined: boolean | null
}

/**
 * The session's consent facts, and whether its patient's latest answer to the joint-session document was "I do not
 * agree" (decideConsent asks that only when it matters; here it travels along). Start it in the same tick as the
 * statements it travels with.
 */
export const readConsentFacts = (conn: Conn, sessionId: string) =>
  conn<Row[]>`
    select
      (select coalesce(json_agg(json_build_object('id', p.id, 'role', p.role, 'clinicianId', p.clinician_id)
          order by p.created_at, p.display_name), '[]')
        from participants p where p.session_id = ${sessionId}) as people,
      (select coalesce(json_agg(json_build_object('kind', r.kind, 'givenByParticipantId', r.given_by_participant_id)), '[]')
        from consent_records r
        where r.session_id = ${sessionId} and r.decision = 'given' and r.withdrawn_at is null) as records,
      (select coalesce(json_agg(json_build_object('participantId', c.participant_id, 'category', c.category,
          'permitted', c.permitted)), '[]')
        from consent_covers c where c.session_id = ${sessionId} and c.withdrawn_at is null) as covers,
      (select coalesce(json_agg(m.clinician_id), '[]')
        from care_team_members m
        where m.patient_id = (select s.patient_id from sessions s where s.id = ${sessionId})) as team,
      (select r.decision = 'declined'
        from consent_records r
        where r.session_id = ${sessionId} and r.kind = 'joint_session'
          and r.given_by_participant_id = (
            select p.id from participants p where p.session_id = ${sessionId} and p.role = 'patient'
            order by p.created_at, p.display_name limit 1)
        order by r.given_at desc limit 1) as patient_declined`
    .execute()
    .then(([row]) => ({
      facts: {
        people: row!.people,
        records: row!.records,
        covers: row!.covers,
        team: new Set(row!.team),
      } satisfies Facts,
      patientDeclinedLatest: row!.patient_declined === true,
    }))
