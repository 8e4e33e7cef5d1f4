// The loop behind every event stream: queue what arrives, write it in order, pass on resync and reconnect, and
// send a heartbeat when nothing has happened for a while so proxies keep the connection open.
import type { SSEStreamingApi } from 'hono/streaming'
import type { EventHub, StreamSignal } from './events'

export const HEARTBEAT_MS = 20_000

export type Pump<T> = {
  /** Starts delivering items to `push`; returns how to stop. */
  subscribe: (push: (item: T) => void) => () => void
  /** Writes one item (or decides not to, for a reader who may not receive it). */
  write: (item: T) => Promise<unknown>
  /** After each heartbeat written. */
  onHeartbeat?: () => Promise<void>
}

export async function pumpEvents<T>(
  events: Pick<EventHub, 'onSignal'>,
  stream: SSEStreamingApi,
  pump: Pump<T>
) {
  const queue: (T | StreamSignal)[] = []
  let wake: (() => void) | undefined
  const push = (item: T | StreamSignal) => {
    queue.push(item)
    wake?.()
  }
  const unsubscribe = pump.subscribe(push)
  const unsignal = events.onSignal(push)
  stream.onAbort(() => {
    unsubscribe()
    unsignal()
    wake?.()
  })
  await stream.writeSSE({ event: 'ready', data: '{}' })
  while (!stream.aborted) {
    const item = queue.shift()
    if (item === 'reconnect') {
      // This instance is shutting down: the client reconnects (to another instance) and refetches.
      await stream.writeSSE({ event: 'reconnect', data: '{}' })
      break
    }
    if (item === 'resync') {
      // Events may have been missed while the database was away: the client refetches everything.
      await stream.writeSSE({ event: 'resync', data: '{}' })
      continue
    }
    if (item !== undefined) {
      await pump.write(item)
      continue
    }
    let timer: NodeJS.Timeout | undefined
    await new Promise<void>((resolve) => {
      wake = resolve
      timer = setTimeout(resolve, HEARTBEAT_MS)
    })
    // Woken by an event: drop the heartbeat timer rather than leave one behind per event.
    clearTimeout(timer)
    wake = undefined
    if (queue.length === 0 && !stream.aborted) {
      await stream.write(': heartbeat\n\n')
      await pump.onHeartbeat?.()
    }
  }
  unsignal()
  unsubscribe()
}
