// The consent gate: whether the consent covering a participant is active. Pure, so every rule is unit-tested.
import type { GateStatus } from '../../shared/consent'
import type { Role, SessionKind } from '../../shared/enums'

export type GateFacts = {
  sessionKind: SessionKind
  role: Role
  /** On the patient's care team (clinicians outside it acknowledge confidentiality first). */
  onCareTeam: boolean
  /** Joint session: the patient's joint-session consent; case conference: their information-sharing consent. */
  patientConsentActive: boolean
  /** The patient answered "I do not agree" (and has not agreed since). */
  patientDeclined?: boolean
  /** The patient's current decision about this person being present; undefined when not yet asked. */
  presence: boolean | undefined
  /** The person's own document: partner terms, or a clinician's confidentiality acknowledgement. */
  ownConsentActive: boolean
}

export function gate(f: GateFacts): GateStatus {
  const reasons: string[] = []
  // Read by the hosts (the lobby, a refused admission), so always about the patient, never "you".
  const patientConsentMissing = f.patientDeclined
    ? 'The patient did not agree to this session.'
    : f.sessionKind === 'joint_session'
      ? 'The patient has not given consent to this joint session yet.'
      : "The patient's consent to share their information with this team has not been recorded yet."

  if (f.role === 'host') {
    // Hosts run the session and enter before anyone consents; only an explicit "no" from the patient stops them.
    if (f.presence === false)
      reasons.push('The patient has not agreed to this person being present.')
    return { admissible: reasons.length === 0, reasons }
  }
  if (f.role === 'patient') {
    if (!f.patientConsentActive) reasons.push(patientConsentMissing)
    return { admissible: reasons.length === 0, reasons }
  }
  if (!f.patientConsentActive) reasons.push(patientConsentMissing)
  if (f.presence === false) reasons.push('The patient has not agreed to this person being present.')
  else if (f.presence === undefined)
    reasons.push('The patient has not been asked about this person yet.')
  if (f.role === 'partner' && !f.ownConsentActive)
    reasons.push('This person has not agreed to the partner terms yet.')
  if (f.role !== 'partner' && !f.onCareTeam && !f.ownConsentActive)
    reasons.push('This clinician has not acknowledged confidentiality yet.')
  return { admissible: reasons.length === 0, reasons }
}

/** Which document a person answers themselves, by role, or null when they answer none. */
export function ownDocumentFor(role: Role, onCareTeam: boolean, sessionKind: SessionKind) {
  if (role === 'patient') return sessionKind === 'joint_session' ? ('joint_session' as const) : null
  if (role === 'partner') return 'partner_participation' as const
  if (!onCareTeam && role !== 'host') return 'confidentiality_acknowledgement' as const
  return null
}
