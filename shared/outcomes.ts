// API payloads of outcome capture: questionnaires, scores, trends, safety alerts, the team dashboard.
import * as z from 'zod'
import { Id } from './ids'
import { Text } from './input'
import { Answers, Band, InstrumentDefinition } from './instruments'

export const RespondentRole = z.enum(['patient', 'partner'])
export type RespondentRole = z.infer<typeof RespondentRole>

export const ResponseStatus = z.enum(['open', 'submitted'])
export type ResponseStatus = z.infer<typeof ResponseStatus>

export const Questionnaire = z.object({
  responseId: Id,
  status: ResponseStatus,
  instrument: InstrumentDefinition,
  answers: Answers,
  submittedAt: z.iso.datetime().nullable(),
})
export type Questionnaire = z.infer<typeof Questionnaire>

export const MyQuestionnaires = z.object({
  questionnaires: z.array(Questionnaire),
  /** Present when a link to finish later was just issued; the secret is shown once and never stored in clear. */
  link: z.object({ secret: z.string(), expiresAt: z.iso.datetime() }).nullable(),
})
export type MyQuestionnaires = z.infer<typeof MyQuestionnaires>

export const SaveAnswersInput = z.object({ answers: Answers }).strict()
/** A client may send a total; it is accepted and ignored, because only the server scores. */
export const SubmitInput = z.object({ answers: Answers, total: z.unknown().optional() }).strict()
export type SubmitInput = z.infer<typeof SubmitInput>

export const ResponseParams = z.object({ responseId: Id })

export const Meaningful = z.enum(['improved', 'worsened'])

export const ScorePoint = z.object({
  scoreId: Id,
  responseId: Id,
  sessionId: z.nullable(Id),
  respondentRole: RespondentRole,
  at: z.iso.datetime(),
  total: z.number().int(),
  band: z.string().nullable(),
  positiveScreen: z.boolean(),
  safetyAlert: z.boolean(),
  delta: z.number().int().nullable(),
  meaningful: Meaningful.nullable(),
  response: z.boolean(),
  remission: z.boolean(),
})
export type ScorePoint = z.infer<typeof ScorePoint>

export const MeasureTrend = z.object({
  key: z.string(),
  title: z.string(),
  shortTitle: z.string(),
  min: z.number().int(),
  max: z.number().int(),
  higherIsWorse: z.boolean(),
  bands: z.array(Band),
  meaningfulPoints: z.number().nullable(),
  points: z.array(ScorePoint),
})
export type MeasureTrend = z.infer<typeof MeasureTrend>

export const SafetyAlert = z.object({
  id: Id,
  patientId: Id,
  patientName: z.string(),
  raisedAt: z.iso.datetime(),
  closedAt: z.iso.datetime().nullable(),
  closedByName: z.string().nullable(),
  closingNote: z.string().nullable(),
})
export type SafetyAlert = z.infer<typeof SafetyAlert>

export const CloseAlertInput = z
  .object({
    note: Text(2000).check(
      z.minLength(3, {
        message: 'Say what was done, for example "Called the patient; safety plan agreed".',
      })
    ),
  })
  .strict()

export const GoalRatingPoint = z.object({
  sessionId: Id,
  at: z.iso.datetime(),
  tScore: z.number().nullable(),
  ratings: z.array(z.object({ goalId: z.string(), goal: z.string(), rating: z.number().int() })),
})

export const PatientOutcomes = z.object({
  measures: z.array(MeasureTrend),
  goals: z.array(GoalRatingPoint),
  openAlerts: z.array(SafetyAlert),
})
export type PatientOutcomes = z.infer<typeof PatientOutcomes>

export const TeamDashboard = z.object({
  patients: z.number().int(),
  screened: z.number().int(),
  /** Median days from a positive screen to the next session with a specialist, over patients who had one. */
  medianDaysPositiveToSpecialist: z.number().nullable(),
  positiveScreens: z.number().int(),
  reachedSpecialist: z.number().int(),
  /** Patients with a baseline PHQ-9 or GAD-7 and a score 8–12 weeks later. */
  followedUp8to12Weeks: z.number().int(),
  improved8to12Weeks: z.number().int(),
  openSafetyAlerts: z.number().int(),
})
export type TeamDashboard = z.infer<typeof TeamDashboard>

export const InstrumentSummary = z.object({
  key: z.string(),
  version: z.number().int(),
  title: z.string(),
  builtIn: z.boolean(),
})
export type InstrumentSummary = z.infer<typeof InstrumentSummary>
