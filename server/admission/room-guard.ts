// Enforcement at the media server. LiveKit cannot revoke a token: a removed person's token (ours lives 120 s) still
// opens the room, and LiveKit itself hands every connecting client a refreshed token valid 10 minutes (at join and
// every 5 minutes; livekit-server pkg/service/roommanager.go, tokenDefaultTTL), so each reconnection renews the
// access. A participant_joined webhook only comes once media is up; a client that speaks only the signalling
// protocol never sends one. So after any revocation (removal, withdrawal, step-out, leaving) the room is watched
// closely for as long as such a token can live, and anyone in it without an open admission is removed at once; each
// one found extends the watch, since it has just been handed a fresh token.
import * as audit from '../audit/service'
import type { Deps } from '../deps'
import type { LivekitAdapter } from '../livekit/adapter'
import * as sessionsStore from '../sessions/store'
import * as store from './store'

/** The longest a token LiveKit refreshed for a connected client stays valid after its last connection. */
export const REFRESHED_TOKEN_SECONDS = 600
/** How often a watched room is checked: a straggler is gone well within a second. */
export const WATCH_EVERY_MS = 200
const WATCH_FOR_MS = (REFRESHED_TOKEN_SECONDS + 30) * 1000

export type RoomGuard = {
  /** Watches the room closely from now until a token handed out so far can no longer open it. */
  watch(roomName: string): void
  watching(): string[]
  stop(): Promise<void>
}

/** Removes from the room everyone without an open admission in its session; returns how many. */
export async function removeStragglers(deps: Deps, roomName: string): Promise<number> {
  const livekit = deps.livekit
  if (!livekit) return 0
  const present = await livekit.listParticipants(roomName)
  if (!present.length) return 0
  const session = await sessionsStore.findSessionByRoom(deps.db, roomName)
  if (!session) return 0
  const admitted = new Set(await store.listOpenAdmissionIds(deps.db, session.id))
  const stragglers = present.filter((p) => !admitted.has(p.identity))
  for (const p of stragglers) {
    await livekit.removeParticipant(roomName, p.identity).catch(() => undefined)
    await deps.db.transaction((tx) =>
      audit.record(tx, { kind: 'system' }, 'admission.straggler_removed', {
        subjectKind: 'session',
        subjectId: session.id,
        patientId: session.patientId,
        // The identity is whatever the token said: kept as detail, never trusted as one of our ids.
        detail: { via: 'room_guard', identity: p.identity.slice(0, 64) },
      })
    )
  }
  return stragglers.length
}

export function createRoomGuard(opts: {
  sweep: (roomName: string) => Promise<number>
  log: Deps['log']
  everyMs?: number
  watchForMs?: number
}): RoomGuard {
  const until = new Map<string, number>()
  const watchForMs = opts.watchForMs ?? WATCH_FOR_MS
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined

  const tick = async () => {
    const now = Date.now()
    for (const [room, end] of until) {
      if (end < now) {
        until.delete(room)
        continue
      }
      const removed = await opts.sweep(room).catch((err: unknown) => {
        opts.log.warn('room guard check failed; will retry', { name: (err as Error).name })
        return 0
      })
      if (removed) until.set(room, Math.max(until.get(room) ?? 0, Date.now() + watchForMs))
    }
    if (!until.size && timer) {
      clearInterval(timer)
      timer = undefined
    }
  }

  return {
    watch(roomName) {
      until.set(roomName, Math.max(until.get(roomName) ?? 0, Date.now() + watchForMs))
      if (timer) return
      timer = setInterval(() => {
        // A slow round (LiveKit busy) must not overlap the next one.
        if (!running) running = tick().finally(() => (running = undefined))
      }, opts.everyMs ?? WATCH_EVERY_MS)
      timer.unref()
    },
    watching: () => [...until.keys()],
    async stop() {
      if (timer) clearInterval(timer)
      timer = undefined
      until.clear()
      await running
    },
  }
}

/** Every removal through this adapter also starts (or extends) the watch on that room. */
export function guardedLivekit(livekit: LivekitAdapter, guard: RoomGuard): LivekitAdapter {
  return {
    ...livekit,
    async removeParticipant(roomName, identity) {
      guard.watch(roomName)
      await livekit.removeParticipant(roomName, identity)
    },
  }
}

/** Puts the guard between the services and LiveKit (deps.livekit is replaced); returns its stop. */
export function installRoomGuard(deps: Deps, opts: { everyMs?: number } = {}) {
  if (!deps.livekit) return { guard: undefined, stop: async () => {} }
  const guard = createRoomGuard({
    sweep: (roomName) => removeStragglers(deps, roomName),
    log: deps.log,
    everyMs: opts.everyMs,
  })
  deps.livekit = guardedLivekit(deps.livekit, guard)
  return { guard, stop: () => guard.stop() }
}
