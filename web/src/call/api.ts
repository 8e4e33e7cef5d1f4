// The call's requests: the media token, and hosts' moderation while in the call.
import * as z from 'zod/mini'
import { AdmittedIdentities, MediaToken } from '../../../shared/admission'
import type { Id } from '../../../shared/ids'
import { NoContent, call } from '../lib/api'
import { sessionPath as path } from '../sessions/api'

export function fetchMediaToken(sessionId: Id) {
  return call('POST', path(sessionId, '/token'), MediaToken)
}

export function removeParticipant(sessionId: Id, participantId: Id) {
  return call('POST', path(sessionId, '/removals'), NoContent, { participantId })
}

export function muteParticipant(sessionId: Id, participantId: Id) {
  return call('POST', path(sessionId, '/mute'), z.object({ muted: z.boolean() }), {
    participantId,
    source: 'microphone',
  })
}

export function endSessionForEveryone(sessionId: Id) {
  return call('POST', path(sessionId, '/end'), NoContent)
}

/** Sends the patient (and partner) back to the waiting room for a clinicians-only moment. */
export function stepOutPatient(sessionId: Id, message: string | null) {
  return call('POST', path(sessionId, '/step-out'), z.object({ steppedOut: z.number() }), {
    message,
  })
}

/** Who is admitted to the call right now (LiveKit identities). */
export function fetchAdmitted(sessionId: Id) {
  return call('GET', path(sessionId, '/admitted'), AdmittedIdentities)
}
