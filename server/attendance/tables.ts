import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { sessions } from '../sessions/tables'

/**
 * LiveKit's join/leave feed as received (webhooks) or observed (reconciliation). Keyed by event id, so a replayed
 * webhook is stored once; attendance is derived by ordering events by time, so arrival order does not matter.
 */
export const attendanceEvents = pgTable(
  'attendance_events',
  {
    eventId: text('event_id').primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    participantId: uuid('participant_id').notNull(),
    kind: text('kind', { enum: ['joined', 'left'] }).notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    source: text('source', { enum: ['webhook', 'reconcile'] }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('attendance_events_session').on(t.sessionId, t.participantId, t.at)]
)
