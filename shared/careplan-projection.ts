// Pure functions over the plan: turning a document's raw JSON into a valid part (anything a client wrote that the
// schema does not allow is dropped or reset, never trusted), an empty plan, and what changed between two plans.
import {
  CarePlan,
  type ItemChange,
  type PlanPart,
  partFields,
  planParts,
  SafetyPlan,
  type VisiblePlan,
} from './careplan'

type PartValue<P extends PlanPart> = CarePlan[P]

const itemSchema = (part: Exclude<PlanPart, 'safety'>) => CarePlan.shape[part].def.element

export const emptySafety = (): CarePlan['safety'] => ({
  warningSigns: '',
  copingSteps: '',
  contacts: '',
  crisisLine: '',
  medicalFirst: '',
})

export function emptyPlan(): CarePlan {
  return {
    concerns: [],
    factors: [],
    goals: [],
    interventions: [],
    medications: [],
    referrals: [],
    safety: emptySafety(),
    followUp: [],
  }
}

/** Defaults for a new item's value fields; text fields start empty. */
export const valueDefaults: Record<string, string> = {
  kind: 'other',
  status: 'planned',
  discipline: '',
  due: '',
  instrumentId: '',
  referredOn: '',
  appointmentOn: '',
}
const referralDefault: Record<string, string> = { status: 'suggested' }

/** PostgreSQL's jsonb refuses NUL, and controls or half surrogate pairs are not text anyone typed: dropped. */
const clean = (v: unknown) =>
  typeof v === 'string' ? v.replace(/[^\P{Cc}\t\n\r]/gu, '').replace(/\p{Cs}/gu, '\uFFFD') : v

const asRecord = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}

/** One item field by field: a field that fails its schema falls back to its default, so one bad value loses nothing else. */
function sanitizeItem(part: Exclude<PlanPart, 'safety'>, raw: unknown) {
  const schema = itemSchema(part)
  const input = asRecord(raw)
  const out: Record<string, unknown> = { id: input.id }
  for (const field of Object.keys(partFields[part])) {
    const fieldSchema = schema.shape[field as keyof typeof schema.shape] as {
      safeParse: (v: unknown) => { success: boolean }
    }
    const value = clean(input[field])
    out[field] = fieldSchema.safeParse(value).success
      ? value
      : ((part === 'referrals' ? referralDefault[field] : undefined) ?? valueDefaults[field] ?? '')
  }
  const parsed = schema.safeParse(out)
  return parsed.success ? parsed.data : undefined
}

/** A part's raw JSON (as Yjs `toJSON` gives it) made valid against the plan schema. */
export function sanitizePart<P extends PlanPart>(part: P, raw: unknown): PartValue<P> {
  if (part === 'safety') {
    const input = asRecord(raw)
    const out = emptySafety()
    for (const key of Object.keys(out) as (keyof typeof out)[]) {
      const parsed = SafetyPlan.shape[key].safeParse(clean(input[key]))
      if (parsed.success) out[key] = parsed.data
    }
    return out as PartValue<P>
  }
  const list = Array.isArray(raw) ? raw : []
  const seen = new Set<string>()
  const items = []
  for (const entry of list.slice(0, 200)) {
    const item = sanitizeItem(part as Exclude<PlanPart, 'safety'>, entry)
    // A duplicated id (two clients adding "the same" item) keeps the first; the projection stays well formed.
    if (item && !seen.has(item.id)) {
      seen.add(item.id)
      items.push(item)
    }
  }
  return items as PartValue<P>
}

const fieldText = (v: unknown) => (typeof v === 'string' ? v : '')
const itemLabel = (item: Record<string, unknown>) =>
  fieldText(item.text ?? item.change ?? item.to ?? item.what).slice(0, 80) || '(untitled)'

/** What changed from one plan to another, part by part and item by item (matched by id). */
export function comparePlans(before: VisiblePlan, after: VisiblePlan): ItemChange[] {
  const changes: ItemChange[] = []
  for (const part of planParts) {
    if (part === 'safety') {
      const a = asRecord(before.safety ?? emptySafety())
      const b = asRecord(after.safety ?? emptySafety())
      const fields = Object.keys(emptySafety())
        .filter((f) => fieldText(a[f]) !== fieldText(b[f]))
        .map((f) => ({ field: f, before: fieldText(a[f]), after: fieldText(b[f]) }))
      if (fields.length) changes.push({ part, kind: 'changed', label: 'Safety plan', fields })
      continue
    }
    const a = (before[part] ?? []) as Record<string, unknown>[]
    const b = (after[part] ?? []) as Record<string, unknown>[]
    const old = new Map(a.map((i) => [i.id, i]))
    const now = new Set(b.map((i) => i.id))
    for (const item of b) {
      const prev = old.get(item.id)
      const fields = Object.keys(partFields[part])
        .filter((f) => fieldText(prev?.[f]) !== fieldText(item[f]))
        .map((f) => ({ field: f, before: fieldText(prev?.[f]), after: fieldText(item[f]) }))
      if (!prev) changes.push({ part, kind: 'added', label: itemLabel(item), fields })
      else if (fields.length)
        changes.push({ part, kind: 'changed', label: itemLabel(item), fields })
    }
    for (const item of a)
      if (!now.has(item.id))
        changes.push({ part, kind: 'removed', label: itemLabel(item), fields: [] })
  }
  return changes
}

/** Only the parts a person may read. */
export function visibleParts(plan: CarePlan, readable: readonly PlanPart[]): VisiblePlan {
  const out: VisiblePlan = {}
  for (const part of readable) (out as Record<string, unknown>)[part] = plan[part]
  return out
}
