// The statements of a questionnaire submission, for a pipelined transaction (db/pipelined.ts): postgres.js tagged
// SQL, prepared once per connection, each started at once so that it travels with the statements beside it. The
// hot path of outcome capture (BENCHMARKS.md, outcomes); every other query of the feature is in store.ts.
// Timestamps travel as ISO strings and jsonb as JSON text: drizzle passes both through the driver unconverted.
import type { Answers } from '../../shared/instruments'
import type { RespondentRole } from '../../shared/outcomes'
import type { ServerEvent } from '../../shared/events'
import type { Conn } from '../db/pipelined'
import { notification } from '../realtime/events'

export type SubmissionRow = {
  id: string
  patientId: string
  respondentRole: RespondentRole
  instrumentKey: string
  instrumentVersion: number
  status: 'open' | 'submitted'
  /** The latest earlier score of the same measure by the same kind of respondent, for the change against it. */
  previousTotal: number | null
}

/** The person's own response, locked until commit, with the previous score. */
export const lockOwnResponse = (
  conn: Conn,
  participantId: string,
  responseId: string,
  before: Date
) =>
  conn<SubmissionRow[]>`
    select r.id, r.patient_id as "patientId", r.respondent_role as "respondentRole",
      r.instrument_key as "instrumentKey", r.instrument_version as "instrumentVersion", r.status,
      (select s.total from scores s
        where s.patient_id = r.patient_id
          and s.instrument_key = r.instrument_key
          and s.respondent_role = r.respondent_role
          and s.scored_at < ${before.toISOString()}::timestamptz
        order by s.scored_at desc
        limit 1) as "previousTotal"
    from responses r
    where r.id = ${responseId} and r.participant_id = ${participantId}
    for update of r`.execute()

export const markSubmitted = (conn: Conn, id: string, answers: Answers, at: Date) =>
  conn`
    update responses
    set answers = ${JSON.stringify(answers)}::jsonb, status = 'submitted',
      submitted_at = ${at.toISOString()}::timestamptz, updated_at = ${at.toISOString()}::timestamptz
    where id = ${id}`.execute()

export type NewScore = {
  id: string
  responseId: string
  patientId: string
  respondentRole: RespondentRole
  instrumentKey: string
  total: number
  band: string | null
  positiveScreen: boolean
  safetyAlert: boolean
  previousTotal: number | null
  delta: number | null
  meaningful: string | null
  isResponse: boolean
  remission: boolean
  scoredAt: Date
}

export const insertScore = (conn: Conn, s: NewScore) =>
  conn`
    insert into scores (id, response_id, patient_id, respondent_role, instrument_key, total, band, positive_screen,
      safety_alert, previous_total, delta, meaningful, is_response, remission, scored_at)
    values (${s.id}, ${s.responseId}, ${s.patientId}, ${s.respondentRole}, ${s.instrumentKey}, ${s.total},
      ${s.band}, ${s.positiveScreen}, ${s.safetyAlert}, ${s.previousTotal}, ${s.delta}, ${s.meaningful},
      ${s.isResponse}, ${s.remission}, ${s.scoredAt.toISOString()}::timestamptz)`.execute()

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
