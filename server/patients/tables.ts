import { sql } from 'drizzle-orm'
import {
  boolean,
  date,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { clinicians, clinics } from '../accounts/tables'
import { id, timestamps } from '../db/columns'

export const patients = pgTable('patients', {
  ...id,
  clinicId: uuid('clinic_id')
    .notNull()
    .references(() => clinics.id),
  displayName: text('display_name').notNull(),
  dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
  email: text('email'),
  ...timestamps,
})

export const careTeamMembers = pgTable(
  'care_team_members',
  {
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id, { onDelete: 'cascade' }),
    clinicianId: uuid('clinician_id')
      .notNull()
      .references(() => clinicians.id),
    isCareNavigator: boolean('is_care_navigator').notNull().default(false),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.patientId, t.clinicianId] }),
    // A patient has one consistent point of contact (DOMAIN.md).
    uniqueIndex('care_team_one_navigator')
      .on(t.patientId)
      .where(sql`${t.isCareNavigator}`),
  ]
)
