// The clinicians' post-session form and the session summary built from it.
import { AttendanceSummary } from './attendance'
import { ItemChange } from './careplan'
import { Id } from './ids'
import { CalendarDate, Text } from './input'
import { RespondentRole } from './outcomes'
import { z } from './zod'

export const GAS_RATINGS = [-2, -1, 0, 1, 2] as const
export const gasRatingLabel: Record<(typeof GAS_RATINGS)[number], string> = {
  [-2]: 'Much less than expected',
  [-1]: 'Somewhat less than expected',
  0: 'As expected (target reached)',
  1: 'Somewhat more than expected',
  2: 'Much more than expected',
}

const note = Text(4000)

export const SessionReviewInput = z.strictObject({
  attendanceConfirmed: z.boolean(),
  assessment: note,
  decisions: note,
  nextSteps: note,
  goalRatings: z
    .array(
      z.object({
        goalId: z.string().check(z.minLength(1), z.maxLength(64)),
        rating: z
          .number()
          .check(
            z.int(),
            z.gte(-2, { message: 'Rate each goal from −2 to +2.' }),
            z.lte(2, { message: 'Rate each goal from −2 to +2.' })
          ),
        weight: z._default(z.number().check(z.int(), z.gte(1), z.lte(10)), 1),
      })
    )
    .check(z.maxLength(50)),
  followUpOn: z.nullable(CalendarDate('Give the follow-up as a date.')),
  measuresDue: z
    .array(
      z.object({
        instrumentKey: z.string().check(z.minLength(1), z.maxLength(40)),
        dueOn: CalendarDate(),
      })
    )
    .check(z.maxLength(20)),
})
export type SessionReviewInput = z.input<typeof SessionReviewInput>

export const SessionReview = z.object({
  sessionId: Id,
  attendanceConfirmed: z.boolean(),
  assessment: z.string(),
  decisions: z.string(),
  nextSteps: z.string(),
  goalRatings: z.array(
    z.object({
      goalId: z.string(),
      goal: z.string(),
      rating: z.number().check(z.int()),
      weight: z.number().check(z.int()),
    })
  ),
  gasTScore: z.nullable(z.number()),
  followUpOn: z.nullable(z.string()),
  measuresDue: z.array(z.object({ instrumentKey: z.string(), dueOn: z.string() })),
  updatedAt: z.iso.datetime(),
})
export type SessionReview = z.infer<typeof SessionReview>

export const SummaryMeasure = z.object({
  instrument: z.string(),
  respondentRole: RespondentRole,
  status: z.enum(['open', 'submitted']),
  total: z.nullable(z.number().check(z.int())),
  band: z.nullable(z.string()),
  meaningful: z.nullable(z.string()),
})

export const SessionSummary = z.object({
  sessionId: Id,
  attendance: AttendanceSummary,
  review: z.nullable(SessionReview),
  /** The plan's goals, for rating them in the form. */
  goals: z.array(z.object({ id: z.string(), text: z.string(), target: z.string() })),
  planChanges: z.array(ItemChange),
  measures: z.array(SummaryMeasure),
})
export type SessionSummary = z.infer<typeof SessionSummary>
