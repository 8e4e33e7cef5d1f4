// Instrument definitions as data: items, response options, scoring, bands, positive-screen and alert rules. The
// built-in instruments and every clinic's imported ones go through this one schema, so one engine scores them all.
import { z } from './zod'

const Key = z.string().check(
  z.regex(/^[a-z][a-z0-9_]{1,39}$/, {
    message: 'Use 2–40 lower-case letters, digits or underscores, starting with a letter.',
  })
)

export const ResponseOption = z.object({
  value: z.number().check(z.int({ message: 'An option value must be a whole number.' })),
  label: z
    .string()
    .check(z.trim(), z.minLength(1, { message: 'Every option needs a label.' }), z.maxLength(200)),
})

const ItemId = z.string().check(
  z.regex(/^[a-z][a-z0-9_]{0,39}$/, {
    message: 'Use up to 40 lower-case letters, digits or underscores, starting with a letter.',
  })
)

export const InstrumentItem = z.object({
  id: ItemId,
  text: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, { message: 'Every item needs its question text.' }),
      z.maxLength(500)
    ),
  options: z
    .array(ResponseOption)
    .check(z.minLength(2, { message: 'An item needs at least two options.' })),
  /** Unscored items (PHQ-9's "how difficult") are asked and stored but never add to the total. */
  scored: z._default(z.boolean(), true),
  /** Where it exists, the LOINC code of the item's answer, used by the FHIR export. */
  loinc: z.optional(z.string().check(z.maxLength(20))),
})
export type InstrumentItem = z.infer<typeof InstrumentItem>

export const Band = z.object({
  min: z.number().check(z.int()),
  max: z.number().check(z.int()),
  label: z
    .string()
    .check(z.trim(), z.minLength(1, { message: 'Every band needs a label.' }), z.maxLength(80)),
})
export type Band = z.infer<typeof Band>

/** "Any of these" rule: a total at or above `totalAtLeast`, or any listed item at or above its value. */
export const Rule = z.object({
  totalAtLeast: z.optional(z.number().check(z.int())),
  items: z._default(z.array(z.object({ item: ItemId, atLeast: z.number().check(z.int()) })), []),
})
export type Rule = z.infer<typeof Rule>

export const MeaningfulChange = z.object({
  /** A change of at least this many points counts as clinically meaningful. */
  points: z.number().check(z.positive()),
  /** A drop of at least this fraction of the previous total is a response (PHQ-9: 0.5). */
  responseFraction: z.optional(z.number().check(z.gt(0), z.lte(1))),
  /** A total below this, after one at or above it, is remission (PHQ-9: 5). */
  remissionBelow: z.optional(z.number().check(z.int())),
})
export type MeaningfulChange = z.infer<typeof MeaningfulChange>

export const InstrumentDefinition = z.object({
  key: Key,
  version: z._default(z.number().check(z.int(), z.gte(1)), 1),
  title: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, { message: 'The instrument needs a title.' }),
      z.maxLength(120)
    ),
  shortTitle: z.string().check(z.trim(), z.minLength(1), z.maxLength(20)),
  /** Shown above the items, e.g. "Over the last 2 weeks, how often have you been bothered by…". */
  intro: z._default(z.string().check(z.maxLength(500)), ''),
  items: z
    .array(InstrumentItem)
    .check(z.minLength(1, { message: 'An instrument needs at least one item.' })),
  bands: z._default(z.array(Band), []),
  /** Higher totals are worse (symptom scales); false for satisfaction-like scales. */
  higherIsWorse: z._default(z.boolean(), true),
  positiveScreen: z.optional(Rule),
  safetyAlert: z.optional(Rule),
  meaningfulChange: z.optional(MeaningfulChange),
  /** LOINC code of the total score and of the panel, where they exist. */
  loinc: z._default(
    z.object({
      total: z.optional(z.string().check(z.maxLength(20))),
      panel: z.optional(z.string().check(z.maxLength(20))),
    }),
    {}
  ),
  /** Built-in instruments are ours or free to reproduce; imported ones name their licence holder. */
  licence: z._default(z.string().check(z.maxLength(200)), ''),
})
export type InstrumentDefinition = z.infer<typeof InstrumentDefinition>
export type InstrumentDefinitionInput = z.input<typeof InstrumentDefinition>

