// Who is asking. Every service receives one of these and decides from it; nothing is allowed by default.
// A leaf: it imports no feature, so the HTTP layer, the document socket and every feature can share it.
import type { AccountRole, Discipline, Role } from '../../shared/enums'

export type ClinicianActor = {
  kind: 'clinician'
  clinicianId: string
  clinicId: string
  role: AccountRole
  discipline: Discipline
  displayName: string
  authSessionId: string
}
/** Someone who joined with a personal link: one participant of one session, nothing else. */
export type ParticipantActor = {
  kind: 'participant'
  participantId: string
  sessionId: string
  role: Role
  displayName: string
  participantSessionId: string
  /** The session's patient and clinic, named with the sign-in so that no request has to look them up again. */
  patientId: string
  clinicId: string
}
export type AnonymousActor = { kind: 'anonymous'; ip: string | null }
export type SystemActor = { kind: 'system' }
export type Actor = ClinicianActor | ParticipantActor | AnonymousActor | SystemActor

export const isClinician = (a: Actor): a is ClinicianActor => a.kind === 'clinician'
export const isAdmin = (a: Actor): a is ClinicianActor =>
  a.kind === 'clinician' && a.role === 'admin'
