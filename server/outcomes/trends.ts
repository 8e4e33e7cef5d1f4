// A patient's measures over time, with bands and meaningful-change markers, goal progress and open alerts.
import { totalRange } from '../../shared/instruments'
import { dayOf } from '../../shared/measures-due'
import type { MeasureTrend, PatientOutcomes, ScorePoint } from '../../shared/outcomes'
import { Meaningful } from '../../shared/outcomes'
import { requireClinician } from '../accounts/service'
import * as audit from '../audit/service'
import type { Deps } from '../deps'
import type { Actor } from '../identity/actor'
import { notFound } from '../http/errors'
import * as patientsStore from '../patients/store'
import { toAlert } from './alerts'
import { dueAndSuggestions } from './due'
import { latestDefinition } from './instruments'
import * as store from './store'

export async function patientOutcomes(
  deps: Deps,
  actor: Actor,
  patientId: string
): Promise<PatientOutcomes> {
  const clinician = requireClinician(actor)
  return deps.db.transaction(async (tx) => {
    const patient = await patientsStore.findVisible(tx, clinician, patientId)
    if (!patient) throw notFound('patient')
    const rows = await store.scoresOfPatient(tx, patientId)
    const measures = new Map<string, MeasureTrend>()
    for (const { score, sessionId } of rows) {
      let trend = measures.get(score.instrumentKey)
      if (!trend) {
        const def = await latestDefinition(tx, patient.clinicId, score.instrumentKey)
        if (!def) continue
        const range = totalRange(def)
        trend = {
          key: def.key,
          title: def.title,
          shortTitle: def.shortTitle,
          min: range.min,
          max: range.max,
          higherIsWorse: def.higherIsWorse,
          bands: def.bands,
          meaningfulPoints: def.meaningfulChange?.points ?? null,
          points: [],
        }
        measures.set(score.instrumentKey, trend)
      }
      const meaningful = Meaningful.safeParse(score.meaningful)
      trend.points.push({
        scoreId: score.id,
        responseId: score.responseId,
        sessionId,
        respondentRole: score.respondentRole,
        at: score.scoredAt.toISOString(),
        total: score.total,
        band: score.band,
        positiveScreen: score.positiveScreen,
        safetyAlert: score.safetyAlert,
        delta: score.delta,
        meaningful: meaningful.success ? meaningful.data : null,
        response: score.isResponse,
        remission: score.remission,
      } satisfies ScorePoint)
    }
    const reviews = await store.reviewsOfPatient(tx, patientId)
    const alerts = await store.openAlertsForClinician(tx, clinician.clinicianId, patientId)
    const { due, suggestions } = await dueAndSuggestions(
      tx,
      patient.clinicId,
      patientId,
      dayOf(deps.clock())
    )
    await audit.record(tx, clinician, 'outcomes.viewed', {
      subjectKind: 'patient',
      subjectId: patientId,
      patientId,
    })
    return {
      measures: [...measures.values()],
      goals: reviews
        .filter((r) => r.review.goalRatings.length > 0)
        .map((r) => ({
          sessionId: r.review.sessionId,
          at: r.startsAt.toISOString(),
          tScore: r.review.gasTScore,
          ratings: r.review.goalRatings.map(({ goalId, goal, rating }) => ({
            goalId,
            goal,
            rating,
          })),
        })),
      openAlerts: alerts.map(toAlert),
      due,
      suggestions,
    }
  })
}
