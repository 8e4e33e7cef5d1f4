// Names from DOMAIN.md. Used by the database enums, the API and the web alike.
import { z } from './zod'

export const Discipline = z.enum([
  'primary_care',
  'psychiatry',
  'psychology',
  'sex_therapy',
  'pelvic_floor_physiotherapy',
  'nursing',
  'social_work',
  'endocrinology',
  'urology',
  'gynaecology',
  'care_navigation',
])
export type Discipline = z.infer<typeof Discipline>

export const disciplineLabel: Record<Discipline, string> = {
  primary_care: 'Primary care',
  psychiatry: 'Psychiatry',
  psychology: 'Psychology',
  sex_therapy: 'Sex therapy',
  pelvic_floor_physiotherapy: 'Pelvic-floor physiotherapy',
  nursing: 'Nursing',
  social_work: 'Social work',
  endocrinology: 'Endocrinology',
  urology: 'Urology',
  gynaecology: 'Gynaecology',
  care_navigation: 'Care navigation',
}

/** What a clinician account may do in the clinic. */
export const AccountRole = z.enum(['admin', 'clinician'])
export type AccountRole = z.infer<typeof AccountRole>

/** A participant's role in one session. */
export const Role = z.enum(['host', 'clinician', 'specialist', 'patient', 'partner', 'observer'])
export type Role = z.infer<typeof Role>

export const SessionKind = z.enum(['case_conference', 'joint_session'])
export type SessionKind = z.infer<typeof SessionKind>

export const sessionKindLabel: Record<SessionKind, string> = {
  case_conference: 'Case conference',
  joint_session: 'Joint session',
}
