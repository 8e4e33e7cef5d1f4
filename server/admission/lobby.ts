// The lobby: someone arrives and waits (hosts go straight in), sees where they stand, and hosts see who waits and
// what the waiting room says.
import type { Lobby, LobbyEntry, MyStatus } from '../../shared/admission'
import * as audit from '../audit/service'
import { consentState } from '../consent/state'
import type { Deps } from '../deps'
import type { Actor } from '../identity/actor'
import { conflict, notAllowed, notFound } from '../http/errors'
import { isOpen } from '../sessions/access'
import * as sessionsStore from '../sessions/store'
import { requireAccess, requireHost, requireParticipant, subject } from './guards'
import { wasSeen } from './seen'
import * as store from './store'

/** Someone opens the session: hosts go straight in, everyone else waits for a host. */
export async function arrive(deps: Deps, actor: Actor, sessionId: string): Promise<MyStatus> {
  await deps.db.transaction(async (tx) => {
    const access = await requireAccess(tx, actor, sessionId, { lock: true })
    const me = requireParticipant(access)
    if (!isOpen(access.session.status)) throw conflict('This session has ended.')
    const now = deps.clock()
    const entry = await store.findEntry(tx, sessionId, me.id, { lock: true })
    if (entry?.state === 'denied')
      throw notAllowed(
        'A host has declined your request to join this session. Please contact your care team if you think this is a mistake.'
      )
    if (entry?.state === 'removed')
      throw notAllowed(
        'A host removed you from this session. Please contact your care team if you think this is a mistake.'
      )
    if (await store.findOpenAdmission(tx, sessionId, me.id)) return // a refresh or reconnect keeps the admission

    if (me.role === 'host') {
      await store.insertAdmission(tx, {
        sessionId,
        participantId: me.id,
        admittedBy: null,
        admittedAt: now,
      })
      await store.upsertEntry(tx, {
        participantId: me.id,
        sessionId,
        state: 'admitted',
        waitingSince: null,
        decidedAt: now,
        decidedBy: null,
        updatedAt: now,
      })
      await audit.record(tx, actor, 'admission.host_entered', subject(access, me.id))
    } else {
      if (entry?.state === 'waiting' || entry?.state === 'stepped_out') return
      await store.upsertEntry(tx, {
        participantId: me.id,
        sessionId,
        state: 'waiting',
        waitingSince: now,
        decidedAt: null,
        decidedBy: null,
        updatedAt: now,
      })
      await audit.record(tx, actor, 'lobby.arrived', subject(access, me.id))
    }
    await deps.events.publish(tx, { type: 'lobby.changed', sessionId })
  })
  return myStatus(deps, actor, sessionId)
}

export async function myStatus(deps: Deps, actor: Actor, sessionId: string): Promise<MyStatus> {
  return deps.db.transaction(async (tx) => {
    const access = await requireAccess(tx, actor, sessionId)
    const me = requireParticipant(access)
    const entry = await store.findEntry(tx, sessionId, me.id)
    return {
      sessionId,
      participantId: me.id,
      role: me.role,
      state: entry?.state ?? 'not_arrived',
      // Why someone is no longer in the call: a reload must still show "consent withdrawn", not "you left".
      leftBecause:
        entry?.state === 'left' ? ((await store.lastEndReason(tx, me.id)) ?? 'left') : null,
      sessionStatus: access.session.status,
      hostPresent: await store.hasHostPresent(tx, sessionId),
      message: access.session.lobbyMessage,
      seenByHost: entry ? wasSeen(entry) : false,
      mediaUrl: deps.livekit?.url ?? null,
    }
  })
}

export async function listLobby(deps: Deps, actor: Actor, sessionId: string): Promise<Lobby> {
  return deps.db.transaction(async (tx) => {
    const access = await requireAccess(tx, actor, sessionId)
    if (!access.isHost) throw notFound('session')
    const rows = await store.listEntries(tx, sessionId)
    const { gates } = await consentState(tx, access.session)
    const entries: LobbyEntry[] = rows.map(({ entry, participant }) => ({
      participantId: participant.id,
      displayName: participant.displayName,
      role: participant.role,
      discipline: participant.discipline,
      state: entry.state,
      waitingSince:
        entry.state === 'waiting' || entry.state === 'stepped_out'
          ? (entry.waitingSince?.toISOString() ?? null)
          : null,
      consent: gates.get(participant.id) ?? { admissible: false, reasons: [] },
    }))
    return { sessionId, entries, message: access.session.lobbyMessage }
  })
}

export async function setLobbyMessage(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  message: string | null
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const access = await requireHost(tx, actor, sessionId)
    await sessionsStore.updateSession(
      tx,
      sessionId,
      { lobbyMessage: message || null },
      deps.clock()
    )
    // The text itself stays out of the audit trail: only that it changed and how long it is.
    await audit.record(tx, actor, 'lobby.message_set', {
      ...subject(access),
      detail: { length: message?.length ?? 0 },
    })
    await deps.events.publish(tx, { type: 'lobby.changed', sessionId })
  })
}
