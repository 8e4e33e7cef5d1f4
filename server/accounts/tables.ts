import { sql } from 'drizzle-orm'
import {
  boolean,
  index,
  inet,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { AccountRole, Discipline } from '../../shared/enums'
import { enumValues, id, timestamps } from '../db/columns'

export const discipline = pgEnum('discipline', enumValues(Discipline))
export const accountRole = pgEnum('account_role', enumValues(AccountRole))

export const clinics = pgTable('clinics', {
  ...id,
  name: text('name').notNull(),
  ...timestamps,
})

export const clinicians = pgTable(
  'clinicians',
  {
    ...id,
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    discipline: discipline('discipline').notNull(),
    role: accountRole('role').notNull().default('clinician'),
    passwordHash: text('password_hash').notNull(),
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  (t) => [uniqueIndex('clinicians_email_unique').on(sql`lower(${t.email})`)]
)

/** Server-side sign-in sessions. Only a hash of the cookie's secret is stored. */
export const authSessions = pgTable(
  'auth_sessions',
  {
    ...id,
    tokenHash: text('token_hash').notNull(),
    clinicianId: uuid('clinician_id')
      .notNull()
      .references(() => clinicians.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('auth_sessions_token_hash_unique').on(t.tokenHash),
    index('auth_sessions_clinician').on(t.clinicianId),
  ]
)

/** Failed attempts (sign-ins, invitation exchanges), kept in the database so limits hold across app instances. */
export const failedAttempts = pgTable(
  'failed_attempts',
  {
    ...id,
    kind: text('kind', { enum: ['sign_in', 'invitation'] }).notNull(),
    key: text('key').notNull(),
    ip: inet('ip'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('failed_attempts_key_at').on(t.kind, t.key, t.at),
    index('failed_attempts_ip_at').on(t.kind, t.ip, t.at),
  ]
)
