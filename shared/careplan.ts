// The care plan (DOMAIN.md "The care plan"): one structured plan per patient, co-edited live.
// Each part is its own collaborative document, because a Yjs document is all or nothing for whoever opens it:
// the part's data category (the same codes consent uses) decides who may open it.
import { DataCategory } from './consent'
import { Discipline } from './enums'
import { z } from './zod'

export const PlanPart = z.enum([
  'concerns',
  'factors',
  'goals',
  'interventions',
  'medications',
  'referrals',
  'safety',
  'followUp',
])
export type PlanPart = z.infer<typeof PlanPart>
export const planParts = PlanPart.options

/** The consent category each part belongs to (codes seeded in data_categories). */
export const partCategory: Record<PlanPart, string> = {
  concerns: 'sexual_health_history',
  factors: 'sexual_health_history',
  goals: 'sexual_health_history',
  interventions: 'mental_health_history',
  medications: 'medications',
  referrals: 'mental_health_history',
  safety: 'mental_health_history',
  followUp: 'mental_health_history',
}

/** The patient writes these parts in their own words; every other part they read. */
export const patientWritableParts: readonly PlanPart[] = ['concerns']

export const partLabel: Record<PlanPart, string> = {
  concerns: 'What brings you here, in your words',
  factors: 'Things that may contribute',
  goals: 'Goals',
  interventions: 'What we will do',
  medications: 'Medication changes',
  referrals: 'Referrals',
  safety: 'Safety plan',
  followUp: 'Follow-up',
}

const text = (max = 2000) => z.string().check(z.maxLength(max))
/** A calendar date, or empty while not set yet. */
const day = z.union([z.literal(''), z.iso.date()])
const itemId = z.string().check(z.minLength(1), z.maxLength(64))

export const FactorKind = z.enum([
  'hormonal',
  'vascular',
  'neurological',
  'medication_side_effect',
  'psychological',
  'relational',
  'other',
])
export const InterventionStatus = z.enum(['planned', 'in_progress', 'done', 'stopped'])
export const ReferralStatus = z.enum(['suggested', 'sent', 'booked', 'seen', 'closed'])

export const Concern = z.object({ id: itemId, text: text() })
export const Factor = z.object({ id: itemId, kind: FactorKind, text: text() })
export const Goal = z.object({
  id: itemId,
  text: text(),
  measure: text(300),
  baseline: text(300),
  target: text(300),
  due: day,
  /** The outcome measure tracking this goal (an instrument id), or empty. */
  instrumentId: text(100),
})
export const Intervention = z.object({
  id: itemId,
  text: text(),
  discipline: z.union([z.literal(''), Discipline]),
  owner: text(200),
  status: InterventionStatus,
  due: day,
})
export const MedicationChange = z.object({
  id: itemId,
  change: text(),
  reason: text(),
  sexualSideEffects: text(),
  coordinatedWith: text(300),
})
export const Referral = z.object({
  id: itemId,
  to: text(300),
  reason: text(),
  status: ReferralStatus,
  referredOn: day,
  appointmentOn: day,
})
export const SafetyPlan = z.object({
  warningSigns: text(),
  copingSteps: text(),
  contacts: text(),
  crisisLine: text(300),
  medicalFirst: text(),
})
export const FollowUp = z.object({ id: itemId, what: text(300), due: day, instrumentId: text(100) })

export const CarePlan = z.object({
  concerns: z.array(Concern).check(z.maxLength(200)),
  factors: z.array(Factor).check(z.maxLength(200)),
  goals: z.array(Goal).check(z.maxLength(200)),
  interventions: z.array(Intervention).check(z.maxLength(200)),
  medications: z.array(MedicationChange).check(z.maxLength(200)),
  referrals: z.array(Referral).check(z.maxLength(200)),
  safety: SafetyPlan,
  followUp: z.array(FollowUp).check(z.maxLength(200)),
})
export type CarePlan = z.infer<typeof CarePlan>
export type Goal = z.infer<typeof Goal>

/** A plan as one person may see it: parts outside their consent scope are absent. */
export const VisiblePlan = z.partial(CarePlan)
export type VisiblePlan = z.infer<typeof VisiblePlan>

