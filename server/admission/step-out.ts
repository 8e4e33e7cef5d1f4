// Stepping out: the patient (and partner) go back to the lobby while the clinicians talk, and return without
// repeating consent.
import * as audit from '../audit/service'
import type { Deps } from '../deps'
import type { Actor } from '../identity/actor'
import { conflict } from '../http/errors'
import * as sessionsStore from '../sessions/store'
import { requireHost, subject } from './guards'
import * as store from './store'

/** Sends the patient (and partner) back to the lobby for a clinician-only discussion; re-admission needs no new consent. */
export async function stepOut(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  message: string | null
): Promise<{ steppedOut: number }> {
  const { roomName, ids } = await deps.db.transaction(async (tx) => {
    const access = await requireHost(tx, actor, sessionId)
    if (access.session.kind !== 'joint_session')
      throw conflict('Only a joint session has a patient to step out.')
    const now = deps.clock()
    const people = (await sessionsStore.listParticipants(tx, sessionId)).filter(
      (p) => p.role === 'patient' || p.role === 'partner'
    )
    const ended = await store.endAdmissions(
      tx,
      { sessionId, participantIds: people.map((p) => p.id) },
      'stepped_out',
      now
    )
    const ids = ended.map((e) => e.participantId)
    for (const id of ids) {
      await store.upsertEntry(tx, {
        participantId: id,
        sessionId,
        state: 'stepped_out',
        waitingSince: now,
        decidedAt: now,
        decidedBy: actor.kind === 'clinician' ? actor.clinicianId : null,
        updatedAt: now,
      })
      await deps.events.publish(tx, {
        type: 'admission.removed',
        sessionId,
        participantId: id,
        reason: 'stepped_out',
      })
    }
    if (message !== null)
      await sessionsStore.updateSession(tx, sessionId, { lobbyMessage: message }, now)
    await audit.record(tx, actor, 'admission.stepped_out', {
      ...subject(access),
      detail: { participants: ids },
    })
    await deps.events.publish(tx, { type: 'lobby.changed', sessionId })
    return { roomName: access.session.roomName, ids }
  })
  // DB is the truth; reconciliation removes a straggler if a call here fails.
  await Promise.all(
    ids.map((id) => deps.livekit?.removeParticipant(roomName, id).catch(() => undefined))
  )
  return { steppedOut: ids.length }
}
