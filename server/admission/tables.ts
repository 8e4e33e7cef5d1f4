import { sql } from 'drizzle-orm'
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
import { LobbyState } from '../../shared/admission'
import { enumValues, id } from '../db/columns'
import { participants, sessions } from '../sessions/tables'

export const lobbyState = pgEnum('lobby_state', enumValues(LobbyState))

/** Each participant's current place: waiting, admitted, denied, removed or left. One row per participant. */
export const lobbyEntries = pgTable(
  'lobby_entries',
  {
    participantId: uuid('participant_id')
      .primaryKey()
      .references(() => participants.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    state: lobbyState('state').notNull(),
    waitingSince: timestamp('waiting_since', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by'),
    /** When a host first had this person in view during this wait; cleared when a new wait starts. */
    seenAt: timestamp('seen_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('lobby_entries_session_state').on(t.sessionId, t.state)]
)

/**
 * An admission: the only thing a media token can be minted from. Open while `ended_at` is null; at most one open
 * admission per participant, enforced by the database.
 */
export const admissions = pgTable(
  'admissions',
  {
    ...id,
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    /** The admitting host's clinician id; null when a host entered directly. */
    admittedBy: uuid('admitted_by'),
    admittedAt: timestamp('admitted_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason', {
      enum: ['left', 'removed', 'session_ended', 'consent_withdrawn', 'stepped_out'],
    }),
    tokensIssued: integer('tokens_issued').notNull().default(0),
  },
  (t) => [
    uniqueIndex('admissions_one_open_per_participant')
      .on(t.participantId)
      .where(sql`${t.endedAt} is null`),
    index('admissions_session').on(t.sessionId),
  ]
)
