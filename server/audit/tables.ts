import {
  bigserial,
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core'

export const actorKind = pgEnum('actor_kind', ['clinician', 'participant', 'system', 'anonymous'])

/**
 * Append-only, hash-chained. `seq` orders the chain; each row's hash covers its content and the previous hash,
 * so editing or deleting a row breaks every link after it. Migrations forbid UPDATE/DELETE/TRUNCATE.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().defaultRandom(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorKind: actorKind('actor_kind').notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    subjectKind: text('subject_kind'),
    subjectId: uuid('subject_id'),
    patientId: uuid('patient_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_events_patient').on(t.patientId, t.seq),
    index('audit_events_subject').on(t.subjectId, t.seq),
  ]
)
