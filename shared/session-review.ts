// The clinicians' post-session form and the session summary built from it.
import * as z from 'zod'
import { AttendanceSummary } from './attendance'
import { ItemChange } from './careplan'
import { Id } from './ids'
import { CalendarDate, Text } from './input'
import { RespondentRole } from './outcomes'

export const GAS_RATINGS = [-2, -1, 0, 1, 2] as const
export const gasRatingLabel: Record<(typeof GAS_RATINGS)[number], string> = {
  [-2]: 'Much less than expected',
  [-1]: 'Somewhat less than expected',
  0: 'As expected (target reached)',
  1: 'Somewhat more than expected',
  2: 'Much more than expected',
}

const note = Text(4000)

export const SessionReviewInput = z
  .object({
    attendanceConfirmed: z.boolean(),
    assessment: note,
    decisions: note,
    nextSteps: note,
    goalRatings: z
      .array(
        z.object({
          goalId: z.string().min(1).max(64),
          rating: z
            .number()
            .int()
            .min(-2, { message: 'Rate each goal from −2 to +2.' })
            .max(2, { message: 'Rate each goal from −2 to +2.' }),
          weight: z.number().int().min(1).max(10).default(1),
        })
      )
      .max(50),
    followUpOn: z.nullable(CalendarDate('Give the follow-up as a date.')),
    measuresDue: z
      .array(z.object({ instrumentKey: z.string().min(1).max(40), dueOn: CalendarDate() }))
      .max(20),
  })
  .strict()
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
      rating: z.number().int(),
      weight: z.number().int(),
    })
  ),
  gasTScore: z.number().nullable(),
  followUpOn: z.string().nullable(),
  measuresDue: z.array(z.object({ instrumentKey: z.string(), dueOn: z.string() })),
  updatedAt: z.iso.datetime(),
})
export type SessionReview = z.infer<typeof SessionReview>

export const SummaryMeasure = z.object({
  instrument: z.string(),
  respondentRole: RespondentRole,
  status: z.enum(['open', 'submitted']),
  total: z.number().int().nullable(),
  band: z.string().nullable(),
  meaningful: z.string().nullable(),
})

export const SessionSummary = z.object({
  sessionId: Id,
  attendance: AttendanceSummary,
  review: SessionReview.nullable(),
  /** The plan's goals, for rating them in the form. */
  goals: z.array(z.object({ id: z.string(), text: z.string(), target: z.string() })),
  planChanges: z.array(ItemChange),
  measures: z.array(SummaryMeasure),
})
export type SessionSummary = z.infer<typeof SessionSummary>
