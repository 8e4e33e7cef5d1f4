// Measures due and questionnaires offered between sessions. "Due" is computed on read from the post-session forms'
// schedule and the scores since (shared/measures-due.ts): no periodic job, so nothing can be missed or run twice
// across app instances. A due measure becomes a questionnaire when the patient opens their link, or when a
// clinician offers it (which issues the patient a new link to send them).
import {
  dayOf,
  measuresDue,
  screeningSuggestions,
  toOffer,
  type MeasureDue,
  type ScreeningSuggestion,
} from '../../shared/measures-due'
import type { OfferQuestionnairesInput, QuestionnaireOffer } from '../../shared/outcomes'
import { requireClinician } from '../accounts/service'
import * as audit from '../audit/service'
import type { Queryable } from '../db/client'
import type { Deps } from '../deps'
import type { Actor } from '../identity/actor'
import { conflict, notFound } from '../http/errors'
import * as patientsStore from '../patients/store'
import * as dueStore from './due-store'
import { latestDefinition, offerableDefinition } from './instruments'
import { issueLink, type Respondent } from './respondents'
import * as store from './store'

type Due = Omit<MeasureDue, 'title'>

/** Each patient's schedule read against their scores and open questionnaires, on `today`. */
export async function dueOfPatients(db: Queryable, patientIds: string[], today: string) {
  const [schedules, scores, open] = [
    await dueStore.schedulesOf(db, patientIds),
    await dueStore.patientScoresOf(db, patientIds),
    await dueStore.openInstrumentsOf(db, patientIds),
  ]
  const result = new Map<string, Due[]>()
  for (const patientId of patientIds) {
    const schedule = schedules
      .filter((s) => s.patientId === patientId)
      .flatMap((s) => s.measuresDue.map((m) => ({ ...m, setAt: s.setAt.toISOString() })))
    if (schedule.length === 0) continue
    const seen = scores
      .filter((s) => s.patientId === patientId)
      .map((s) => ({ instrumentKey: s.instrumentKey, scoredAt: s.scoredAt.toISOString() }))
    const openKeys = new Set(
      open.filter((o) => o.patientId === patientId).map((o) => o.instrumentKey)
    )
    result.set(patientId, measuresDue(schedule, seen, openKeys, today))
  }
  return result
}

export async function withTitles(db: Queryable, clinicId: string, due: Due[]) {
  const out: MeasureDue[] = []
  for (const d of due) {
    const def = await latestDefinition(db, clinicId, d.instrumentKey)
    out.push({ ...d, title: def?.shortTitle ?? d.instrumentKey })
  }
  return out
}

/** For the patient's page and the next session's side panel: the schedule and the screening suggestions. */
export async function dueAndSuggestions(
  db: Queryable,
  clinicId: string,
  patientId: string,
  today: string
): Promise<{ due: MeasureDue[]; suggestions: ScreeningSuggestion[] }> {
  const due = (await dueOfPatients(db, [patientId], today)).get(patientId) ?? []
  const scores = await dueStore.patientScoresOf(db, [patientId])
  return {
    due: await withTitles(db, clinicId, due),
    suggestions: screeningSuggestions(
      scores.map((s) => ({ ...s, scoredAt: s.scoredAt.toISOString() }))
    ),
  }
}

/**
 * When a patient opens their link (or lists their questionnaires): measures that have fallen due become
 * questionnaires for them, once each. Partners answer no measures due: none of them applies to a partner.
 */
export async function offerDueTo(tx: Queryable, respondent: Respondent, now: Date) {
  if (respondent.role !== 'patient') return
  await dueStore.claimOpenDue(tx, respondent.patientId, respondent.participantId)
  const due = (await dueOfPatients(tx, [respondent.patientId], dayOf(now))).get(
    respondent.patientId
  )
  const offer = toOffer(due ?? [])
  if (offer.length === 0) return
  const rows = []
  for (const d of offer) {
    const def = await latestDefinition(tx, respondent.clinicId, d.instrumentKey)
    if (def)
      rows.push({
        patientId: respondent.patientId,
        sessionId: null,
        participantId: respondent.participantId,
        respondentRole: respondent.role,
        instrumentKey: def.key,
        instrumentVersion: def.version,
        dueOn: d.dueOn,
      })
  }
  await store.insertResponses(tx, rows)
  await audit.record(tx, respondent.actor, 'questionnaires.offered', {
    subjectKind: 'participant',
    subjectId: respondent.participantId,
    patientId: respondent.patientId,
    detail: { instruments: rows.map((r) => r.instrumentKey), due: true },
  })
}

/**
 * A clinician of the care team offers questionnaires now: measures due, the intake screening, the clinic's own
 * instruments. They go to the patient's newest link, which is issued afresh for the clinician to send.
 */
export async function offerQuestionnaires(
  deps: Deps,
  actor: Actor,
  patientId: string,
  input: OfferQuestionnairesInput
): Promise<QuestionnaireOffer> {
  const clinician = requireClinician(actor)
  const now = deps.clock()
  const today = dayOf(now)
  const result = await deps.db.transaction(async (tx) => {
    const patient = await patientsStore.findVisible(tx, clinician, patientId)
    if (!patient) throw notFound('patient')
    const keys = [...new Set(input.instrumentKeys)]
    const defs = []
    for (const key of keys) defs.push(await offerableDefinition(tx, patient.clinicId, key))
    const place = await dueStore.findLatestPatientParticipant(tx, patientId)
    if (!place)
      throw conflict(
        `${patient.displayName} has no personal link yet. Schedule a session with them as a participant first.`
      )
    await dueStore.claimOpenDue(tx, patientId, place.participantId)
    const due = (await dueOfPatients(tx, [patientId], today)).get(patientId) ?? []
    // Open ones the new link reaches (measures due follow the patient; a session's stay with that session's place).
    const open = new Set(
      (await dueStore.openInstrumentsOf(tx, [patientId]))
        .filter((o) => o.dueOn !== null || o.participantId === place.participantId)
        .map((o) => o.instrumentKey)
    )
    // An outstanding measure due keeps its date; anything else is offered for today.
    const dueOn = (key: string) =>
      due.find((d) => d.instrumentKey === key && d.status !== 'answered')?.dueOn ?? today
    const rows = defs
      .filter((def) => !open.has(def.key))
      .map((def) => ({
        patientId,
        sessionId: null,
        participantId: place.participantId,
        respondentRole: 'patient' as const,
        instrumentKey: def.key,
        instrumentVersion: def.version,
        dueOn: dueOn(def.key),
      }))
    await store.insertResponses(tx, rows)
    const link = await issueLink(tx, place.participantId, now)
    await audit.record(tx, clinician, 'questionnaires.offered', {
      subjectKind: 'participant',
      subjectId: place.participantId,
      patientId,
      detail: { instruments: keys },
    })
    await deps.events.publish(tx, { type: 'outcomes.changed', patientId })
    return {
      offered: defs.map((def) => ({
        instrumentKey: def.key,
        title: def.shortTitle,
        dueOn: dueOn(def.key),
      })),
      link: { secret: link.secret, expiresAt: link.expiresAt.toISOString() },
    }
  })
  return result
}
