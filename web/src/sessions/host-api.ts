// What hosts and the care team do with a session: schedule, change, cancel, make links, and invite more people.
// The waiting room's requests are in admission/api.ts, attendance in attendance/api.ts.
import type { Id } from '../../../shared/ids'
import {
  AddedParticipant,
  InvitationLink,
  ScheduledSession,
  SessionDetail,
} from '../../../shared/sessions'
import type {
  AddParticipantInput,
  ScheduleSessionInput,
  UpdateSessionInput,
} from '../../../shared/session-inputs'
import { call } from '../lib/api'
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
