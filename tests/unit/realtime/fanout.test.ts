import { describe, expect, it } from 'vitest'
import type { ServerEvent } from '../../../shared/events'
import type { EventHub } from '../../../server/realtime/events'
import { createSessionFanout } from '../../../server/realtime/fanout'

/** The hub's delivery side only: what an instance's LISTEN connection hands on. */
function hub() {
  const listeners = new Set<(event: ServerEvent) => void>()
  const events: Pick<EventHub, 'subscribe'> = {
    subscribe: (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
  }
  return { events, deliver: (e: ServerEvent) => listeners.forEach((l) => l(e)), listeners }
}

describe('event fan-out by session', () => {
  it("hands each event to its own session's streams only, once each", () => {
    const h = hub()
    const fanout = createSessionFanout(h.events)
    const got: Record<string, string[]> = { a1: [], a2: [], b1: [] }
    fanout.subscribe('a', (e) => got.a1!.push(e.type))
    fanout.subscribe('a', (e) => got.a2!.push(e.type))
    fanout.subscribe('b', (e) => got.b1!.push(e.type))
    h.deliver({ type: 'lobby.changed', sessionId: 'a' })
    h.deliver({ type: 'lobby.changed', sessionId: 'c' })
    expect(got).toEqual({ a1: ['lobby.changed'], a2: ['lobby.changed'], b1: [] })
    // One subscription to the hub for the whole instance, however many streams.
    expect(h.listeners.size).toBe(1)
  })

  it('stops delivering to a closed stream and keeps the others of its session', () => {
    const h = hub()
    const fanout = createSessionFanout(h.events)
    const got: string[] = []
    const close = fanout.subscribe('a', () => got.push('first'))
    fanout.subscribe('a', () => got.push('second'))
    close()
    h.deliver({ type: 'lobby.changed', sessionId: 'a' })
    expect(got).toEqual(['second'])
  })

  it('serves a session again after its last stream closed', () => {
    const h = hub()
    const fanout = createSessionFanout(h.events)
    const got: string[] = []
    fanout.subscribe('a', () => got.push('old'))()
    fanout.subscribe('a', () => got.push('new'))
    h.deliver({ type: 'lobby.changed', sessionId: 'a' })
    expect(got).toEqual(['new'])
  })
})
