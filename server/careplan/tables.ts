import { sql } from 'drizzle-orm'
import {
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import type { PlanPart, VisiblePlan } from '../../shared/careplan'
import { id } from '../db/columns'
import { patients } from '../patients/tables'
import { sessions } from '../sessions/tables'

const bytea = customType<{ data: Uint8Array; driverData: Buffer }>({
  dataType: () => 'bytea',
  toDriver: (v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength),
  fromDriver: (v) => new Uint8Array(v),
})

/**
 * One collaborative document per plan part (see shared/careplan.ts): the binary Yjs state is the truth; the JSON
 * projection beside it is the same content made valid against the plan schema, for reading without Yjs.
 */
export const careplanDocuments = pgTable(
  'careplan_documents',
  {
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id, { onDelete: 'cascade' }),
    part: text('part').$type<PlanPart>().notNull(),
    state: bytea('state').notNull(),
    projection: jsonb('projection').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.patientId, t.part] })]
)

/** The plan as agreed at the end of a session (or saved by the team), with who was there. Never changed. */
export const careplanVersions = pgTable(
  'careplan_versions',
  {
    ...id,
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    sessionId: uuid('session_id').references(() => sessions.id, { onDelete: 'set null' }),
    plan: jsonb('plan').$type<VisiblePlan>().notNull(),
    present: jsonb('present').$type<string[]>().notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull(),
    savedBy: text('saved_by').notNull(),
  },
  (t) => [
    uniqueIndex('careplan_versions_number').on(t.patientId, t.number),
    // One agreed version per session: a second "end" of the same session saves nothing new.
    uniqueIndex('careplan_versions_one_per_session')
      .on(t.sessionId)
      .where(sql`${t.sessionId} is not null`),
    index('careplan_versions_patient').on(t.patientId),
  ]
)
