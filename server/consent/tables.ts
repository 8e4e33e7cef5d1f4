import { sql } from 'drizzle-orm'
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { ConsentKind } from '../../shared/consent'
import { clinicians } from '../accounts/tables'
import { enumValues, id } from '../db/columns'
import { patients } from '../patients/tables'
import { participants, sessions } from '../sessions/tables'

export const consentKind = pgEnum('consent_kind', enumValues(ConsentKind))

/** The categories of information consent is scoped by. Data, not code: seeded by a migration, extendable. */
export const dataCategories = pgTable('data_categories', {
  code: text('code').primaryKey(),
  label: text('label').notNull(),
  description: text('description').notNull(),
  position: integer('position').notNull(),
})

/** Versioned consent documents. Editing one makes a new version; records keep the exact version and text hash. */
export const consentTemplates = pgTable(
  'consent_templates',
  {
    ...id,
    kind: consentKind('kind').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    bodyHash: text('body_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => clinicians.id),
  },
  (t) => [uniqueIndex('consent_templates_kind_version').on(t.kind, t.version)]
)

/** One person's answer to one document for one session: given or declined, signed by typed name. */
export const consentRecords = pgTable(
  'consent_records',
  {
    ...id,
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    kind: consentKind('kind').notNull(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => consentTemplates.id),
    templateVersion: integer('template_version').notNull(),
    bodyHash: text('body_hash').notNull(),
    /** The participant who answered; null when a clinician recorded the patient's consent given elsewhere. */
    givenByParticipantId: uuid('given_by_participant_id').references(() => participants.id),
    recordedByClinicianId: uuid('recorded_by_clinician_id').references(() => clinicians.id),
    statement: text('statement'),
    decision: text('decision', { enum: ['given', 'declined'] }).notNull(),
    signature: text('signature').notNull(),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    index('consent_records_session').on(t.sessionId, t.kind),
    index('consent_records_patient').on(t.patientId),
  ]
)

/**
 * A cover: the patient's permission for one participant, either to be present (category null) or to see one
 * category of information. A row exists per decision; withdrawal stamps it, and a later decision adds a new row.
 */
export const consentCovers = pgTable(
  'consent_covers',
  {
    ...id,
    consentRecordId: uuid('consent_record_id')
      .notNull()
      .references(() => consentRecords.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    category: text('category').references(() => dataCategories.code),
    permitted: boolean('permitted').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    index('consent_covers_session_participant').on(t.sessionId, t.participantId),
    // One active decision per participant and category (null category = presence).
    uniqueIndex('consent_covers_one_active')
      .on(t.sessionId, t.participantId, sql`coalesce(${t.category}, '')`)
      .where(sql`${t.withdrawnAt} is null`),
  ]
)

/** A host's request, mid-session, that the patient cover a drop-in specialist. */
export const consentRequests = pgTable(
  'consent_requests',
  {
    ...id,
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => clinicians.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decision: text('decision', { enum: ['approved', 'declined'] }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('consent_requests_one_open')
      .on(t.participantId)
      .where(sql`${t.decidedAt} is null`),
  ]
)
