// Patient and partner questionnaires: offered after the session, saved as the person goes, scored on submission
// by the server only. A PHQ-9 item 9 above 0 raises a safety alert in the same transaction as the score.
import { randomUUID } from 'node:crypto'
import type { Answers } from '../../shared/instruments'
import type { MyQuestionnaires, Questionnaire, SubmitInput } from '../../shared/outcomes'
import { answerProblems, change, score } from '../../shared/scoring'
import * as audit from '../audit/service'
import type { Queryable } from '../db/client'
import type { Deps } from '../deps'
import { conflict, invalidInput, notAllowed, notFound } from '../http/errors'
import { offerDueTo } from './due'
import { definitionFor } from './instruments'
import { issueLink, type Respondent } from './respondents'
import * as store from './store'

/** What each respondent is offered after a session. Partners answer about the session only. */
export const OFFERED = {
  patient: ['phq9', 'gad7', 'session_satisfaction'],
  partner: ['session_satisfaction'],
}

async function toQuestionnaires(
  db: Queryable,
  respondent: Respondent,
  rows: store.ResponseRow[]
): Promise<Questionnaire[]> {
  const out: Questionnaire[] = []
  // In the order offered (PHQ-9 before GAD-7 before satisfaction), others after them.
  const rank = (key: string) => {
    const i = OFFERED.patient.indexOf(key)
    return i < 0 ? OFFERED.patient.length : i
  }
  const ordered = [...rows].sort((a, b) => rank(a.instrumentKey) - rank(b.instrumentKey))
  for (const row of ordered) {
    const instrument = await definitionFor(
      db,
      respondent.clinicId,
      row.instrumentKey,
      row.instrumentVersion
    )
    if (!instrument) continue
    out.push({
      responseId: row.id,
      status: row.status,
      instrument,
      answers: row.answers,
      submittedAt: row.submittedAt?.toISOString() ?? null,
    })
  }
  return out
}

/** Straight after leaving: creates this person's questionnaires (once) and a link to finish them later. */
export async function offer(
  deps: Deps,
  respondent: Respondent,
  sessionId: string
): Promise<MyQuestionnaires> {
  if (respondent.sessionId !== sessionId)
    throw notAllowed('You can only answer the questionnaires of your own session.')
  const now = deps.clock()
  return deps.db.transaction(async (tx) => {
    await store.insertResponses(
      tx,
      OFFERED[respondent.role].map((key) => ({
        patientId: respondent.patientId,
        sessionId,
        participantId: respondent.participantId,
        respondentRole: respondent.role,
        instrumentKey: key,
        instrumentVersion: 1,
      }))
    )
    const link = await issueLink(tx, respondent.participantId, now)
    await audit.record(tx, respondent.actor, 'questionnaires.offered', {
      subjectKind: 'participant',
      subjectId: respondent.participantId,
      patientId: respondent.patientId,
      detail: { sessionId },
    })
    const rows = await store.listResponsesOf(tx, respondent.participantId)
    return {
      questionnaires: await toQuestionnaires(tx, respondent, rows),
      link: { secret: link.secret, expiresAt: link.expiresAt.toISOString() },
    }
  })
}

export async function listMine(deps: Deps, respondent: Respondent): Promise<MyQuestionnaires> {
  return deps.db.transaction(async (tx) => {
    await offerDueTo(tx, respondent, deps.clock())
    const rows = await store.listResponsesOf(tx, respondent.participantId)
    await audit.record(tx, respondent.actor, 'questionnaires.viewed', {
      subjectKind: 'participant',
      subjectId: respondent.participantId,
      patientId: respondent.patientId,
    })
    return { questionnaires: await toQuestionnaires(tx, respondent, rows), link: null }
  })
}

async function openResponse(tx: Queryable, respondent: Respondent, responseId: string) {
  const row = await store.findOwnResponse(tx, respondent.participantId, responseId, { lock: true })
  return checkOpen(tx, respondent, row)
}

async function checkOpen(
  tx: Queryable,
  respondent: Respondent,
  row: store.ResponseRow | undefined
) {
  // Someone else's questionnaire answers exactly like one that does not exist.
  if (!row) throw notFound('questionnaire')
  if (row.status === 'submitted')
    throw conflict('This questionnaire was already sent. Thank you — there is nothing more to do.')
  const def = await definitionFor(tx, respondent.clinicId, row.instrumentKey, row.instrumentVersion)
  if (!def) throw notFound('questionnaire')
  return { row, def }
}

