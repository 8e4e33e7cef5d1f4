// The statements of a questionnaire submission, for a pipelined transaction (db/pipelined.ts): postgres.js tagged
// SQL, prepared once per connection, each started at once so that it travels with the statements beside it. The
// hot path of outcome capture (BENCHMARKS.md, outcomes); every other query of the feature is in store.ts.
// Timestamps travel as ISO strings and jsonb as JSON text: drizzle passes both through the driver unconverted.
import type { Role } from '../../shared/enums'
import type { Answers, InstrumentDefinition } from '../../shared/instruments'
import type { RespondentRole } from '../../shared/outcomes'
import type { Conn } from '../db/pipelined'
import { auditInsertSql, chainLockOfSql, type AuditRow } from '../audit/pipelined'

export type SubmissionRow = {
  id: string
  patientId: string
  respondentRole: RespondentRole
  instrumentKey: string
  instrumentVersion: number
  status: 'open' | 'submitted'
  /** The latest earlier score of the same measure by the same kind of respondent, for the change against it. */
  previousTotal: number | null
  /** The clinic's imported definition of this instrument and version, if there is one. */
  customDefinition: InstrumentDefinition | null
}

/**
 * Who sends a submission, proved by what they hold: their guest session (the cookie's hash) or a questionnaire link
 * (the bearer secret's hash). Checked inside the submission's first statement, with the same conditions as
 * sessions/store.ts (openParticipantSession) and store.ts (findLinkHolder), which answer it everywhere else.
 */
export type RespondentClaim =
  { kind: 'guest'; tokenHash: string } | { kind: 'link'; secretHash: string }

/** The participant behind a claim that is still open: not ended or revoked, not expired. */
const claimantSql = (conn: Conn, claim: RespondentClaim, at: string) =>
  claim.kind === 'guest'
    ? conn`
        select ps.id, ps.participant_id from participant_sessions ps
        where ps.token_hash = ${claim.tokenHash} and ps.ended_at is null and ps.expires_at > ${at}::timestamptz`
    : conn`
        select ql.id, ql.participant_id from questionnaire_links ql
        where ql.secret_hash = ${claim.secretHash} and ql.revoked_at is null and ql.expires_at > ${at}::timestamptz`

export type Claimant = {
  /** The guest session's or the link's id. */
  claimId: string
  participantId: string
  role: Role
  displayName: string
  sessionId: string
  sessionPatientId: string
  clinicId: string
}

/**
 * The claimant and their own response, if `responseId` is theirs, locked until
 * commit with the previous score and any imported definition; then, in the same statement, the lock of the
 * response's patient's audit chain (audit/pipelined.ts), taken after the row's lock as every other writer of a
 * response takes them. No claimant: the claim is not valid. No response: it is not theirs, and no chain lock is
 * taken.
 */
export const lockClaimedResponse = (
  conn: Conn,
  claim: RespondentClaim,
  responseId: string,
  before: Date
) => {
  const at = before.toISOString()
  // The lateral subquery's FOR UPDATE keeps it from being merged into the outer query, so its row is locked first.
  return conn<(Claimant & (SubmissionRow | { id: null }) & { chainLocked: unknown })[]>`
    select who.id as "claimId", p.id as "participantId", p.role, p.display_name as "displayName",
      p.session_id as "sessionId", s.patient_id as "sessionPatientId", s.clinic_id as "clinicId", own.*,
      case when own.id is not null then ${chainLockOfSql(conn, conn`own."patientId"::text`)} is null
      end as "chainLocked"
    from (${claimantSql(conn, claim, at)}) who
    join participants p on p.id = who.participant_id
    join sessions s on s.id = p.session_id
    left join lateral (
      select r.id, r.patient_id as "patientId", r.respondent_role as "respondentRole",
        r.instrument_key as "instrumentKey", r.instrument_version as "instrumentVersion", r.status,
        (select sc.total from scores sc
          where sc.patient_id = r.patient_id
            and sc.instrument_key = r.instrument_key
            and sc.respondent_role = r.respondent_role
            and sc.scored_at < ${at}::timestamptz
          order by sc.scored_at desc
          limit 1) as "previousTotal",
        (select d.definition from instrument_definitions d
          where d.clinic_id = s.clinic_id and d.key = r.instrument_key and d.version = r.instrument_version
        ) as "customDefinition"
      from responses r
      where r.id = ${responseId} and r.participant_id = p.id
      for update of r) own on true`
    .execute()
    .then(([row]) => ({
      claimant: row as Claimant | undefined,
      response: row?.id ? (row as SubmissionRow) : undefined,
    }))
}

export type NewScore = {
  id: string
  total: number
  band: string | null
  positiveScreen: boolean
  safetyAlert: boolean
  previousTotal: number | null
  delta: number | null
  meaningful: string | null
  isResponse: boolean
  remission: boolean
}

/**
 * The submission's writes in one statement: the response marked submitted with its answers, its score, and its
 * audit row. One statement stores all of them or, if any part fails, none. The score takes its response, patient,
 * respondent and instrument from the response row itself.
 */
export const storeSubmission = (
  conn: Conn,
  s: { responseId: string; answers: Answers; at: Date; score: NewScore; audit: AuditRow }
) => {
  const at = s.at.toISOString()
  const c = s.score
  return conn`
    with submitted as (
      update responses
      set answers = ${JSON.stringify(s.answers)}::jsonb, status = 'submitted',
        submitted_at = ${at}::timestamptz, updated_at = ${at}::timestamptz
      where id = ${s.responseId}
      returning id, patient_id, respondent_role, instrument_key, submitted_at
    ), scored as (
      insert into scores (id, response_id, patient_id, respondent_role, instrument_key, total, band, positive_screen,
        safety_alert, previous_total, delta, meaningful, is_response, remission, scored_at)
      select ${c.id}, id, patient_id, respondent_role, instrument_key, ${c.total}, ${c.band}, ${c.positiveScreen},
        ${c.safetyAlert}, ${c.previousTotal}, ${c.delta}, ${c.meaningful}, ${c.isResponse}, ${c.remission},
        submitted_at
      from submitted
    )
    ${auditInsertSql(conn, s.audit)}`.execute()
}

export const insertAlert = (
  conn: Conn,
  a: { id: string; clinicId: string; patientId: string; responseId: string; raisedAt: Date }
) =>
  conn`
    insert into safety_alerts (id, clinic_id, patient_id, response_id, raised_at)
    values (${a.id}, ${a.clinicId}, ${a.patientId}, ${a.responseId}, ${a.raisedAt.toISOString()}::timestamptz)`.execute()
