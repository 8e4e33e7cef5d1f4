// The scoring engine: pure functions over a definition and answers. The server scores with them; the web only
// uses them to show bands on charts, never to decide a total that is stored.
import type { Answers, Band, InstrumentDefinition, Rule } from './instruments'

export type Score = {
  total: number
  band: string | null
  positiveScreen: boolean
  safetyAlert: boolean
}

export type AnswerProblem = { item: string; message: string }

/**
 * Problems with a set of answers: unknown items, values that are not one of the item's options, and (when
 * `complete`) unanswered items. Progress saves check the first two; submission checks all three.
 */
export function answerProblems(
  def: InstrumentDefinition,
  answers: Answers,
  { complete }: { complete: boolean }
): AnswerProblem[] {
  const problems: AnswerProblem[] = []
  const byId = new Map(def.items.map((item, i) => [item.id, { item, n: i + 1 }]))
  for (const [id, value] of Object.entries(answers)) {
    const found = byId.get(id)
    if (!found) {
      problems.push({ item: id, message: `"${id}" is not a question of ${def.shortTitle}.` })
      continue
    }
    const values = found.item.options.map((o) => o.value)
    if (!values.includes(value))
      problems.push({
        item: id,
        message: `Question ${found.n} of ${def.shortTitle} takes one of ${values.join(', ')}, not ${value}.`,
      })
  }
  if (complete) {
    const missing = def.items.filter((item) => answers[item.id] === undefined)
    if (missing.length > 0)
      problems.push({
        item: missing[0]!.id,
        message: `Please answer every question of ${def.shortTitle}: question${missing.length > 1 ? 's' : ''} ${missing
          .map((m) => def.items.indexOf(m) + 1)
          .join(', ')} ${missing.length > 1 ? 'are' : 'is'} not answered yet.`,
      })
  }
  return problems
}

export function bandFor(bands: Band[], total: number): Band | undefined {
  return bands.find((b) => total >= b.min && total <= b.max)
}

function matches(rule: Rule | undefined, total: number, answers: Answers): boolean {
  if (!rule) return false
  if (rule.totalAtLeast !== undefined && total >= rule.totalAtLeast) return true
  return rule.items.some((r) => (answers[r.item] ?? -Infinity) >= r.atLeast)
}

/** Scores complete, valid answers (check them with answerProblems first). */
export function score(def: InstrumentDefinition, answers: Answers): Score {
  const total = def.items
    .filter((item) => item.scored)
    .reduce((sum, item) => sum + (answers[item.id] ?? 0), 0)
  return {
    total,
    band: bandFor(def.bands, total)?.label ?? null,
    positiveScreen: matches(def.positiveScreen, total, answers),
    safetyAlert: matches(def.safetyAlert, total, answers),
  }
}

export type Change = {
  previous: number
  delta: number
  /** A change of at least the instrument's meaningful points, in the better or the worse direction. */
  meaningful: 'improved' | 'worsened' | null
  /** Dropped by at least the response fraction of the previous total. */
  response: boolean
  /** Below the remission threshold after a previous total at or above it. */
  remission: boolean
}

/** Change against the previous total of the same instrument, or null when the instrument defines no rule. */
export function change(
  def: InstrumentDefinition,
  previous: number,
  current: number
): Change | null {
  const rule = def.meaningfulChange
  if (!rule) return null
  const delta = current - previous
  const better = def.higherIsWorse ? -delta : delta
  const meaningful = Math.abs(delta) >= rule.points ? (better > 0 ? 'improved' : 'worsened') : null
  const response =
    rule.responseFraction !== undefined &&
    def.higherIsWorse &&
    previous > 0 &&
    previous - current >= rule.responseFraction * previous
  const remission =
    rule.remissionBelow !== undefined &&
    previous >= rule.remissionBelow &&
    current < rule.remissionBelow
  return { previous, delta, meaningful, response, remission }
}

/** The correlation between goals the Kiresuk–Sherman formula assumes when none is measured. */
export const GAS_RHO = 0.3

/**
 * Goal attainment T-score: T = 50 + 10·Σwᵢxᵢ / √((1−ρ)Σwᵢ² + ρ(Σwᵢ)²). Each goal is rated −2…+2 against its
 * target (0 = target reached); 50 means goals were met as expected on average.
 */
export function gasTScore(goals: { rating: number; weight?: number }[], rho = GAS_RHO): number {
  if (goals.length === 0) throw new Error('Goal attainment needs at least one rated goal.')
  let weighted = 0
  let sumW = 0
  let sumW2 = 0
  for (const g of goals) {
    const w = g.weight ?? 1
    weighted += w * g.rating
    sumW += w
    sumW2 += w * w
  }
  return 50 + (10 * weighted) / Math.sqrt((1 - rho) * sumW2 + rho * sumW * sumW)
}
