// Safety alerts: the care team sees them live wherever they are signed in, and one of them closes each with a note.
import type { SafetyAlert } from '../../shared/outcomes'
import { requireClinician } from '../accounts/service'
import * as audit from '../audit/service'
import type { Deps } from '../deps'
import type { Actor } from '../identity/actor'
import { conflict, notFound } from '../http/errors'
import * as store from './store'

type AlertRow = Awaited<ReturnType<typeof store.openAlertsForClinician>>[number]

export const toAlert = (r: AlertRow): SafetyAlert => ({
  ...r,
  raisedAt: r.raisedAt.toISOString(),
  closedAt: r.closedAt?.toISOString() ?? null,
})

/** Open alerts of my patients, for the banner every signed-in page shows. */
export async function listOpen(deps: Deps, actor: Actor): Promise<SafetyAlert[]> {
  const clinician = requireClinician(actor)
  return deps.db.transaction(async (tx) => {
    const rows = await store.openAlertsForClinician(tx, clinician.clinicianId)
    if (rows.length > 0)
      await audit.record(tx, clinician, 'safety_alerts.viewed', { detail: { count: rows.length } })
    return rows.map(toAlert)
  })
}

export async function close(deps: Deps, actor: Actor, alertId: string, note: string) {
  const clinician = requireClinician(actor)
  const now = deps.clock()
  await deps.db.transaction(async (tx) => {
    const alert = await store.findAlertForClinician(tx, clinician.clinicianId, alertId)
    if (!alert) throw notFound('safety alert')
    if (alert.closedAt) throw conflict('Someone in the care team has already closed this alert.')
    await store.closeAlert(tx, alert.id, {
      closedAt: now,
      closedBy: clinician.clinicianId,
      closingNote: note,
    })
    await audit.record(tx, clinician, 'safety_alerts.closed', {
      subjectKind: 'safety_alert',
      subjectId: alert.id,
      patientId: alert.patientId,
    })
    await deps.events.publish(tx, {
      type: 'safety_alert.closed',
      patientId: alert.patientId,
      alertId: alert.id,
    })
  })
}

/** Whether a team event may go to this clinician: only when they are on the patient's care team, checked now. */
export const mayReceive = (deps: Deps, clinicianId: string, patientId: string) =>
  store.isOnCareTeam(deps.db, clinicianId, patientId)
