// What people send about consent: a new version of a document, a signed (or declined) document with the patient's
// covers, a consent a host records for the patient, a withdrawal, a drop-in request and its answer. Request bodies
// only, apart from ./consent.ts, whose answers the consent step and the call read: the web only takes these types,
// and the server validates every one of them.
import { z } from './zod'
import { CategoryCode } from './consent'
import { Id } from './ids'
import { Line, Payload, Text } from './input'

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
