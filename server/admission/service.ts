// The lobby and admission. Admission is the only road to a media token: issueToken() mints one only from an open
// admission, checked in the same transaction that records the issuance.
import type { Lobby, LobbyEntry, MediaToken, MyStatus } from '../../shared/admission'
import * as audit from '../audit/service'
import type { Tx } from '../db/client'
import type { Deps } from '../deps'
import type { Actor } from '../identity/actor'
import { AppError, conflict, notAllowed, notFound, unavailable } from '../http/errors'
import { findAccessible, isOpen, type SessionAccess } from '../sessions/access'
import * as sessionsStore from '../sessions/store'
import { grantsFor, isClinicianRole } from './grants'
import * as store from './store'
import { errorFacts } from '../log'
import * as consent from '../consent/service'

const TOKEN_TTL_SECONDS = 120
const VIDEO_UNAVAILABLE =
  'Video is not available on this server right now. Please try again in a few minutes, or contact your care team.'

const notAdmitted = (message: string) => new AppError(403, 'not_admitted', message)

async function requireAccess(
  tx: Tx,
  actor: Actor,
  sessionId: string,
  opts: { lock?: boolean } = {}
) {
  const access = await findAccessible(tx, actor, sessionId, opts)
  if (!access) throw notFound('session')
  return access
}

async function requireHost(tx: Tx, actor: Actor, sessionId: string) {
  const access = await requireAccess(tx, actor, sessionId, { lock: true })
  if (!access.isHost) throw notFound('session')
  if (!isOpen(access.session.status)) throw conflict('This session has ended.')
  return access
}

function requireParticipant(access: SessionAccess) {
  if (!access.me) throw notAllowed('You are not invited to this session. Ask a host to invite you.')
  return access.me
}

const subject = (access: SessionAccess, participantId?: string) => ({
  subjectKind: participantId ? 'participant' : 'session',
  subjectId: participantId ?? access.session.id,
  patientId: access.session.patientId,
})

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

// Seen counts for this wait only: a new wait clears `seen_at` (store.upsertEntry).
const wasSeen = (entry: { state: string; seenAt: Date | null }) =>
  (entry.state === 'waiting' || entry.state === 'stepped_out') && entry.seenAt !== null

/** A host has the waiting room open with this person listed: the person is told their care team knows. */
export async function markSeen(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  participantId: string
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const access = await requireHost(tx, actor, sessionId)
    const entry = await store.findEntry(tx, sessionId, participantId, { lock: true })
    if (!entry || (entry.state !== 'waiting' && entry.state !== 'stepped_out'))
      throw conflict('This person is no longer waiting.')
    // Once per wait: every host's lobby reports it on each refresh, so repeats change nothing.
    if (wasSeen(entry)) return
    await store.markSeen(tx, participantId, deps.clock())
    await audit.record(tx, actor, 'lobby.seen', subject(access, participantId))
    await deps.events.publish(tx, { type: 'lobby.changed', sessionId })
  })
}

