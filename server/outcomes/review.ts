// The clinicians' post-session form and the session summary: attendance, decisions, care-plan changes since the
// last version, goal attainment over the plan's goals and the measures answered for the session.
import { gasTScore } from '../../shared/scoring'
import type { SessionReview, SessionReviewInput, SessionSummary } from '../../shared/session-review'
import { SessionReviewInput as ReviewSchema } from '../../shared/session-review'
import * as attendance from '../attendance/service'
import * as audit from '../audit/service'
import { changesSinceLastVersion, currentPlan } from '../careplan/service'
import { latestVersion } from '../careplan/store'
import type { Queryable } from '../db/client'
import type { Deps } from '../deps'
import type { Actor } from '../identity/actor'
import { invalidInput, notFound } from '../http/errors'
import { findAccessible } from '../sessions/access'
import { definitionFor, offerableDefinition } from './instruments'
import * as store from './store'
import type { sessionReviews } from './tables'

const toReview = (r: typeof sessionReviews.$inferSelect): SessionReview => ({
  sessionId: r.sessionId,
  attendanceConfirmed: r.attendanceConfirmed,
  assessment: r.assessment,
  decisions: r.decisions,
  nextSteps: r.nextSteps,
  goalRatings: r.goalRatings,
  gasTScore: r.gasTScore,
  followUpOn: r.followUpOn,
  measuresDue: r.measuresDue,
  updatedAt: r.updatedAt.toISOString(),
})

/** Clinicians of the session (invited, or on the patient's care team) fill in the form; nobody else sees it. */
async function clinicianAccess(
  tx: Parameters<typeof findAccessible>[0],
  actor: Actor,
  sessionId: string
) {
  const access = await findAccessible(tx, actor, sessionId)
  if (!access || !access.isClinician || actor.kind !== 'clinician') throw notFound('session')
  return { access, clinician: actor }
}

export async function saveReview(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  raw: SessionReviewInput
) {
  const input = ReviewSchema.parse(raw)
  const now = deps.clock()
  return deps.db.transaction(async (tx) => {
    const { access, clinician } = await clinicianAccess(tx, actor, sessionId)
    const goals = (await currentPlan(tx, access.session.patientId)).goals
    const byId = new Map(goals.map((g) => [g.id, g]))
    const ratings = input.goalRatings.map((r) => {
      const goal = byId.get(r.goalId)
      if (!goal)
        throw invalidInput(
          `Goal ${r.goalId} is not in the patient's care plan. Reload and rate again.`
        )
      return { ...r, goal: goal.text }
    })
    for (const m of input.measuresDue)
      await offerableDefinition(tx, access.session.clinicId, m.instrumentKey)
    const row = {
      sessionId,
      attendanceConfirmed: input.attendanceConfirmed,
      assessment: input.assessment,
      decisions: input.decisions,
      nextSteps: input.nextSteps,
      goalRatings: ratings,
      gasTScore: ratings.length ? Math.round(gasTScore(ratings) * 10) / 10 : null,
      followUpOn: input.followUpOn,
      measuresDue: input.measuresDue,
      planVersion: (await latestVersion(tx, access.session.patientId))?.number ?? null,
      updatedBy: clinician.clinicianId,
      updatedAt: now,
    }
    await store.upsertReview(tx, row)
    await audit.record(tx, clinician, 'session_reviews.saved', {
      subjectKind: 'session',
      subjectId: sessionId,
      patientId: access.session.patientId,
      detail: { goalsRated: ratings.length },
    })
    await deps.events.publish(tx, { type: 'outcomes.changed', patientId: access.session.patientId })
    return toReview({ ...row, createdAt: now })
  })
}

async function titled<T extends { response: { instrumentKey: string; instrumentVersion: number } }>(
  tx: Queryable,
  clinicId: string,
  rows: T[]
) {
  const out = []
  for (const row of rows) {
    const { instrumentKey, instrumentVersion } = row.response
    const def = await definitionFor(tx, clinicId, instrumentKey, instrumentVersion)
    out.push({ ...row, title: def?.shortTitle ?? instrumentKey })
  }
  return out
}

export async function sessionSummary(
  deps: Deps,
  actor: Actor,
  sessionId: string
): Promise<SessionSummary> {
  const attended = await attendance.summary(deps, actor, sessionId)
  return deps.db.transaction(async (tx) => {
    const { access, clinician } = await clinicianAccess(tx, actor, sessionId)
    const patientId = access.session.patientId
    const [review, plan, planChanges, answered] = [
      await store.findReview(tx, sessionId),
      await currentPlan(tx, patientId),
      await changesSinceLastVersion(tx, patientId),
      await store.responsesOfSession(tx, sessionId),
    ]
    await audit.record(tx, clinician, 'session_summaries.viewed', {
      subjectKind: 'session',
      subjectId: sessionId,
      patientId,
    })
    return {
      sessionId,
      attendance: attended,
      review: review ? toReview(review) : null,
      goals: plan.goals.map((g) => ({ id: g.id, text: g.text, target: g.target })),
      planChanges,
      measures: (await titled(tx, access.session.clinicId, answered)).map(
        ({ response, score, title }) => ({
          instrument: title,
          respondentRole: response.respondentRole,
          status: response.status,
          total: score?.total ?? null,
          band: score?.band ?? null,
          meaningful: score?.meaningful ?? null,
        })
      ),
    }
  })
}
