import { sql } from 'drizzle-orm'
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import type { Answers, InstrumentDefinition } from '../../shared/instruments'
import { RespondentRole, ResponseStatus } from '../../shared/outcomes'
import { clinicians, clinics } from '../accounts/tables'
import { enumValues, id, timestamps } from '../db/columns'
import { patients } from '../patients/tables'
import { participants, sessions } from '../sessions/tables'

export const respondentRole = pgEnum('respondent_role', enumValues(RespondentRole))
export const responseStatus = pgEnum('response_status', enumValues(ResponseStatus))

/** A clinic's own (licensed) instruments, imported as definitions and scored by the same engine. */
export const instrumentDefinitions = pgTable(
  'instrument_definitions',
  {
    ...id,
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    key: text('key').notNull(),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<InstrumentDefinition>().notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => clinicians.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('instrument_definitions_key_version').on(t.clinicId, t.key, t.version)]
)

/** One person's answers to one instrument, saved as they go; submitted once. */
export const responses = pgTable(
  'responses',
  {
    ...id,
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    sessionId: uuid('session_id').references(() => sessions.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    respondentRole: respondentRole('respondent_role').notNull(),
    instrumentKey: text('instrument_key').notNull(),
    instrumentVersion: integer('instrument_version').notNull(),
    answers: jsonb('answers').$type<Answers>().notNull().default({}),
    status: responseStatus('status').notNull().default('open'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** Set when offered as a measure due (or by a clinician between sessions): the date it answers for. */
    dueOn: date('due_on', { mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    // A session's questionnaires: one per person and instrument.
    uniqueIndex('responses_participant_instrument')
      .on(t.participantId, t.instrumentKey)
      .where(sql`${t.dueOn} is null`),
    // A measure due: one questionnaire per patient, instrument and due date, whichever link it is opened with.
    uniqueIndex('responses_patient_instrument_due')
      .on(t.patientId, t.respondentRole, t.instrumentKey, t.dueOn)
      .where(sql`${t.dueOn} is not null`),
    index('responses_patient').on(t.patientId),
  ]
)

/** The server's score of a submitted response, with the change against the previous one. */
export const scores = pgTable(
  'scores',
  {
    ...id,
    responseId: uuid('response_id')
      .notNull()
      .references(() => responses.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    respondentRole: respondentRole('respondent_role').notNull(),
    instrumentKey: text('instrument_key').notNull(),
    total: integer('total').notNull(),
    band: text('band'),
    positiveScreen: boolean('positive_screen').notNull(),
    safetyAlert: boolean('safety_alert').notNull(),
    previousTotal: integer('previous_total'),
    delta: integer('delta'),
    meaningful: text('meaningful'),
    isResponse: boolean('is_response').notNull().default(false),
    remission: boolean('remission').notNull().default(false),
    scoredAt: timestamp('scored_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('scores_response').on(t.responseId),
    index('scores_patient_instrument').on(t.patientId, t.instrumentKey, t.scoredAt),
  ]
)

/** Raised by a response that meets its instrument's alert rule; a follow-up task someone must close. */
export const safetyAlerts = pgTable(
  'safety_alerts',
  {
    ...id,
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    responseId: uuid('response_id')
      .notNull()
      .references(() => responses.id),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => clinicians.id),
    closingNote: text('closing_note'),
  },
  (t) => [index('safety_alerts_patient').on(t.patientId)]
)

/**
 * A link holder's narrow access: lets one participant list and answer their own questionnaires after the session,
 * nothing else. Only a hash of the secret is stored; issuing a new one replaces the previous one.
 */
export const questionnaireLinks = pgTable(
  'questionnaire_links',
  {
    ...id,
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    secretHash: text('secret_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('questionnaire_links_secret').on(t.secretHash),
    index('questionnaire_links_participant').on(t.participantId),
  ]
)

export type GoalRating = { goalId: string; goal: string; rating: number; weight: number }
export type MeasureDue = { instrumentKey: string; dueOn: string }

/** The clinicians' post-session form: one per session, edited until it is right; every save is audited. */
export const sessionReviews = pgTable('session_reviews', {
  sessionId: uuid('session_id')
    .primaryKey()
    .references(() => sessions.id),
  attendanceConfirmed: boolean('attendance_confirmed').notNull(),
  assessment: text('assessment').notNull(),
  decisions: text('decisions').notNull(),
  nextSteps: text('next_steps').notNull(),
  goalRatings: jsonb('goal_ratings').$type<GoalRating[]>().notNull().default([]),
  gasTScore: doublePrecision('gas_t_score'),
  followUpOn: date('follow_up_on', { mode: 'string' }),
  measuresDue: jsonb('measures_due').$type<MeasureDue[]>().notNull().default([]),
  /** The care-plan version the goals were rated against, when the plan had one. */
  planVersion: integer('plan_version'),
  updatedBy: uuid('updated_by')
    .notNull()
    .references(() => clinicians.id),
  ...timestamps,
})