/** The item fields of each list part, with the Yjs type each is edited as (text merges per character). */
export const partFields = {
  concerns: { text: 'text' },
  factors: { kind: 'value', text: 'text' },
  goals: {
    text: 'text',
    measure: 'text',
    baseline: 'text',
    target: 'text',
    due: 'value',
    instrumentId: 'value',
  },
  interventions: {
    text: 'text',
    discipline: 'value',
    owner: 'text',
    status: 'value',
    due: 'value',
  },
  medications: {
    change: 'text',
    reason: 'text',
    sexualSideEffects: 'text',
    coordinatedWith: 'text',
  },
  referrals: {
    to: 'text',
    reason: 'text',
    status: 'value',
    referredOn: 'value',
    appointmentOn: 'value',
  },
  safety: {
    warningSigns: 'text',
    copingSteps: 'text',
    contacts: 'text',
    crisisLine: 'text',
    medicalFirst: 'text',
  },
  followUp: { what: 'text', due: 'value', instrumentId: 'value' },
} as const satisfies Record<PlanPart, Record<string, 'text' | 'value'>>

/** Presence on a plan part (Yjs awareness): who (the name the server knows them by) and the text field they are in. */
export const PresenceState = z.strictObject({
  user: z.optional(
    z.strictObject({
      name: z.string().check(z.maxLength(200)),
      color: z.string().check(z.regex(/^#[0-9a-f]{6}$/i)),
    })
  ),
  editing: z.optional(z.nullable(z.string().check(z.maxLength(200)))),
})
export type PresenceState = z.infer<typeof PresenceState>

/** The text field someone is in: the part, the item's id (empty in the safety plan) and the field. */
export const presenceKey = (part: PlanPart, itemId: string, field: string) =>
  `${part}:${itemId}:${field}`

/** The part a presence key names, when it names one of that part's text fields. */
export function presenceKeyPart(key: string): PlanPart | undefined {
  const [name, itemId, field, ...rest] = key.split(':')
  const part = PlanPart.safeParse(name)
  if (!part.success || rest.length || itemId === undefined || field === undefined) return undefined
  if ((part.data === 'safety') !== (itemId === '')) return undefined
  const fields: Record<string, string> = partFields[part.data]
  return fields[field] === 'text' ? part.data : undefined
}

/** Collaborative document names: `careplan.<patientId>.<part>`. */
export const documentName = (patientId: string, part: PlanPart) => `careplan.${patientId}.${part}`
export function parseDocumentName(name: string): { patientId: string; part: PlanPart } | undefined {
  const [prefix, patientId, part, ...rest] = name.split('.')
  const parsedId = z.uuid().safeParse(patientId)
  const parsedPart = PlanPart.safeParse(part)
  if (prefix !== 'careplan' || rest.length || !parsedId.success || !parsedPart.success) return
  return { patientId: parsedId.data, part: parsedPart.data }
}

export const PlanVersionSummary = z.object({
  id: z.uuid(),
  number: z.number().check(z.int()),
  sessionId: z.nullable(z.uuid()),
  savedAt: z.iso.datetime(),
  savedBy: z.string(),
  present: z.array(z.string()),
})
export type PlanVersionSummary = z.infer<typeof PlanVersionSummary>

export const PlanVersion = z.extend(PlanVersionSummary, { plan: VisiblePlan })
export type PlanVersion = z.infer<typeof PlanVersion>

/** The patient's plan as the caller may see it, with what they may edit. */
export const PlanView = z.object({
  patientId: z.uuid(),
  /** The name the caller's presence carries (the server checks it is this one). */
  myName: z.string(),
  /** The consent categories of the parts the caller reads: what each covers, said when one is withdrawn. */
  categories: z.array(DataCategory),
  plan: VisiblePlan,
  readable: z.array(PlanPart),
  writable: z.array(PlanPart),
  versions: z.array(PlanVersionSummary),
})
export type PlanView = z.infer<typeof PlanView>

export const ItemChange = z.object({
  part: PlanPart,
  kind: z.enum(['added', 'removed', 'changed']),
  label: z.string(),
  fields: z.array(z.object({ field: z.string(), before: z.string(), after: z.string() })),
})
export type ItemChange = z.infer<typeof ItemChange>

export const VersionComparison = z.object({
  from: z.nullable(PlanVersionSummary),
  to: PlanVersionSummary,
  changes: z.array(ItemChange),
})
export type VersionComparison = z.infer<typeof VersionComparison>

export const PlanParams = z.object({ id: z.uuid({ message: 'Must be a valid id.' }) })
export const VersionParams = z.extend(PlanParams, {
  versionId: z.uuid({ message: 'Must be a valid id.' }),
})
/** In a session, the session the caller takes part through; outside, absent (the care team). */
export const PlanQuery = z.object({
  sessionId: z.optional(z.uuid({ message: 'Must be a valid id.' })),
})
export const ComparisonQuery = z.extend(PlanQuery, {
  from: z.optional(z.uuid({ message: 'Must be a valid id.' })),
})
