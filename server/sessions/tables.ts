import {
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { Role, SessionKind } from '../../shared/enums'
import { SessionStatus } from '../../shared/sessions'
import { clinicians, clinics, discipline } from '../accounts/tables'
import { enumValues, id, timestamps } from '../db/columns'
import { patients } from '../patients/tables'

export const sessionKind = pgEnum('session_kind', enumValues(SessionKind))
export const sessionStatus = pgEnum('session_status', enumValues(SessionStatus))
export const participantRole = pgEnum('participant_role', enumValues(Role))

export const sessions = pgTable(
  'sessions',
  {
    ...id,
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    kind: sessionKind('kind').notNull(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    agenda: text('agenda').notNull().default(''),
    status: sessionStatus('status').notNull().default('scheduled'),
    /** Opaque LiveKit room name: no names or diagnoses reach the media server. */
    roomName: uuid('room_name').notNull().defaultRandom(),
    /** The hosts' short message to people waiting in the lobby. */
    lobbyMessage: text('lobby_message'),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => clinicians.id),
    ...timestamps,
  },
  (t) => [
    index('sessions_patient').on(t.patientId),
    index('sessions_starts_at').on(t.startsAt),
    uniqueIndex('sessions_room_name_unique').on(t.roomName),
  ]
)

/** A person invited to a session, with their role in it. Clinicians link to their account. */
export const participants = pgTable(
  'participants',
  {
    ...id,
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    role: participantRole('role').notNull(),
    clinicianId: uuid('clinician_id').references(() => clinicians.id),
    displayName: text('display_name').notNull(),
    discipline: discipline('discipline'),
    email: text('email'),
    ...timestamps,
  },
  (t) => [
    index('participants_session').on(t.sessionId),
    index('participants_clinician').on(t.clinicianId),
    // A clinician takes part in a session once (with one role); people by link have no clinician and any number do.
    uniqueIndex('participants_session_clinician_once').on(t.sessionId, t.clinicianId),
  ]
)

/** Personal links. Only a hash of the secret is stored; a link opens once, for one person, until it expires. */
export const invitations = pgTable(
  'invitations',
  {
    ...id,
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    secretHash: text('secret_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('invitations_secret_hash_unique').on(t.secretHash),
    index('invitations_participant').on(t.participantId),
  ]
)

/** Cookie sessions of people who joined with a personal link; bound to one participant of one session. */
export const participantSessions = pgTable(
  'participant_sessions',
  {
    ...id,
    tokenHash: text('token_hash').notNull(),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('participant_sessions_token_hash_unique').on(t.tokenHash),
    index('participant_sessions_participant').on(t.participantId),
  ]
)