export async function listLobby(deps: Deps, actor: Actor, sessionId: string): Promise<Lobby> {
  return deps.db.transaction(async (tx) => {
    const access = await requireAccess(tx, actor, sessionId)
    if (!access.isHost) throw notFound('session')
    const rows = await store.listEntries(tx, sessionId)
    const { gates } = await consent.consentState(tx, access.session)
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

export async function admit(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  participantId: string
): Promise<void> {
  let refused: { access: SessionAccess; participantId: string; reasons: string[] } | undefined
  await deps.db
    .transaction(async (tx) => {
      const access = await requireHost(tx, actor, sessionId)
      // Row lock: two hosts pressing Admit at once make exactly one admission; the second sees "not waiting".
      const entry = await store.findEntry(tx, sessionId, participantId, { lock: true })
      if (!entry || entry.sessionId !== sessionId || !isWaiting(entry.state))
        throw conflict('This person is no longer waiting.')
      // The server enforces the consent gate; the disabled button in the lobby is only a courtesy.
      const status = await consent.gateFor(tx, access.session, participantId)
      if (!status.admissible) {
        refused = { access, participantId, reasons: status.reasons }
        throw new AppError(409, 'consent_required', status.reasons.join(' '))
      }
      await admitEntry(deps, tx, actor, access, participantId)
    })
    .catch(async (err) => {
      const r = refused
      if (r)
        await deps.db.transaction((tx) =>
          audit.record(tx, actor, 'admission.refused_consent', {
            ...subject(r.access, r.participantId),
            detail: { reasons: r.reasons },
          })
        )
      throw err
    })
}

/** Stepped-out people wait to be re-admitted like anyone waiting, without repeating consent. */
const isWaiting = (state: string) => state === 'waiting' || state === 'stepped_out'

/** Lets in every waiting clinician and specialist; patients and partners are always admitted one by one. */
export async function admitAllClinicians(
  deps: Deps,
  actor: Actor,
  sessionId: string
): Promise<{ admitted: number }> {
  return deps.db.transaction(async (tx) => {
    const access = await requireHost(tx, actor, sessionId)
    const { gates } = await consent.consentState(tx, access.session)
    const waiting = (await store.listWaiting(tx, sessionId, { lock: true })).filter(
      (w) => isClinicianRole(w.participant.role) && gates.get(w.participant.id)?.admissible
    )
    for (const w of waiting) await admitEntry(deps, tx, actor, access, w.participant.id)
    return { admitted: waiting.length }
  })
}

async function admitEntry(
  deps: Deps,
  tx: Tx,
  actor: Actor,
  access: SessionAccess,
  participantId: string
) {
  const now = deps.clock()
  const by = actor.kind === 'clinician' ? actor.clinicianId : null
  await store.insertAdmission(tx, {
    sessionId: access.session.id,
    participantId,
    admittedBy: by,
    admittedAt: now,
  })
  await store.upsertEntry(tx, {
    participantId,
    sessionId: access.session.id,
    state: 'admitted',
    waitingSince: null,
    decidedAt: now,
    decidedBy: by,
    updatedAt: now,
  })
  await audit.record(tx, actor, 'admission.granted', subject(access, participantId))
  await deps.events.publish(tx, {
    type: 'admission.granted',
    sessionId: access.session.id,
    participantId,
  })
  await deps.events.publish(tx, { type: 'lobby.changed', sessionId: access.session.id })
}

export async function deny(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  participantId: string
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const access = await requireHost(tx, actor, sessionId)
    const entry = await store.findEntry(tx, sessionId, participantId, { lock: true })
    if (!entry || entry.sessionId !== sessionId || entry.state !== 'waiting')
      throw conflict('This person is no longer waiting.')
    const now = deps.clock()
    await store.upsertEntry(tx, {
      ...entry,
      state: 'denied',
      decidedAt: now,
      decidedBy: actor.kind === 'clinician' ? actor.clinicianId : null,
      updatedAt: now,
    })
    await audit.record(tx, actor, 'admission.denied', subject(access, participantId))
    await deps.events.publish(tx, { type: 'admission.denied', sessionId, participantId })
    await deps.events.publish(tx, { type: 'lobby.changed', sessionId })
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

export async function issueToken(deps: Deps, actor: Actor, sessionId: string): Promise<MediaToken> {
  const livekit = deps.livekit
  if (!livekit) throw unavailable(VIDEO_UNAVAILABLE, 60)
  let refusal: { access: SessionAccess; participantId: string; reason: string } | undefined
  let roomReady: Promise<boolean> = Promise.resolve(false)
  try {
    const issued = await deps.db.transaction(async (tx) => {
      const access = await requireAccess(tx, actor, sessionId, { lock: true })
      const me = requireParticipant(access)
      const refuse = (reason: string, message: string) => {
        refusal = { access, participantId: me.id, reason }
        return notAdmitted(message)
      }
      if (!isOpen(access.session.status)) throw refuse('session_closed', 'This session has ended.')
      // Both checks in one round trip (pipelined on the transaction's connection); refusals keep their order.
      const [admission, status] = await Promise.all([
        store.findOpenAdmission(tx, sessionId, me.id, { lock: true }),
        consent.gateFor(tx, access.session, me.id),
      ])
      if (!admission)
        throw refuse(
          'not_admitted',
          'You have not been admitted yet. Please wait in the waiting room for a host to let you in.'
        )
      // Defence in depth: an admission outliving its consent (a race, a bug) still yields no token.
      if (!status.admissible)
        throw refuse(
          'consent_inactive',
          'The consent that covers you in this session is no longer active.'
        )

      // The app creates rooms (LiveKit's auto-create is off), so the room exists before anyone connects. Ensuring
      // it is idempotent and harmless if this transaction then rolls back (an empty room closes after its empty
      // timeout), so it runs beside the writes and the commit instead of after them: off the join's critical path.
      roomReady = livekit
        .createRoom(access.session.roomName, {
          emptyTimeoutSeconds: 10 * 60,
          departureTimeoutSeconds: 60,
        })
        .then(
          () => true,
          () => false
        )
      const [token] = await Promise.all([
        livekit.issueToken({
          roomName: access.session.roomName,
          identity: me.id,
          grants: grantsFor(me.role),
          ttlSeconds: TOKEN_TTL_SECONDS,
        }),
        store.countIssuedToken(tx, admission.id),
        access.session.status === 'scheduled'
          ? sessionsStore.updateSession(tx, sessionId, { status: 'live' }, deps.clock())
          : undefined,
        audit.record(tx, actor, 'admission.token_issued', {
          ...subject(access, me.id),
          detail: { admissionId: admission.id, role: me.role },
        }),
      ])
      return { identity: me.id, token }
    })
    if (!(await roomReady)) throw unavailable(VIDEO_UNAVAILABLE)
    return {
      url: livekit.url,
      token: issued.token,
      identity: issued.identity,
      expiresInSeconds: TOKEN_TTL_SECONDS,
    }
  } catch (err) {
    // The refusal itself is recorded, in its own transaction since the attempt's was rolled back.
    if (refusal) {
      const r = refusal
      await deps.db.transaction((tx) =>
        audit.record(tx, actor, 'admission.token_refused', {
          ...subject(r.access, r.participantId),
          detail: { reason: r.reason },
        })
      )
    }
    throw err
  }
}

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

/** Whether the actor has an open admission in the session (used to keep a clinician signed in during a call). */
export async function isAdmitted(
  db: Deps['db'],
  actor: Actor,
  sessionId: string
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const access = await findAccessible(tx, actor, sessionId)
    return Boolean(access?.me && (await store.findOpenAdmission(tx, sessionId, access.me.id)))
  })
}
