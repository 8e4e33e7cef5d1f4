// The browser's side of the team stream, with a stand-in EventSource (unit layer only): a `resync` from the server,
// or a stream reopened after a gap, calls every listener with undefined, which makes the outcomes views refetch.
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

class FakeEventSource {
  static CLOSED = 2
  static opened: FakeEventSource[] = []
  readyState = 1
  onopen: (() => void) | null = null
  onerror: (() => void) | null = null
  private handlers = new Map<string, ((e: { data: string }) => void)[]>()
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this)
  }
  addEventListener(name: string, handler: (e: { data: string }) => void) {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler])
  }
  emit(name: string, data = '{}') {
    for (const h of this.handlers.get(name) ?? []) h({ data })
  }
  close() {
    this.readyState = FakeEventSource.CLOSED
  }
}

let onTeamEvent: typeof import('../../../web/src/outcomes/team-events').onTeamEvent
beforeAll(async () => {
  ;(globalThis as { EventSource?: unknown }).EventSource = FakeEventSource
  ;({ onTeamEvent } = await import('../../../web/src/outcomes/team-events'))
})
let stop: (() => void) | undefined
afterEach(() => {
  stop?.()
  FakeEventSource.opened = []
})

const patientId = '7f0c8a52-2d3b-4a4e-9b1e-2f7d2d1c9a10'

describe('the team event stream in the browser', () => {
  it('passes events on, and asks for a refetch (undefined) when the server says resync', () => {
    const heard: unknown[] = []
    stop = onTeamEvent((e) => heard.push(e))
    const source = FakeEventSource.opened.at(-1)!
    expect(source.url).toBe('/api/team-events')
    source.onopen?.()
    source.emit('message', JSON.stringify({ type: 'outcomes.changed', patientId }))
    source.emit('resync')
    expect(heard).toEqual([{ type: 'outcomes.changed', patientId }, undefined])
  })

  it('asks for a refetch when the stream reopens after a gap, and not on the first open', () => {
    const heard: unknown[] = []
    stop = onTeamEvent((e) => heard.push(e))
    const source = FakeEventSource.opened.at(-1)!
    source.onopen?.()
    expect(heard).toEqual([])
    source.onopen?.() // the browser reconnected by itself after a dropped connection
    expect(heard).toEqual([undefined])
  })

  it('reopens at once when the server says reconnect, and refetches once open', () => {
    const heard: unknown[] = []
    stop = onTeamEvent((e) => heard.push(e))
    const first = FakeEventSource.opened.at(-1)!
    first.onopen?.()
    first.emit('reconnect')
    const second = FakeEventSource.opened.at(-1)!
    expect(second).not.toBe(first)
    expect(first.readyState).toBe(FakeEventSource.CLOSED)
    second.onopen?.()
    expect(heard).toEqual([undefined])
  })
})
