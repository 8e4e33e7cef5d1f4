// Admission: arriving, waiting, leaving, and the hosts' side of the waiting room (admit, decline, their message).
import { query } from '@solidjs/router'
import * as z from 'zod/mini'
import { Lobby, MyStatus } from '../../../shared/admission'
import type { Id } from '../../../shared/ids'
import { NoContent, call } from '../lib/api'
import { sessionPath as path } from '../sessions/api'

export function arrive(sessionId: Id) {
  return call('POST', path(sessionId, '/arrival'), MyStatus)
}

export function fetchMyStatus(sessionId: Id) {
  return call('GET', path(sessionId, '/my-status'), MyStatus)
}

export function leaveSession(sessionId: Id) {
  return call('POST', path(sessionId, '/leave'), NoContent)
}

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

/** Undo a decline or removal: the person's next arrival puts them in the waiting room (never straight into the call). */
export function letWaitAgain(sessionId: Id, participantId: Id) {
  return call('POST', path(sessionId, '/lobby/wait-again'), NoContent, { participantId })
}

/** Tell the server this host has the waiting person in view, so the person knows they were seen. */
export function markSeen(sessionId: Id, participantId: Id) {
  return call('POST', path(sessionId, '/lobby/seen'), NoContent, { participantId })
}

export function setLobbyMessage(sessionId: Id, message: string | null) {
  return call('PUT', path(sessionId, '/lobby/message'), NoContent, { message })
}
