// The consent state of one session, read in the caller's transaction: records, covers and each participant's gate.
// Admission, token issuance and every consent command decide from it.
import type { GateStatus } from '../../shared/consent'
import type { Tx } from '../db/client'
import * as sessionsStore from '../sessions/store'
import type { participants, sessions } from '../sessions/tables'
import { gate, ownDocumentFor } from './gate'
import * as store from './store'

type ParticipantRow = typeof participants.$inferSelect
type SessionRow = typeof sessions.$inferSelect

/** Everything the gate and the overview need about one session's consent, read in the caller's transaction. */
export async function consentState(tx: Tx, session: SessionRow) {
  const [people, records, covers, team] = await Promise.all([
    sessionsStore.listParticipants(tx, session.id),
    store.listActiveRecords(tx, session.id),
    store.listActiveCovers(tx, session.id),
    store.careTeamIds(tx, session.patientId),
  ])
  const patientKind = session.kind === 'joint_session' ? 'joint_session' : 'information_sharing'
  const patient = people.find((p) => p.role === 'patient')
  const patientConsentActive = records.some(
    (r) =>
      r.kind === patientKind &&
      (session.kind === 'case_conference' || r.givenByParticipantId === patient?.id)
  )
  const patientDeclined =
    !patientConsentActive &&
    session.kind === 'joint_session' &&
    patient !== undefined &&
    (await store.latestDecisionWasDeclined(tx, session.id, 'joint_session', patient.id))
  const presence = new Map<string, boolean>()
  const categories = new Map<string, string[]>()
  for (const c of covers) {
    if (c.category === null) presence.set(c.participantId, c.permitted)
    else if (c.permitted)
      categories.set(c.participantId, [...(categories.get(c.participantId) ?? []), c.category])
  }
  const onCareTeam = (p: ParticipantRow) => p.clinicianId !== null && team.has(p.clinicianId)
  const gates = new Map<string, GateStatus>()
  for (const p of people) {
    const own = ownDocumentFor(p.role, onCareTeam(p), session.kind)
    gates.set(
      p.id,
      gate({
        sessionKind: session.kind,
        role: p.role,
        onCareTeam: onCareTeam(p),
        patientConsentActive,
        patientDeclined,
        presence: presence.get(p.id),
        ownConsentActive:
          own !== null && records.some((r) => r.kind === own && r.givenByParticipantId === p.id),
      })
    )
  }
  return {
    people,
    records,
    presence,
    categories,
    gates,
    onCareTeam,
    patient,
    patientConsentActive,
    patientDeclined,
  }
}

/** The gate for one participant, for admission and token issuance. */
export async function gateFor(
  tx: Tx,
  session: SessionRow,
  participantId: string
): Promise<GateStatus> {
  return (
    (await consentState(tx, session)).gates.get(participantId) ?? {
      admissible: false,
      reasons: ['Unknown participant.'],
    }
  )
}
