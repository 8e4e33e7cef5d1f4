// Sends events one at a time and times each delivery: from just before the command is sent until the event is
// read on every stream of its session (`latencies`), then counts what went wrong across all streams.
import type { Stream } from './streams'

export type Planned = { sessionId: string; type: string; send: () => Promise<unknown> }

export type Delivery = {
  latencies: number[]
  /** Receipts beyond the number of events published for the stream's session. */
  duplicates: number
  /** Receipts of another session's event. */
  misdelivered: number
  /** Events published for a stream's session that never reached it. */
  missing: number
  /** Command → last of its streams, one per event. */
  per_event_last_ms: number[]
}

const TIMEOUT_MS = 5_000

export async function drive(streams: Stream[], plan: Planned[]): Promise<Delivery> {
  const bySession = new Map<string, Stream[]>()
  for (const s of streams) bySession.set(s.sessionId, [...(bySession.get(s.sessionId) ?? []), s])
  const expected = new Map<Stream, number>()
  // Only what arrives during this drive counts (a stream may have served an earlier one).
  const start = new Map(streams.map((s) => [s, s.receipts.length]))
  const latencies: number[] = []
  const perEventLast: number[] = []
  for (const event of plan) {
    const targets = bySession.get(event.sessionId) ?? []
    const from = targets.map((s) => s.receipts.length)
    const t0 = performance.now()
    await event.send()
    const arrived = () =>
      targets.map((s, i) =>
        s.receipts
          .slice(from[i])
          .find((r) => r.type === event.type && r.sessionId === event.sessionId)
      )
    for (let found = arrived(); ; found = arrived()) {
      if (found.every(Boolean)) {
        for (const r of found) latencies.push(r!.at - t0)
        perEventLast.push(Math.max(0, ...found.map((r) => r!.at - t0)))
        break
      }
      if (performance.now() - t0 > TIMEOUT_MS) break
      await new Promise((r) => setImmediate(r))
    }
    for (const s of targets)
      expected.set(s, (expected.get(s) ?? 0) + (event.type === 'admission.granted' ? 2 : 1))
  }
  // Late duplicates would come within this quiet period.
  await new Promise((r) => setTimeout(r, 1_000))
  let duplicates = 0
  let misdelivered = 0
  let missing = 0
  for (const s of streams) {
    const mine = s.receipts.slice(start.get(s))
    const own = mine.filter((r) => r.sessionId === s.sessionId).length
    misdelivered += mine.length - own
    const want = expected.get(s) ?? 0
    duplicates += Math.max(0, own - want)
    missing += Math.max(0, want - own)
  }
  return { latencies, duplicates, misdelivered, missing, per_event_last_ms: perEventLast }
}

export const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN
  const s = [...xs].sort((a, b) => a - b)
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10
}
