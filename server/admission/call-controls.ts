// Leaving the call, and a host's controls over it: remove someone, mute a track, end the session. The database is
// changed first; LiveKit is told after commit.
import * as audit from '../audit/service'
import type { Deps } from '../deps'
import type { Actor } from '../identity/actor'
import { conflict, notFound, unavailable } from '../http/errors'
import { errorFacts } from '../log'
import * as sessionsStore from '../sessions/store'
import {
  requireAccess,
  requireHost,
  requireParticipant,
  subject,
  VIDEO_UNAVAILABLE,
} from './guards'
import * as store from './store'

export async function leave(deps: Deps, actor: Actor, sessionId: string): Promise<void> {
  const { roomName, participantId } = await deps.db.transaction(async (tx) => {
    const access = await requireAccess(tx, actor, sessionId, { lock: true })
    const me = requireParticipant(access)
    const ended = await store.endAdmissions(
      tx,
      { sessionId, participantIds: [me.id] },
      'left',
      deps.clock()
    )
    const entry = await store.findEntry(tx, sessionId, me.id, { lock: true })
    if (entry && (entry.state === 'waiting' || entry.state === 'admitted')) {
      await store.upsertEntry(tx, {
        ...entry,
        state: 'left',
        waitingSince: null,
        updatedAt: deps.clock(),
      })
    }
    if (ended.length || entry?.state === 'waiting') {
      await audit.record(tx, actor, 'admission.left', subject(access, me.id))
      await deps.events.publish(tx, { type: 'lobby.changed', sessionId })
    }
    return { roomName: access.session.roomName, participantId: me.id }
  })
  // DB is the truth; the webhook and reconciliation remove a straggler if this call fails.
  await deps.livekit?.removeParticipant(roomName, participantId).catch(() => undefined)
}

export async function remove(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  participantId: string
): Promise<void> {
  const roomName = await deps.db.transaction(async (tx) => {
    const access = await requireHost(tx, actor, sessionId)
    const target = await sessionsStore.findParticipant(tx, sessionId, participantId)
    if (!target) throw notFound('participant')
    if (target.role === 'host') throw conflict('Hosts cannot be removed from their own session.')
    const now = deps.clock()
    await store.endAdmissions(tx, { sessionId, participantIds: [participantId] }, 'removed', now)
    await store.upsertEntry(tx, {
      participantId,
      sessionId,
      state: 'removed',
      waitingSince: null,
      decidedAt: now,
      decidedBy: actor.kind === 'clinician' ? actor.clinicianId : null,
      updatedAt: now,
    })
    await audit.record(tx, actor, 'admission.removed', subject(access, participantId))
    await deps.events.publish(tx, {
      type: 'admission.removed',
      sessionId,
      participantId,
      reason: 'removed',
    })
    await deps.events.publish(tx, { type: 'lobby.changed', sessionId })
    return access.session.roomName
  })
  // DB is the truth; the webhook and reconciliation remove a straggler if this call fails.
  await deps.livekit
    ?.removeParticipant(roomName, participantId)
    .catch((err) =>
      deps.log.warn('LiveKit removal failed; reconciliation will retry', errorFacts(err))
    )
}

export async function mute(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  participantId: string,
  source: 'microphone' | 'camera'
): Promise<{ muted: boolean }> {
  const livekit = deps.livekit
  if (!livekit) throw unavailable(VIDEO_UNAVAILABLE, 60)
  const roomName = await deps.db.transaction(async (tx) => {
    const access = await requireHost(tx, actor, sessionId)
    if (!(await store.findOpenAdmission(tx, sessionId, participantId)))
      throw conflict('This person is not in the call.')
    await audit.record(tx, actor, 'admission.muted', {
      ...subject(access, participantId),
      detail: { source },
    })
    return access.session.roomName
  })
  return { muted: await livekit.muteTrack(roomName, participantId, source) }
}

export async function endSession(deps: Deps, actor: Actor, sessionId: string): Promise<void> {
  const roomName = await deps.db.transaction(async (tx) => {
    const access = await requireHost(tx, actor, sessionId)
    const now = deps.clock()
    await sessionsStore.updateSession(tx, sessionId, { status: 'ended', endedAt: now }, now)
    await store.endAdmissions(tx, { sessionId }, 'session_ended', now)
    await store.closeLobby(tx, sessionId, now)
    const ids = (await sessionsStore.listParticipants(tx, sessionId)).map((p) => p.id)
    await sessionsStore.revokeOpenInvitations(tx, ids, now)
    await audit.record(tx, actor, 'sessions.ended', subject(access))
    await deps.events.publish(tx, { type: 'session.ended', sessionId })
    return access.session.roomName
  })
  // Deleting the room disconnects everyone at once.
  await deps.livekit
    ?.deleteRoom(roomName)
    .catch((err) =>
      deps.log.warn('LiveKit room deletion failed; reconciliation will retry', errorFacts(err))
    )
}