function refuseProblems(problems: { message: string }[]) {
  if (problems.length > 0) throw invalidInput(problems.map((p) => p.message).join(' '))
}

/** Progress: the answers so far replace the saved ones, so a person can change an answer before sending. */
export async function saveProgress(
  deps: Deps,
  respondent: Respondent,
  responseId: string,
  answers: Answers
) {
  await deps.db.transaction(async (tx) => {
    const { row, def } = await openResponse(tx, respondent, responseId)
    refuseProblems(answerProblems(def, answers, { complete: false }))
    await store.saveAnswers(tx, row.id, answers, deps.clock())
    await audit.record(tx, respondent.actor, 'responses.progress_saved', {
      subjectKind: 'response',
      subjectId: row.id,
      patientId: respondent.patientId,
      detail: { instrument: def.key, answered: Object.keys(answers).length },
    })
  })
}

/**
 * Submission: checked, scored and stored with its audit row (and any safety alert) in one transaction, in three
 * round trips: the locked read (with the previous score), then the writes and the audit append sent together
 * (postgres.js pipelines a transaction's concurrent statements; PostgreSQL runs them in order), then the audit row.
 */
export async function submit(
  deps: Deps,
  respondent: Respondent,
  responseId: string,
  input: SubmitInput
) {
  const now = deps.clock()
  const patientId = await deps.db.transaction(async (tx) => {
    const found = await store.findOwnResponseForSubmission(
      tx,
      respondent.participantId,
      responseId,
      now
    )
    const { row, def } = await checkOpen(tx, respondent, found?.response)
    refuseProblems(answerProblems(def, input.answers, { complete: true }))
    // input.total is deliberately unused: the server's score is the only one.
    const result = score(def, input.answers)
    const previousTotal = found?.previousTotal ?? null
    const delta = previousTotal === null ? null : change(def, previousTotal, result.total)
    const scoreId = randomUUID()
    const alertId = result.safetyAlert ? randomUUID() : undefined
    await Promise.all([
      store.markSubmitted(tx, row.id, input.answers, now),
      store.insertScore(tx, {
        id: scoreId,
        responseId: row.id,
        patientId: row.patientId,
        respondentRole: row.respondentRole,
        instrumentKey: def.key,
        total: result.total,
        band: result.band,
        positiveScreen: result.positiveScreen,
        safetyAlert: result.safetyAlert,
        previousTotal,
        delta: previousTotal === null ? null : result.total - previousTotal,
        meaningful: delta?.meaningful ?? null,
        isResponse: delta?.response ?? false,
        remission: delta?.remission ?? false,
        scoredAt: now,
      }),
      alertId &&
        store.insertAlert(tx, {
          id: alertId,
          clinicId: respondent.clinicId,
          patientId: row.patientId,
          responseId: row.id,
          raisedAt: now,
        }),
      // The alert's event commits with it: nobody is told of an alert that was rolled back, or misses one.
      alertId &&
        deps.events.publish(tx, {
          type: 'safety_alert.raised',
          patientId: row.patientId,
          alertId,
        }),
      audit.record(tx, respondent.actor, 'responses.submitted', {
        subjectKind: 'response',
        subjectId: row.id,
        patientId: row.patientId,
        detail: { instrument: def.key, scoreId },
      }),
    ])
    // Same chain as the row above, so after it, not beside it.
    if (alertId)
      await audit.record(tx, { kind: 'system' }, 'safety_alerts.raised', {
        subjectKind: 'safety_alert',
        subjectId: alertId,
        patientId: row.patientId,
        detail: { instrument: def.key, responseId: row.id },
      })
    return row.patientId
  })
  // A refresh hint, sent after commit: a transaction that NOTIFYs holds PostgreSQL's one notify lock through its
  // commit, so every submission used to queue there (BENCHMARKS.md, outcomes). Lost only if this process dies
  // between commit and this line; open pages then show the new score on their next load.
  void deps.events
    .publish(deps.db, { type: 'outcomes.changed', patientId })
    .catch(() => deps.log.warn('outcomes.changed not published'))
  return { submittedAt: now.toISOString() }
}