/** The lowest and highest total the scored items allow. */
export function totalRange(def: Pick<InstrumentDefinition, 'items'>): { min: number; max: number } {
  let min = 0
  let max = 0
  for (const item of def.items) {
    if (!item.scored) continue
    const values = item.options.map((o) => o.value)
    min += Math.min(...values)
    max += Math.max(...values)
  }
  return { min, max }
}

/** Every mistake in a definition, each with where it is and what to do, so an import can be fixed in one go. */
export function definitionProblems(def: InstrumentDefinition): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = []
  const add = (path: string, message: string) => problems.push({ path, message })
  const items = new Map<string, InstrumentItem>()
  def.items.forEach((item, i) => {
    if (items.has(item.id)) add(`items.${i}.id`, `Item id "${item.id}" is used twice.`)
    items.set(item.id, item)
    const seen = new Set<number>()
    item.options.forEach((o, j) => {
      if (seen.has(o.value))
        add(`items.${i}.options.${j}.value`, `Item "${item.id}" has the value ${o.value} twice.`)
      seen.add(o.value)
    })
  })
  if (![...items.values()].some((i) => i.scored)) add('items', 'At least one item must be scored.')
  const range = totalRange(def)
  if (def.bands.length > 0) {
    const bands = [...def.bands].sort((a, b) => a.min - b.min)
    def.bands.forEach((b, i) => {
      if (b.min > b.max)
        add(`bands.${i}`, `Band "${b.label}" starts (${b.min}) after it ends (${b.max}).`)
    })
    if (bands[0]!.min !== range.min)
      add('bands', `The bands must start at the lowest possible total, ${range.min}.`)
    if (bands.at(-1)!.max !== range.max)
      add('bands', `The bands must end at the highest possible total, ${range.max}.`)
    for (let i = 1; i < bands.length; i++) {
      const prev = bands[i - 1]!
      const cur = bands[i]!
      if (cur.min <= prev.max) add('bands', `Bands "${prev.label}" and "${cur.label}" overlap.`)
      else if (cur.min > prev.max + 1)
        add(
          'bands',
          `No band covers ${prev.max + 1}–${cur.min - 1} (between "${prev.label}" and "${cur.label}").`
        )
    }
  }
  const checkRule = (name: 'positiveScreen' | 'safetyAlert', rule: Rule | undefined) => {
    if (!rule) return
    if (rule.totalAtLeast === undefined && rule.items.length === 0)
      add(name, 'A rule needs a total threshold or at least one item.')
    if (
      rule.totalAtLeast !== undefined &&
      (rule.totalAtLeast < range.min || rule.totalAtLeast > range.max)
    )
      add(`${name}.totalAtLeast`, `The threshold must lie between ${range.min} and ${range.max}.`)
    rule.items.forEach((r, i) => {
      const item = items.get(r.item)
      if (!item) return add(`${name}.items.${i}.item`, `There is no item "${r.item}".`)
      const values = item.options.map((o) => o.value)
      if (r.atLeast < Math.min(...values) || r.atLeast > Math.max(...values))
        add(`${name}.items.${i}.atLeast`, `Item "${r.item}" never reaches ${r.atLeast}.`)
    })
  }
  checkRule('positiveScreen', def.positiveScreen)
  checkRule('safetyAlert', def.safetyAlert)
  return problems
}

/**
 * Checks a definition in two steps: its shape, then (only when the shape is right) its internal consistency. Both
 * report every mistake with where it is, so a clinic can fix an import in one go.
 */
export function checkDefinition(
  input: unknown
): { ok: true; definition: InstrumentDefinition } | { ok: false; problems: string[] } {
  const parsed = InstrumentDefinition.safeParse(input)
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'definition'}: ${i.message}`),
    }
  const problems = definitionProblems(parsed.data)
  return problems.length === 0
    ? { ok: true, definition: parsed.data }
    : { ok: false, problems: problems.map((p) => `${p.path}: ${p.message}`) }
}

/** Parses a definition known to be right (the built-ins), failing loudly at load otherwise. */
export function definitionOrThrow(input: InstrumentDefinitionInput): InstrumentDefinition {
  const checked = checkDefinition(input)
  if (!checked.ok) throw new Error(`Instrument ${input.key}: ${checked.problems.join('; ')}`)
  return checked.definition
}

/** Answers by item id. */
export const Answers = z.record(z.string().check(z.maxLength(40)), z.number().check(z.int()))
export type Answers = z.infer<typeof Answers>
