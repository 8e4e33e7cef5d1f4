// Measures due: the schedule the clinicians set in their post-session forms, read against the scores since. "Due" is
// computed when read, from what is stored, so no job has to run for a measure to fall due (nothing to miss or
// double-run across app instances); offering it through the patient's link is the only write, made on request.
import { z } from './zod'

/** A score up to this many days before the due date answers the measure (answered early, in a session). */
export const ANSWERED_EARLY_DAYS = 7
/** A measure not answered this many days after its due date is overdue. */
export const OVERDUE_AFTER_DAYS = 7

export const DueStatus = z.enum(['upcoming', 'due', 'overdue', 'answered'])
export type DueStatus = z.infer<typeof DueStatus>

export const MeasureDue = z.object({
  instrumentKey: z.string(),
  title: z.string(),
  dueOn: z.string(),
  status: DueStatus,
  /** Offered through the patient's link and not answered yet. */
  offered: z.boolean(),
  answeredOn: z.nullable(z.string()),
})
export type MeasureDue = z.infer<typeof MeasureDue>

export type ScheduleEntry = { instrumentKey: string; dueOn: string; setAt: string }
export type ScoreSeen = { instrumentKey: string; scoredAt: string }

/** Calendar date (YYYY-MM-DD, UTC) shifted by whole days. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

export const dayOf = (at: Date | string) => new Date(at).toISOString().slice(0, 10)

/**
 * The current schedule: for each instrument, the due date from the latest session that set one (a later form
 * reschedules it), with its status against the patient's own scores and open questionnaires.
 */
export function measuresDue(
  schedule: ScheduleEntry[],
  scores: ScoreSeen[],
  open: ReadonlySet<string>,
  today: string
): Omit<MeasureDue, 'title'>[] {
  const latest = new Map<string, ScheduleEntry>()
  for (const entry of schedule) {
    const seen = latest.get(entry.instrumentKey)
    if (!seen || entry.setAt >= seen.setAt) latest.set(entry.instrumentKey, entry)
  }
  return [...latest.values()]
    .map((entry) => {
      const from = addDays(entry.dueOn, -ANSWERED_EARLY_DAYS)
      const answered = scores
        .filter((s) => s.instrumentKey === entry.instrumentKey && dayOf(s.scoredAt) >= from)
        .map((s) => dayOf(s.scoredAt))
        .sort()[0]
      const status: DueStatus = answered
        ? 'answered'
        : today < entry.dueOn
          ? 'upcoming'
          : today > addDays(entry.dueOn, OVERDUE_AFTER_DAYS)
            ? 'overdue'
            : 'due'
      return {
        instrumentKey: entry.instrumentKey,
        dueOn: entry.dueOn,
        status,
        offered: !answered && open.has(entry.instrumentKey),
        answeredOn: answered ?? null,
      }
    })
    .sort(
      (a, b) => a.dueOn.localeCompare(b.dueOn) || a.instrumentKey.localeCompare(b.instrumentKey)
    )
}

/** Due or overdue, not answered and not yet offered: what opening the patient's link offers them. */
export const toOffer = (due: Omit<MeasureDue, 'title'>[]) =>
  due.filter((d) => (d.status === 'due' || d.status === 'overdue') && !d.offered)

/** The screeners and what a positive one suggests next (DOMAIN.md: PHQ-2 / GAD-2 ≥ 3 is a positive screen). */
export const FOLLOW_UP_OF_SCREEN: Record<string, string> = { phq2: 'phq9', gad2: 'gad7' }
/** The intake screening: the "Identify" step of the INTEGRATE workflow. */
export const INTAKE_SCREENING = ['phq2', 'gad2', 'sexual_health'] as const

export const ScreeningSuggestion = z.object({
  screen: z.string(),
  screenTotal: z.number().check(z.int()),
  screenedOn: z.string(),
  suggest: z.string(),
})
export type ScreeningSuggestion = z.infer<typeof ScreeningSuggestion>

/**
 * A positive PHQ-2 or GAD-2 suggests the full PHQ-9 or GAD-7, until that full measure has been answered on or after
 * the day of the screen.
 */
export function screeningSuggestions(
  scores: (ScoreSeen & { total: number; positiveScreen: boolean })[]
): ScreeningSuggestion[] {
  const out: ScreeningSuggestion[] = []
  for (const [screen, suggest] of Object.entries(FOLLOW_UP_OF_SCREEN)) {
    const last = scores
      .filter((s) => s.instrumentKey === screen)
      .sort((a, b) => a.scoredAt.localeCompare(b.scoredAt))
      .at(-1)
    if (!last?.positiveScreen) continue
    const followed = scores.some(
      (s) => s.instrumentKey === suggest && dayOf(s.scoredAt) >= dayOf(last.scoredAt)
    )
    if (!followed)
      out.push({ screen, screenTotal: last.total, screenedOn: dayOf(last.scoredAt), suggest })
  }
  return out
}
