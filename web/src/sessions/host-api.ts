// What hosts and the care team do with a session: schedule, change, cancel, make links, run the waiting room, and
// read attendance afterwards.
import { query } from '@solidjs/router'
import * as z from 'zod'
import { Lobby } from '../../../shared/admission'
import { AttendanceSummary } from '../../../shared/attendance'
import type { Id } from '../../../shared/ids'
import {
  AddedParticipant,
  InvitationLink,
  ScheduledSession,
  SessionDetail,
  type AddParticipantInput,
  type ScheduleSessionInput,
  type UpdateSessionInput,
} from '../../../shared/sessions'
import { NoContent, call } from '../lib/api'
import { sessionPath as path } from './api'

export function scheduleSession(input: ScheduleSessionInput) {
  return call('POST', '/sessions', ScheduledSession, input)
}

export function updateSession(sessionId: Id, input: UpdateSessionInput) {
  return call('PATCH', path(sessionId), SessionDetail, input)
}

export function cancelSession(sessionId: Id) {
  return call('POST', path(sessionId, '/cancel'), SessionDetail)
}

export function makeNewLink(sessionId: Id, participantId: Id) {
  return call(
    'POST',
    path(sessionId, `/participants/${encodeURIComponent(participantId)}/invitation`),
    InvitationLink
  )
}

/** Invites one more person after scheduling; an outside specialist's link comes back once, here. */
export function addParticipant(sessionId: Id, input: AddParticipantInput) {
  return call('POST', path(sessionId, '/participants'), AddedParticipant, input)
}

export const getAttendance = query(
  (sessionId: Id) => call('GET', path(sessionId, '/attendance'), AttendanceSummary),
  'attendance'
)

export const getLobby = query(
  (sessionId: Id) => call('GET', path(sessionId, '/lobby'), Lobby),
  'lobby'
)

export function admit(sessionId: Id, participantId: Id) {
  return call('POST', path(sessionId, '/admissions'), NoContent, { participantId })
}

export function admitAllClinicians(sessionId: Id) {
  return call('POST', path(sessionId, '/admissions/clinicians'), z.object({ admitted: z.number() }))
}

export function decline(sessionId: Id, participantId: Id) {
  return call('POST', path(sessionId, '/denials'), NoContent, { participantId })
}

export function setLobbyMessage(sessionId: Id, message: string | null) {
  return call('PUT', path(sessionId, '/lobby/message'), NoContent, { message })
}
