import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ServerEvent } from '../../../shared/events'
import { createHintThrottle } from '../../../server/realtime/hints'

const changed = (patientId: string): ServerEvent => ({ type: 'outcomes.changed', patientId })

describe('refresh hints', () => {
  let sent: ServerEvent[]
  beforeEach(() => {
    vi.useFakeTimers()
    sent = []
  })
  afterEach(() => vi.useRealTimers())
  const throttle = () => createHintThrottle((e) => sent.push(e), 1000)

  it("lets a key's first change send its own hint, and folds the rest of the window into one", () => {
    const hints = throttle()
    expect(hints.claim('a')).toBe(true)
    expect(hints.claim('a')).toBe(false)
    hints.fold('a', changed('a'))
    expect(hints.claim('a')).toBe(false)
    hints.fold('a', changed('a'))
    expect(sent).toEqual([])
    vi.advanceTimersByTime(999)
    expect(sent).toEqual([])
    vi.advanceTimersByTime(1)
    expect(sent).toEqual([changed('a')])
  })

  it('keeps keys apart', () => {
    const hints = throttle()
    expect(hints.claim('a')).toBe(true)
    expect(hints.claim('b')).toBe(true)
    hints.fold('b', changed('b'))
    vi.advanceTimersByTime(1000)
    expect(sent).toEqual([changed('b')])
  })

  it('sends nothing at the end of a window with no further change, and then lets the next change through', () => {
    const hints = throttle()
    expect(hints.claim('a')).toBe(true)
    vi.advanceTimersByTime(1000)
    expect(sent).toEqual([])
    expect(hints.claim('a')).toBe(true)
  })

  it('opens a new window with a folded hint, so a steady stream of changes gives one hint per window', () => {
    const hints = throttle()
    hints.claim('a')
    for (let ms = 0; ms < 3000; ms += 100) {
      if (!hints.claim('a')) hints.fold('a', changed('a'))
      vi.advanceTimersByTime(100)
    }
    // Windows close at 1 s, 2 s and 3 s: one folded hint at each.
    expect(sent).toHaveLength(3)
  })

  it('sends at once a change that committed after its window closed', () => {
    const hints = throttle()
    expect(hints.claim('a')).toBe(true)
    expect(hints.claim('a')).toBe(false)
    vi.advanceTimersByTime(1000)
    // The second change's commit came back only now.
    hints.fold('a', changed('a'))
    expect(sent).toEqual([changed('a')])
  })

  it('drops what is pending when closed', () => {
    const hints = throttle()
    hints.claim('a')
    hints.fold('a', changed('a'))
    hints.close()
    vi.advanceTimersByTime(5000)
    expect(sent).toEqual([])
  })
})
