// The consent state of one session, read in the caller's transaction: records, covers and each participant's gate.
// Admission, token issuance and every consent command decide from it.
import type { GateStatus } from '../../shared/consent'
import type { Tx } from '../db/client'
import * as sessionsStore from '../sessions/store'
import type { participants, sessions } from '../sessions/tables'
import type { consentCovers, consentRecords } from './tables'
import { gate, ownDocumentFor } from './gate'
import * as store from './store'

type ParticipantRow = typeof participants.$inferSelect
type SessionRow = typeof sessions.$inferSelect
type ConsentRecordRow = typeof consentRecords.$inferSelect
type ConsentCoverRow = typeof consentCovers.$inferSelect

/** Everything the gate and the overview need about one session's consent, read in the caller's transaction. */
export async function consentState(tx: Tx, session: SessionRow) {
  const [people, records, covers, team] = await Promise.all([
    sessionsStore.listParticipants(tx, session.id),
    store.listActiveRecords(tx, session.id),
    store.listActiveCovers(tx, session.id),
    store.careTeamIds(tx, session.patientId),
  ])
  return decideConsent(session, { people, records, covers, team }, (patientId) =>
    store.latestDecisionWasDeclined(tx, session.id, 'joint_session', patientId)
  )
}

/** The parts of the session's rows that consent is decided from (a pipelined read fetches only these). */
export type ConsentFacts<P extends PersonFacts, R extends RecordFacts> = {
  /** The session's participants, in listParticipants' order. */
  people: P[]
  /** Its active (given, not withdrawn) consent records. */
  records: R[]
  /** Its active (not withdrawn) covers. */
  covers: CoverFacts[]
  /** The patient's care team, by clinician id. */
  team: Set<string>
}
type PersonFacts = Pick<ParticipantRow, 'id' | 'role' | 'clinicianId'>
type RecordFacts = Pick<ConsentRecordRow, 'kind' | 'givenByParticipantId'>
type CoverFacts = Pick<ConsentCoverRow, 'participantId' | 'category' | 'permitted'>

/**
 * The consent state from the session's facts. `patientDeclined` is asked only when a joint session's patient has no
 * active consent: whether their latest answer was "I do not agree".
 */
export async function decideConsent<P extends PersonFacts, R extends RecordFacts>(
  session: Pick<SessionRow, 'kind'>,
  { people, records, covers, team }: ConsentFacts<P, R>,
  patientDeclinedLatest: (patientId: string) => boolean | Promise<boolean>
) {
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
    (await patientDeclinedLatest(patient.id))
  const presence = new Map<string, boolean>()
  const categories = new Map<string, string[]>()
  for (const c of covers) {
    if (c.category === null) presence.set(c.participantId, c.permitted)
    else if (c.permitted)
      categories.set(c.participantId, [...(categories.get(c.participantId) ?? []), c.category])
  }
  const onCareTeam = (p: PersonFacts) => p.clinicianId !== null && team.has(p.clinicianId)
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

/** A participant's gate from the consent state; unknown people are never admissible. */
export const gateOf = (gates: Map<string, GateStatus>, participantId: string): GateStatus =>
  gates.get(participantId) ?? { admissible: false, reasons: ['Unknown participant.'] }

/** The gate for one participant, for admission and token issuance. */
export async function gateFor(
  tx: Tx,
  session: SessionRow,
  participantId: string
): Promise<GateStatus> {
  return gateOf((await consentState(tx, session)).gates, participantId)
}
