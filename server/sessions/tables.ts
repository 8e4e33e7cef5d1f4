import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
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
    clinicId: uuid('clinic_id').notNull().references(() => clinics.id),
    kind: sessionKind('kind').notNull(),
    patientId: uuid('patient_id').notNull().references(() => patients.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    agenda: text('agenda').notNull().default(''),
    status: sessionStatus('status').notNull().default('scheduled'),
    createdBy: uuid('created_by').notNull().references(() => clinicians.id),
    ...timestamps,
  },
  (t) => [index('sessions_patient').on(t.patientId), index('sessions_starts_at').on(t.startsAt)]
)

/** A person invited to a session, with their role in it. Clinicians link to their account. */
export const participants = pgTable(
  'participants',
  {
    ...id,
    sessionId: uuid('session_id').notNull().references(() => sessions.id, { onDelete: 'cascade' }),
    role: participantRole('role').notNull(),
    clinicianId: uuid('clinician_id').references(() => clinicians.id),
    displayName: text('display_name').notNull(),
    discipline: discipline('discipline'),
    email: text('email'),
    ...timestamps,
  },
  (t) => [index('participants_session').on(t.sessionId), index('participants_clinician').on(t.clinicianId)]
)
