// Consent: versioned documents, records of what a person agreed to, and the covers that scope who may be present
// and which categories of information are shared with whom (DOMAIN.md, "Consent").
import { z } from './zod'
import { Discipline, Role } from './enums'
import { Id } from './ids'
import { Line, Payload, Text } from './input'

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

export const NewTemplateVersionInput = Payload({
  title: Line(200).check(z.minLength(3, 'Use at least 3 characters for the title.')),
  body: Text(20_000).check(z.minLength(20, 'Write the full text people agree to.')),
})
export type NewTemplateVersionInput = z.infer<typeof NewTemplateVersionInput>

/** The patient's choice for one participant: may they be present, and which categories are shared with them. */
export const CoverChoice = Payload({
  participantId: Id,
  present: z.boolean(),
  categories: z._default(z.array(CategoryCode).check(z.maxLength(30)), []),
})
export type CoverChoice = z.infer<typeof CoverChoice>

const Signature = Line(120).check(z.minLength(2, 'Type your full name to sign.'))

export const GiveConsentInput = Payload({
  templateId: Id,
  decision: z.enum(['given', 'declined']),
  /** Typed name as signature (common telehealth practice). */
  signature: Signature,
  /** Joint session and information sharing: the patient's choices per participant. */
  covers: z._default(z.array(CoverChoice).check(z.maxLength(30)), []),
})
export type GiveConsentInput = z.infer<typeof GiveConsentInput>

/** Case conference: a host records the information-sharing consent the patient gave (e.g. in clinic). */
export const RecordPatientConsentInput = Payload({
  templateId: Id,
  /** How and when the patient gave it, in the recorder's words. */
  statement: Text(500).check(z.minLength(5, 'Say how and when the patient agreed.')),
  signature: Signature,
  covers: z.array(CoverChoice).check(z.minLength(1), z.maxLength(30)),
})
export type RecordPatientConsentInput = z.infer<typeof RecordPatientConsentInput>

export const WithdrawInput = z.discriminatedUnion('scope', [
  Payload({ scope: z.literal('participant'), participantId: Id }),
  Payload({ scope: z.literal('category'), category: CategoryCode }),
  Payload({ scope: z.literal('all') }),
])
export type WithdrawInput = z.infer<typeof WithdrawInput>

export const DropInRequestInput = Payload({ participantId: Id })
export const DropInDecisionInput = Payload({
  decision: z.enum(['approved', 'declined']),
  categories: z._default(z.array(CategoryCode).check(z.maxLength(30)), []),
})
export type DropInDecisionInput = z.infer<typeof DropInDecisionInput>

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
