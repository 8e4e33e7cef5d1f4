// Attended time from a join/leave feed that may arrive twice, late or out of order. Pure, so it is unit-tested.

export type PresenceEvent = { participantId: string; kind: 'joined' | 'left'; at: Date }
export type Interval = { from: Date; to: Date }

/**
 * Sorts each person's events by time and pairs joins with the next leave. A repeated join while present and a leave
 * while absent change nothing; a person still present is counted until `until`.
 */
export function presenceIntervals(events: PresenceEvent[], until: Date): Map<string, Interval[]> {
  const byPerson = new Map<string, PresenceEvent[]>()
  for (const e of events)
    byPerson.set(e.participantId, [...(byPerson.get(e.participantId) ?? []), e])
  const result = new Map<string, Interval[]>()
  for (const [participantId, list] of byPerson) {
    // At the same instant a leave sorts before a join, so a quick reconnect never double counts.
    list.sort(
      (a, b) =>
        a.at.getTime() - b.at.getTime() || (a.kind === b.kind ? 0 : a.kind === 'left' ? -1 : 1)
    )
    const intervals: Interval[] = []
    let since: Date | undefined
    for (const e of list) {
      if (e.kind === 'joined' && !since) since = e.at
      else if (e.kind === 'left' && since) {
        intervals.push({ from: since, to: e.at })
        since = undefined
      }
    }
    if (since && until > since) intervals.push({ from: since, to: until })
    result.set(participantId, intervals)
  }
  return result
}

export const minutesIn = (intervals: Interval[]) =>
  Math.round(
    (intervals.reduce((sum, i) => sum + (i.to.getTime() - i.from.getTime()), 0) / 60_000) * 10
  ) / 10

/** People whose feed says they are in the call now. */
export function presentNow(events: PresenceEvent[]): Set<string> {
  const far = new Date(8.64e15)
  const present = new Set<string>()
  for (const [participantId, intervals] of presenceIntervals(events, far)) {
    if (intervals.at(-1)?.to === far) present.add(participantId)
  }
  return present
}
