// Consent: versioned documents, records of what a person agreed to, and the covers that scope who may be present
// and which categories of information are shared with whom (DOMAIN.md, "Consent"). What people send (signing a
// document, recording or withdrawing consent, drop-in answers, new versions) is in ./consent-inputs.ts.
import { z } from './zod'
import { Discipline, Role } from './enums'
import { Id } from './ids'

export const ConsentKind = z.enum([
  'joint_session',
  'information_sharing',
  'partner_participation',
  'confidentiality_acknowledgement',
])
export type ConsentKind = z.infer<typeof ConsentKind>

/** Category codes are data (table data_categories), so a clinic can add one without a release. */
export const CategoryCode = z.string().check(z.regex(/^[a-z][a-z0-9_]{1,40}$/, 'Unknown category.'))

/**
 * Categories that start unshared on the patient's consent: sharing them is a choice the patient makes, never a default
 * they might overlook. Psychotherapy notes carry their own protection in law (HIPAA 45 CFR 164.508(a)(2)).
 */
export const SENSITIVE_CATEGORIES: readonly string[] = ['psychotherapy_notes']

export const DataCategory = z.object({
  code: CategoryCode,
  label: z.string(),
  description: z.string(),
})
export type DataCategory = z.infer<typeof DataCategory>

export const ConsentTemplate = z.object({
  id: Id,
  kind: ConsentKind,
  version: z.number().check(z.int(), z.positive()),
  title: z.string(),
  body: z.string(),
  bodyHash: z.string(),
})
export type ConsentTemplate = z.infer<typeof ConsentTemplate>

export const GateStatus = z.object({ admissible: z.boolean(), reasons: z.array(z.string()) })
export type GateStatus = z.infer<typeof GateStatus>

export const ConsentParticipant = z.object({
  participantId: Id,
  displayName: z.string(),
  role: Role,
  discipline: z.nullable(Discipline),
  present: z.nullable(z.boolean()),
  categories: z.array(CategoryCode),
  gate: GateStatus,
})

/** Everything one person needs for their consent step, and what the hosts see. */
export const ConsentOverview = z.object({
  sessionId: Id,
  myParticipantId: z.nullable(Id),
  /** Joint session: the patient's consent to the session; case conference: their recorded information-sharing consent. */
  patientConsentActive: z.boolean(),
  /** Joint session: the patient answered "I do not agree" and has not agreed since. */
  patientDeclined: z.boolean(),
  /** The documents this caller still has to answer, newest versions. */
  pending: z.array(ConsentTemplate),
  categories: z.array(DataCategory),
  participants: z.array(ConsentParticipant),
  /** Categories the caller may see in this session (clinicians on the care team: all). */
  myCategories: z.array(CategoryCode),
  openRequests: z.array(
    z.object({
      id: Id,
      participantId: Id,
      displayName: z.string(),
      discipline: z.nullable(Discipline),
    })
  ),
})
export type ConsentOverview = z.infer<typeof ConsentOverview>
