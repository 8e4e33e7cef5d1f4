// Events by session: one subscription to the event hub per app hands each event only to the listeners of its own
// session (event streams, token requests waiting for an admission), so an event's cost no longer grows with every
// other open stream or waiting request on the instance (BENCHMARKS.md, "scale"). The hub owns the one instance.
import type { SessionEvent } from '../../shared/events'
import type { EventHub } from './events'

/** `frame` is the event's server-sent-events frame, the same bytes for every stream of its session. */
type Listener = (event: SessionEvent, frame: Uint8Array) => void

const encoder = new TextEncoder()

/** What Hono's writeSSE writes for `{ event: 'message', data: JSON.stringify(event) }` (JSON has no line breaks). */
export const sseFrame = (event: SessionEvent) =>
  encoder.encode(`event: message\ndata: ${JSON.stringify(event)}\n\n`)

export type SessionFanout = {
  subscribe: (sessionId: string, listener: Listener) => () => void
}

export function createSessionFanout(events: Pick<EventHub, 'subscribe'>): SessionFanout {
  const bySession = new Map<string, Set<Listener>>()
  let subscribed = false
  return {
    subscribe(sessionId, listener) {
      if (!subscribed) {
        subscribed = true
        events.subscribe((event) => {
          // Team events (safety alerts) have streams of their own.
          if (!('sessionId' in event)) return
          const listeners = bySession.get(event.sessionId)
          if (!listeners) return
          // Serialised and encoded once per event, not once per stream.
          const frame = sseFrame(event)
          for (const l of listeners) l(event, frame)
        })
      }
      let set = bySession.get(sessionId)
      if (!set) bySession.set(sessionId, (set = new Set()))
      set.add(listener)
      const mine = set
      return () => {
        mine.delete(listener)
        if (mine.size === 0 && bySession.get(sessionId) === mine) bySession.delete(sessionId)
      }
    },
  }
}
