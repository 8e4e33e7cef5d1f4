import { query } from '@solidjs/router'
import * as z from 'zod/mini'
import type { Id } from '../../../shared/ids'
import type { Answers } from '../../../shared/instruments'
import {
  InstrumentSummary,
  MyQuestionnaires,
  PatientOutcomes,
  QuestionnaireOffer,
  TeamDashboard,
} from '../../../shared/outcomes'
import {
  SessionReview,
  SessionSummary,
  type SessionReviewInput,
} from '../../../shared/session-review'
import { call, NoContent } from '../lib/api'

/** How a link holder is recognised: their guest session (no secret) or their questionnaire link's secret. */
export type RespondentAuth = { linkSecret?: string }
const bearer = (auth: RespondentAuth): Record<string, string> =>
  auth.linkSecret ? { authorization: `Bearer ${auth.linkSecret}` } : {}

export const offerQuestionnaires = (sessionId: Id) =>
  call('POST', `/sessions/${encodeURIComponent(sessionId)}/questionnaires`, MyQuestionnaires)

export const listMyQuestionnaires = (auth: RespondentAuth) =>
  call('GET', '/questionnaires', MyQuestionnaires, undefined, bearer(auth))

export const saveAnswers = (auth: RespondentAuth, responseId: Id, answers: Answers) =>
  call(
    'PUT',
    `/questionnaires/${encodeURIComponent(responseId)}/answers`,
    NoContent,
    { answers },
    bearer(auth)
  )

export const submitAnswers = (auth: RespondentAuth, responseId: Id, answers: Answers) =>
  call(
    'POST',
    `/questionnaires/${encodeURIComponent(responseId)}/submission`,
    z.object({ submittedAt: z.string() }),
    { answers },
    bearer(auth)
  )

export const getPatientOutcomes = query(
  (patientId: Id) =>
    call('GET', `/patients/${encodeURIComponent(patientId)}/outcomes`, PatientOutcomes),
  'patient-outcomes'
)

export const getDashboard = query(
  () => call('GET', '/outcomes/dashboard', TeamDashboard),
  'outcomes-dashboard'
)

export const getSessionSummary = query(
  (sessionId: Id) =>
    call('GET', `/sessions/${encodeURIComponent(sessionId)}/summary`, SessionSummary),
  'session-summary'
)

export const saveReview = (sessionId: Id, input: SessionReviewInput) =>
  call('PUT', `/sessions/${encodeURIComponent(sessionId)}/review`, SessionReview, input)

/** Every instrument the clinic can offer, one entry per instrument (its newest version). */
export const listInstruments = query(async () => {
  const all = await call('GET', '/instruments', z.array(InstrumentSummary))
  const newest = new Map<string, InstrumentSummary>()
  for (const i of all) if ((newest.get(i.key)?.version ?? 0) < i.version) newest.set(i.key, i)
  return [...newest.values()]
}, 'instruments')

export const offerToPatient = (patientId: Id, instrumentKeys: string[]) =>
  call(
    'POST',
    `/patients/${encodeURIComponent(patientId)}/questionnaire-offers`,
    QuestionnaireOffer,
    { instrumentKeys }
  )
