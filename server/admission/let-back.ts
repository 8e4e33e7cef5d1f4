// Undoing a decline or a removal: one mistaken click must not lock a patient or a specialist out of their own session.
// The person is not let in: their next arrival puts them in the waiting room, where a host admits them and their
// consent still gates admission exactly as for anyone else.
import { UNDOABLE_LOBBY_STATES } from '../../shared/admission'
import * as audit from '../audit/service'
import type { Deps } from '../deps'
import type { Actor } from '../identity/actor'
import { conflict, notFound } from '../http/errors'
import * as sessionsStore from '../sessions/store'
import { requireHost, subject } from './guards'
import * as store from './store'

export async function letWaitAgain(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  participantId: string
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const access = await requireHost(tx, actor, sessionId)
    if (!(await sessionsStore.findParticipant(tx, sessionId, participantId)))
      throw notFound('participant')
    // Row lock: a second host pressing the same button sees "not declined or removed" instead of a double audit.
    const entry = await store.findEntry(tx, sessionId, participantId, { lock: true })
    if (!entry || !UNDOABLE_LOBBY_STATES.includes(entry.state))
      throw conflict('This person was not declined or removed.')
    const now = deps.clock()
    await store.upsertEntry(tx, {
      ...entry,
      state: 'may_rejoin',
      waitingSince: null,
      decidedAt: now,
      decidedBy: actor.kind === 'clinician' ? actor.clinicianId : null,
      updatedAt: now,
    })
    await audit.record(tx, actor, 'admission.let_wait_again', {
      ...subject(access, participantId),
      detail: { undid: entry.state },
    })
    await deps.events.publish(tx, { type: 'admission.may_rejoin', sessionId, participantId })
    await deps.events.publish(tx, { type: 'lobby.changed', sessionId })
  })
}
