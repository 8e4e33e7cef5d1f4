import { describe, expect, it } from 'vitest'
import {
  minutesIn,
  presenceIntervals,
  presentNow,
  type PresenceEvent,
} from '../../../server/attendance/intervals'

const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 15, minute))
const ev = (participantId: string, kind: 'joined' | 'left', minute: number): PresenceEvent => ({
  participantId,
  kind,
  at: at(minute),
})

describe('attended time from join and leave events', () => {
  it('pairs joins with leaves whatever order the events arrived in', () => {
    const intervals = presenceIntervals(
      [ev('a', 'left', 40), ev('a', 'joined', 30), ev('a', 'left', 20), ev('a', 'joined', 5)],
      at(60)
    )
    expect(minutesIn(intervals.get('a')!)).toBe(25)
  })

  it('ignores a repeated join while present and a leave while absent', () => {
    const intervals = presenceIntervals(
      [ev('a', 'joined', 0), ev('a', 'joined', 10), ev('a', 'left', 30), ev('a', 'left', 45)],
      at(60)
    )
    expect(minutesIn(intervals.get('a')!)).toBe(30)
  })

  it('counts someone still present until the given end', () => {
    const intervals = presenceIntervals([ev('a', 'joined', 15)], at(45))
    expect(minutesIn(intervals.get('a')!)).toBe(30)
    expect(presentNow([ev('a', 'joined', 15), ev('b', 'joined', 1), ev('b', 'left', 2)])).toEqual(
      new Set(['a'])
    )
  })

  it('never double counts a reconnect at the same instant', () => {
    const intervals = presenceIntervals(
      [ev('a', 'joined', 0), ev('a', 'joined', 20), ev('a', 'left', 20), ev('a', 'left', 30)],
      at(60)
    )
    expect(minutesIn(intervals.get('a')!)).toBe(30)
  })
})
