// API payloads of outcome capture: questionnaires, scores, trends, safety alerts, the team dashboard.
import { Id } from './ids'
import { Answers, Band, InstrumentDefinition } from './instruments'
import { DueStatus, MeasureDue, ScreeningSuggestion } from './measures-due'
import { SafetyAlert } from './safety-alerts'
import { z } from './zod'

// The safety-alert schemas live apart so that the signed-in shell's alert banner loads only them.
export { CloseAlertInput, SafetyAlert } from './safety-alerts'

export const RespondentRole = z.enum(['patient', 'partner'])
export type RespondentRole = z.infer<typeof RespondentRole>

export const ResponseStatus = z.enum(['open', 'submitted'])
export type ResponseStatus = z.infer<typeof ResponseStatus>

export const Questionnaire = z.object({
  responseId: Id,
  status: ResponseStatus,
  instrument: InstrumentDefinition,
  answers: Answers,
  submittedAt: z.nullable(z.iso.datetime()),
})
export type Questionnaire = z.infer<typeof Questionnaire>

export const MyQuestionnaires = z.object({
  questionnaires: z.array(Questionnaire),
  /** Present when a link to finish later was just issued; the secret is shown once and never stored in clear. */
  link: z.nullable(z.object({ secret: z.string(), expiresAt: z.iso.datetime() })),
})
export type MyQuestionnaires = z.infer<typeof MyQuestionnaires>

export const SaveAnswersInput = z.strictObject({ answers: Answers })
/** A client may send a total; it is accepted and ignored, because only the server scores. */
export const SubmitInput = z.strictObject({ answers: Answers, total: z.optional(z.unknown()) })
export type SubmitInput = z.infer<typeof SubmitInput>

export const ResponseParams = z.object({ responseId: Id })

export const Meaningful = z.enum(['improved', 'worsened'])

export const ScorePoint = z.object({
  scoreId: Id,
  responseId: Id,
  sessionId: z.nullable(Id),
  respondentRole: RespondentRole,
  at: z.iso.datetime(),
  total: z.number().check(z.int()),
  band: z.nullable(z.string()),
  positiveScreen: z.boolean(),
  safetyAlert: z.boolean(),
  delta: z.nullable(z.number().check(z.int())),
  meaningful: z.nullable(Meaningful),
  response: z.boolean(),
  remission: z.boolean(),
})
export type ScorePoint = z.infer<typeof ScorePoint>

export const MeasureTrend = z.object({
  key: z.string(),
  title: z.string(),
  shortTitle: z.string(),
  min: z.number().check(z.int()),
  max: z.number().check(z.int()),
  higherIsWorse: z.boolean(),
  bands: z.array(Band),
  meaningfulPoints: z.nullable(z.number()),
  points: z.array(ScorePoint),
})
export type MeasureTrend = z.infer<typeof MeasureTrend>

export const GoalRatingPoint = z.object({
  sessionId: Id,
  at: z.iso.datetime(),
  tScore: z.nullable(z.number()),
  ratings: z.array(
    z.object({ goalId: z.string(), goal: z.string(), rating: z.number().check(z.int()) })
  ),
})

export const PatientOutcomes = z.object({
  measures: z.array(MeasureTrend),
  goals: z.array(GoalRatingPoint),
  openAlerts: z.array(SafetyAlert),
  /** The schedule from the post-session forms, with what is due, overdue, offered or answered. */
  due: z.array(MeasureDue),
  /** Positive screens not yet followed by the full measure (PHQ-2 → PHQ-9, GAD-2 → GAD-7). */
  suggestions: z.array(ScreeningSuggestion),
})
export type PatientOutcomes = z.infer<typeof PatientOutcomes>

export const TeamDashboard = z.object({
  patients: z.number().check(z.int()),
  screened: z.number().check(z.int()),
  /** Median days from a positive screen to the next session with a specialist, over patients who had one. */
  medianDaysPositiveToSpecialist: z.nullable(z.number()),
  positiveScreens: z.number().check(z.int()),
  reachedSpecialist: z.number().check(z.int()),
  /** Patients with a baseline PHQ-9 or GAD-7 and a score 8–12 weeks later. */
  followedUp8to12Weeks: z.number().check(z.int()),
  improved8to12Weeks: z.number().check(z.int()),
  openSafetyAlerts: z.number().check(z.int()),
  /** Measures due or overdue now, across the caseload, not yet answered. */
  measuresDue: z.array(
    z.object({
      patientId: Id,
      patientName: z.string(),
      instrumentKey: z.string(),
      title: z.string(),
      dueOn: z.string(),
      status: DueStatus,
      offered: z.boolean(),
    })
  ),
})
export type TeamDashboard = z.infer<typeof TeamDashboard>

export const InstrumentSummary = z.object({
  key: z.string(),
  version: z.number().check(z.int()),
  title: z.string(),
  builtIn: z.boolean(),
})
export type InstrumentSummary = z.infer<typeof InstrumentSummary>

/** A clinician offers questionnaires now (measures due, the intake screening, a clinic's own instruments). */
export const OfferQuestionnairesInput = z.strictObject({
  instrumentKeys: z
    .array(z.string().check(z.minLength(1), z.maxLength(40)))
    .check(
      z.minLength(1, { message: 'Choose at least one questionnaire to offer.' }),
      z.maxLength(10)
    ),
})
export type OfferQuestionnairesInput = z.infer<typeof OfferQuestionnairesInput>

export const QuestionnaireOffer = z.object({
  offered: z.array(z.object({ instrumentKey: z.string(), title: z.string(), dueOn: z.string() })),
  /** The patient's new private link; shown once, to be sent to them. Earlier links of theirs stop working. */
  link: z.object({ secret: z.string(), expiresAt: z.iso.datetime() }),
})
export type QuestionnaireOffer = z.infer<typeof QuestionnaireOffer>
