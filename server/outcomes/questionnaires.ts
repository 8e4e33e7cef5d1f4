// Patient and partner questionnaires: offered after the session, saved as the person goes, scored on submission
// by the server only. A PHQ-9 item 9 above 0 raises a safety alert in the same transaction as the score.
import { randomUUID } from 'node:crypto'
import type { ServerEvent } from '../../shared/events'
import type { Answers } from '../../shared/instruments'
import type { MyQuestionnaires, Questionnaire, SubmitInput } from '../../shared/outcomes'
import { answerProblems, change, score } from '../../shared/scoring'
import * as auditChain from '../audit/pipelined'
import * as audit from '../audit/service'
import type { Queryable } from '../db/client'
import { pipelinedTransaction } from '../db/pipelined'
import { notify } from '../realtime/events'
import type { Deps } from '../deps'
import { conflict, invalidInput, notAllowed, notFound } from '../http/errors'
import { offerDueTo } from './due'
import { builtinDefinition, definitionFor } from './instruments'
import { issueLink, respondentOfClaimant, type Respondent } from './respondents'
import * as store from './store'
import * as submission from './submission-store'

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
  const row = checkOpen(
    await store.findOwnResponse(tx, respondent.participantId, responseId, { lock: true })
  )
  const def = await definitionFor(tx, respondent.clinicId, row.instrumentKey, row.instrumentVersion)
  if (!def) throw notFound('questionnaire')
  return { row, def }
}

function checkOpen<Row extends { status: string }>(row: Row | undefined) {
  // Someone else's questionnaire answers exactly like one that does not exist.
  if (!row) throw notFound('questionnaire')
  if (row.status === 'submitted')
    throw conflict('This questionnaire was already sent. Thank you — there is nothing more to do.')
  return row
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

const changed = (patientId: string): ServerEvent => ({ type: 'outcomes.changed', patientId })

/**
 * Submission: the claim checked, the answers checked, scored and stored with the audit row (and any safety alert) in
 * one transaction, in two round trips (db/pipelined.ts): BEGIN, the claim with the locked read (the previous score,
 * the audit chain's lock) and the chain's head go together; then, once checked and scored in Node, the writes with
 * the audit row (one statement) and COMMIT go together. The claim is checked here rather than by the API's sign-in
 * middleware so that it travels with the first statements: a third round trip was ≈ 15 % of a submission's cost
 * (BENCHMARKS.md, outcomes).
 */
export async function submit(
  deps: Deps,
  claim: submission.RespondentClaim,
  responseId: string,
  input: SubmitInput
) {
  const now = deps.clock()
  let hinted = false
  const patientId = await pipelinedTransaction(deps.db, async (conn, commit) => {
    const [{ claimant, response }, head] = await Promise.all([
      submission.lockClaimedResponse(conn, claim, responseId, now),
      auditChain.readResponseChainHead(conn, responseId),
    ])
    const respondent = respondentOfClaimant(claim, claimant)
    const row = checkOpen(response)
    // A clinic's own definition comes with the locked read: no query outside this transaction while it holds a
    // connection (a pool of reserved connections each waiting for one more would wait forever).
    const def = builtinDefinition(row.instrumentKey, row.instrumentVersion) ?? row.customDefinition
    if (!def) throw notFound('questionnaire')
    refuseProblems(answerProblems(def, input.answers, { complete: true }))
    // input.total is deliberately unused: the server's score is the only one.
    const result = score(def, input.answers)
    const previousTotal = row.previousTotal
    const delta = previousTotal === null ? null : change(def, previousTotal, result.total)
    const scoreId = randomUUID()
    const submitted = audit.chainedRow(
      respondent.actor,
      'responses.submitted',
      {
        subjectKind: 'response',
        subjectId: row.id,
        patientId: row.patientId,
        detail: { instrument: def.key, scoreId },
      },
      head
    )
    // PHQ-9 item 9 above 0: an alert, its audit row next on the chain after the submission's (one round trip
    // more, for its seq, on this rare path) and its event, which commits with it: nobody is told of an alert that
    // was rolled back, or misses one.
    const alertId = result.safetyAlert ? randomUUID() : undefined
    const alertRow =
      alertId &&
      audit.chainedRow(
        { kind: 'system' },
        'safety_alerts.raised',
        {
          subjectKind: 'safety_alert',
          subjectId: alertId,
          patientId: row.patientId,
          detail: { instrument: def.key, responseId: row.id },
        },
        await auditChain.nextHead(conn, submitted)
      )
    await Promise.all([
      submission.storeSubmission(conn, {
        responseId: row.id,
        answers: input.answers,
        at: now,
        score: {
          id: scoreId,
          total: result.total,
          band: result.band ?? null,
          positiveScreen: result.positiveScreen,
          safetyAlert: result.safetyAlert,
          previousTotal,
          delta: previousTotal === null ? null : result.total - previousTotal,
          meaningful: delta?.meaningful ?? null,
          isResponse: delta?.response ?? false,
          remission: delta?.remission ?? false,
        },
        audit: submitted,
      }),
      alertId &&
        submission.insertAlert(conn, {
          id: alertId,
          clinicId: respondent.clinicId,
          patientId: row.patientId,
          responseId: row.id,
          raisedAt: now,
        }),
      alertId &&
        notify(conn, {
          type: 'safety_alert.raised',
          patientId: row.patientId,
          alertId,
        }),
      alertRow && auditChain.append(conn, alertRow),
      commit(),
      // The refresh hint for open pages (realtime/hints.ts), when it is this patient's first change for a while:
      // right after COMMIT in the same write, outside the transaction (a transaction that NOTIFYs holds
      // PostgreSQL's one notify lock through its commit; BENCHMARKS.md, outcomes). Should the commit fail, open
      // pages refetch and find nothing new. Otherwise it is folded into the one sent when the window closes.
      (hinted = deps.events.hints.claim(row.patientId)) &&
        notify(conn, changed(row.patientId)).catch(() =>
          deps.log.warn('outcomes.changed not published')
        ),
    ])
    return row.patientId
  })
  if (!hinted) deps.events.hints.fold(patientId, changed(patientId))
  return { submittedAt: now.toISOString() }
}
