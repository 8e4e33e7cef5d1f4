// Sessions: scheduling and listing. Joining, the lobby and video come with the sessions issue (#4).
import type { SessionSummary } from '../../shared/sessions'
import { requireClinician } from '../accounts/service'
import type { Deps } from '../deps'
import type { Actor } from '../http/actor'
import * as store from './store'

export const toSessionSummary = (row: store.SessionSummaryRow): SessionSummary => ({
  ...row,
  startsAt: row.startsAt.toISOString(),
})

export async function listMySessions(deps: Deps, actor: Actor, scope: 'upcoming' | 'past'): Promise<SessionSummary[]> {
  const clinician = requireClinician(actor)
  const rows = await store.listForClinician(deps.db, clinician.clinicianId, scope, deps.clock())
  return rows.map(toSessionSummary)
}
