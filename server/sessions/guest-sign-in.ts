// A guest's cookie session belongs to one participant of one session: the sessions feature owns that data.
import type { Deps } from '../deps'
import type { ParticipantActor } from '../identity/actor'
import { hashSecret } from '../identity/secrets'
import * as store from './store'

export async function resolveParticipantSession(
  deps: Deps,
  token: string
): Promise<ParticipantActor | undefined> {
  const row = await store.findOpenParticipantSession(deps.db, hashSecret(token), deps.clock())
  if (!row) return undefined
  return {
    kind: 'participant',
    participantId: row.participant.id,
    sessionId: row.participant.sessionId,
    role: row.participant.role,
    displayName: row.participant.displayName,
    participantSessionId: row.session.id,
    patientId: row.patientId,
    clinicId: row.clinicId,
  }
}
