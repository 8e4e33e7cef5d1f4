// The statements of a questionnaire submission, for a pipelined transaction (db/pipelined.ts): postgres.js tagged
// SQL, prepared once per connection, each started at once so that it travels with the statements beside it. The
// hot path of outcome capture (BENCHMARKS.md, outcomes); every other query of the feature is in store.ts.
// Timestamps travel as ISO strings and jsonb as JSON text: drizzle passes both through the driver unconverted.
import type { Answers, InstrumentDefinition } from '../../shared/instruments'
import type { RespondentRole } from '../../shared/outcomes'
import type { ServerEvent } from '../../shared/events'
import type { Conn } from '../db/pipelined'
import { notification } from '../realtime/events'
import { auditInsertSql, chainLockSql, type AuditRow } from '../audit/pipelined'

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
 * The person's own response, locked until commit, with the previous score and any imported definition; then, in the
 * same statement, the lock of their patient's audit chain (audit/pipelined.ts), taken after the row's lock as every
 * other writer of a response takes them. No row (not theirs): no chain lock.
 */
export const lockOwnResponse = (
  conn: Conn,
  who: { participantId: string; clinicId: string; patientId: string },
  responseId: string,
  before: Date
) =>
  // The subquery's FOR UPDATE keeps it from being merged into the outer query, so its row is locked first.
  conn<(SubmissionRow & { chainLocked: unknown })[]>`
    select own.*, ${chainLockSql(conn, who.patientId)} is null as "chainLocked" from (
      select r.id, r.patient_id as "patientId", r.respondent_role as "respondentRole",
        r.instrument_key as "instrumentKey", r.instrument_version as "instrumentVersion", r.status,
        (select s.total from scores s
          where s.patient_id = r.patient_id
            and s.instrument_key = r.instrument_key
            and s.respondent_role = r.respondent_role
            and s.scored_at < ${before.toISOString()}::timestamptz
          order by s.scored_at desc
          limit 1) as "previousTotal",
        (select d.definition from instrument_definitions d
          where d.clinic_id = ${who.clinicId} and d.key = r.instrument_key and d.version = r.instrument_version
        ) as "customDefinition"
      from responses r
      where r.id = ${responseId} and r.participant_id = ${who.participantId}
      for update of r) own`.execute()

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

/** A server event (realtime/events.ts), delivered when the transaction commits and never if it rolls back. */
export const notify = (conn: Conn, event: ServerEvent) => {
  const { channel, payload } = notification(event)
  return conn`select pg_notify(${channel}, ${payload})`.execute()
}
