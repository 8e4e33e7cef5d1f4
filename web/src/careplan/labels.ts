// Plain words for every field of the plan, and the choices of its value fields.
import {
  FactorKind,
  InterventionStatus,
  type PlanPart,
  ReferralStatus,
} from '../../../shared/careplan'
import { Discipline, disciplineLabel } from '../../../shared/enums'

export const fieldLabel: Record<string, string> = {
  text: 'Description',
  kind: 'Kind',
  measure: 'How we measure it',
  baseline: 'Where we start',
  target: 'Where we aim to be',
  due: 'By when',
  instrumentId: 'Questionnaire that tracks it',
  discipline: 'Discipline',
  owner: 'Who does it',
  status: 'Status',
  change: 'What changes',
  reason: 'Why',
  sexualSideEffects: 'Sexual side effects to watch for',
  coordinatedWith: 'Agreed with',
  to: 'Referred to',
  referredOn: 'Referred on',
  appointmentOn: 'Appointment on',
  what: 'What happens',
  warningSigns: 'Warning signs',
  copingSteps: 'Things that help',
  contacts: 'People and services to contact',
  crisisLine: 'Crisis line',
  medicalFirst: 'When to get medical help first',
}

export const partFieldLabel = (part: PlanPart, field: string) =>
  part === 'concerns' && field === 'text' ? 'In your own words' : (fieldLabel[field] ?? field)

const words = (s: string) => (s.charAt(0).toUpperCase() + s.slice(1)).replaceAll('_', ' ')

/** Choices for value fields; dates and free values have none. */
export const choices: Record<string, { value: string; label: string }[]> = {
  kind: FactorKind.options.map((v) => ({ value: v, label: words(v) })),
  status: [...new Set([...InterventionStatus.options, ...ReferralStatus.options])].map((v) => ({
    value: v,
    label: words(v),
  })),
  discipline: [
    { value: '', label: 'Not set' },
    ...Discipline.options.map((v) => ({ value: v, label: disciplineLabel[v] })),
  ],
}

export const statusChoices = (part: PlanPart) =>
  (part === 'referrals' ? ReferralStatus.options : InterventionStatus.options).map((v) => ({
    value: v,
    label: words(v),
  }))

export const dateFields = new Set(['due', 'referredOn', 'appointmentOn'])
export const longFields = new Set([
  'text',
  'reason',
  'sexualSideEffects',
  'warningSigns',
  'copingSteps',
  'contacts',
  'medicalFirst',
  'change',
])
