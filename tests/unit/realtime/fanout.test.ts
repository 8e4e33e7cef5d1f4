import { SSEStreamingApi } from 'hono/streaming'
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

  it("gives every stream of a session the same frame, as Hono's writeSSE would write it", async () => {
    const h = hub()
    const fanout = createSessionFanout(h.events)
    const frames: Uint8Array[] = []
    fanout.subscribe('a', (_e, f) => frames.push(f))
    fanout.subscribe('a', (_e, f) => frames.push(f))
    const event = { type: 'admission.granted', sessionId: 'a', participantId: 'p\n"x' } as const
    h.deliver(event)
    expect(frames).toHaveLength(2)
    expect(frames[0]).toBe(frames[1])
    const written: string[] = []
    const sse = new SSEStreamingApi(
      new WritableStream({
        write: (c: Uint8Array) => void written.push(new TextDecoder().decode(c)),
      }),
      new ReadableStream()
    )
    await sse.writeSSE({ event: 'message', data: JSON.stringify(event) })
    expect(new TextDecoder().decode(frames[0])).toBe(written.join(''))
  })
})
