// Seen: a host has the waiting room open with the person listed, so the person is told their care team knows.
import * as audit from '../audit/service'
import type { Deps } from '../deps'
import type { Actor } from '../identity/actor'
import { conflict } from '../http/errors'
import { requireHost, subject } from './guards'
import * as store from './store'

/** Seen counts for this wait only: a new wait clears `seen_at` (store.upsertEntry). */
export const wasSeen = (entry: { state: string; seenAt: Date | null }) =>
  (entry.state === 'waiting' || entry.state === 'stepped_out') && entry.seenAt !== null

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
