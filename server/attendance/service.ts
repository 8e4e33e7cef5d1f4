// Attendance: who was in the call and for how long, from LiveKit's webhooks and periodic reconciliation.
import { TEAM_CONFERENCE_MINIMUM_MINUTES, type AttendanceSummary } from '../../shared/attendance'
import { Id } from '../../shared/ids'
import * as audit from '../audit/service'
import type { Deps } from '../deps'
import type { Actor } from '../identity/actor'
import { notFound, unauthenticated, unavailable } from '../http/errors'
import { findAccessible } from '../sessions/access'
import * as sessionsStore from '../sessions/store'
import { minutesIn, presenceIntervals, presentNow } from './intervals'
import * as store from './store'

const JOINED = new Set(['participant_joined'])
const LEFT = new Set(['participant_left', 'participant_connection_aborted'])

/**
 * LiveKit may deliver webhooks twice or out of order: each event is stored once by id and attendance is derived by
 * time, not by arrival. Someone who joins without an open admission (an old token) is removed at once.
 */
export async function receiveWebhook(
  deps: Deps,
  rawBody: string,
  authorization: string | undefined
): Promise<void> {
  const livekit = deps.livekit
  if (!livekit) throw unavailable('Video is not configured on this server.')
  const event = await livekit.receiveWebhook(rawBody, authorization).catch(() => {
    throw unauthenticated('The webhook signature is not valid.')
  })
  const kind = JOINED.has(event.event) ? 'joined' : LEFT.has(event.event) ? 'left' : undefined
  if (!kind || !event.roomName || !Id.safeParse(event.participantIdentity).success) return
  const participantId = event.participantIdentity!
  const straggler = await deps.db.transaction(async (tx) => {
    const session = await sessionsStore.findSessionByRoom(tx, event.roomName!)
    if (!session) return undefined // not one of our rooms: ignored
    const isNew = await store.insertEvent(tx, {
      eventId: event.id,
      sessionId: session.id,
      participantId,
      kind,
      at: event.createdAt,
      source: 'webhook',
    })
    if (isNew && kind === 'left')
      await store.removeReconciledDeparture(tx, {
        sessionId: session.id,
        participantId,
        at: event.createdAt,
      })
    if (!isNew || kind !== 'joined' || (await store.hasOpenAdmission(tx, participantId)))
      return undefined
    await audit.record(tx, { kind: 'system' }, 'admission.straggler_removed', {
      subjectKind: 'participant',
      subjectId: participantId,
      patientId: session.patientId,
      detail: { via: 'webhook' },
    })
    return session.roomName
  })
  if (straggler) await livekit.removeParticipant(straggler, participantId).catch(() => undefined)
}

/** Compares each live room with the database: records presence the webhooks missed and removes stragglers. */
export async function reconcile(deps: Deps): Promise<void> {
  const livekit = deps.livekit
  if (!livekit) return
  for (const session of await sessionsStore.listLiveSessions(deps.db)) {
    const present = await livekit.listParticipants(session.roomName)
    const now = deps.clock()
    const events = await store.listEvents(deps.db, session.id)
    const recorded = presentNow(
      events.map((e) => ({ participantId: e.participantId, kind: e.kind, at: e.at }))
    )
    const presentIds = new Set(present.map((p) => p.identity))
    for (const p of present) {
      if (!Id.safeParse(p.identity).success) continue
      if (!recorded.has(p.identity)) {
        const at = p.joinedAt ?? now
        await store.insertEvent(deps.db, {
          eventId: `reconcile:joined:${p.identity}:${at.getTime()}`,
          sessionId: session.id,
          participantId: p.identity,
          kind: 'joined',
          at,
          source: 'reconcile',
        })
      }
      if (!(await store.hasOpenAdmission(deps.db, p.identity)))
        await livekit.removeParticipant(session.roomName, p.identity).catch(() => undefined)
    }
    for (const participantId of recorded) {
      if (!presentIds.has(participantId)) {
        await store.insertEvent(deps.db, {
          eventId: `reconcile:left:${participantId}:${now.getTime()}`,
          sessionId: session.id,
          participantId,
          kind: 'left',
          at: now,
          source: 'reconcile',
        })
      }
    }
  }
}

export async function summary(
  deps: Deps,
  actor: Actor,
  sessionId: string
): Promise<AttendanceSummary> {
  return deps.db.transaction(async (tx) => {
    const access = await findAccessible(tx, actor, sessionId)
    if (!access || !access.isClinician) throw notFound('session')
    const until = access.session.endedAt ?? deps.clock()
    const events = await store.listEvents(tx, sessionId)
    const intervals = presenceIntervals(
      events.map((e) => ({ participantId: e.participantId, kind: e.kind, at: e.at })),
      until
    )
    const all = [...intervals.values()].flat()
    const first = all.length ? Math.min(...all.map((i) => i.from.getTime())) : 0
    const last = all.length ? Math.max(...all.map((i) => i.to.getTime())) : 0
    const participants = await sessionsStore.listParticipants(tx, sessionId)
    await audit.record(tx, actor, 'attendance.viewed', {
      subjectKind: 'session',
      subjectId: sessionId,
      patientId: access.session.patientId,
    })
    return {
      sessionId,
      durationMinutes: Math.round(((last - first) / 60_000) * 10) / 10,
      lines: participants.map((p) => {
        const mine = intervals.get(p.id) ?? []
        const minutes = minutesIn(mine)
        const isClinician = p.role !== 'patient' && p.role !== 'partner'
        return {
          participantId: p.id,
          displayName: p.displayName,
          role: p.role,
          discipline: p.discipline,
          attendedMinutes: minutes,
          firstJoinedAt: mine[0]?.from.toISOString() ?? null,
          lastLeftAt: mine.at(-1)?.to.toISOString() ?? null,
          meetsTeamConferenceMinimum: isClinician
            ? minutes >= TEAM_CONFERENCE_MINIMUM_MINUTES
            : null,
        }
      }),
    }
  })
}
