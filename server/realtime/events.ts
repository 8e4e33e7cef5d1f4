// Server events: published with pg_notify inside the transaction that made the change (a rollback notifies nobody),
// fanned out by one LISTEN connection per instance to the open event streams.
//
// NOTIFY is not stored: whatever is published while this connection is down is lost. So the hub owns its LISTEN
// connection, re-establishes it as soon as the database answers again, and then tells every open stream to
// `resync` (its client refetches everything it shows). The outage and the recovery are logged once each.
import { setTimeout as sleep } from 'node:timers/promises'
import postgres from 'postgres'
import { sql } from 'drizzle-orm'
import { ServerEvent } from '../../shared/events'
import type { Queryable } from '../db/client'
import type { Conn } from '../db/pipelined'
import { errorFacts, type Logger } from '../log'
import { createSessionFanout, type SessionFanout } from './fanout'
import { createHintThrottle, type HintThrottle } from './hints'

const CHANNEL = 'app_events'

/** What publish() sends with pg_notify, for a transaction that sends its own statements (db/pipelined.ts). */
export const notification = (event: ServerEvent) => ({
  channel: CHANNEL,
  payload: JSON.stringify(ServerEvent.parse(event)),
})
/** publish() for a pipelined transaction (db/pipelined.ts): delivered when it commits, never if it rolls back. */
export const notify = (conn: Conn, event: ServerEvent) => {
  const { channel, payload } = notification(event)
  return conn`select pg_notify(${channel}, ${payload})`.execute()
}

/** How often to try LISTEN again while the database is away. */
const RELISTEN_EVERY_MS = 250

/** What a stream must tell its client besides events: refetch everything, or reconnect (to another instance). */
export type StreamSignal = 'resync' | 'reconnect'

export type EventHub = {
  publish: (tx: Queryable, event: ServerEvent) => Promise<void>
  subscribe: (listener: (event: ServerEvent) => void) => () => void
  /** The same events by session (fanout.ts), one instance per hub: event streams and waiting token requests. */
  sessions: SessionFanout
  /** Refresh hints (`outcomes.changed`), at most one per patient per second and instance (hints.ts). */
  hints: HintThrottle
  /** Signals for every open stream: `resync` after a gap in LISTEN, `reconnect` when the instance shuts down. */
  onSignal: (listener: (signal: StreamSignal) => void) => () => void
  /** Tells every open stream to reconnect (shutdown); streams end after sending it. */
  signal: (signal: StreamSignal) => void
  close: () => Promise<void>
}

export async function createEventHub(client: postgres.Sql, log: Logger): Promise<EventHub> {
  const listeners = new Set<(event: ServerEvent) => void>()
  const signalListeners = new Set<(signal: StreamSignal) => void>()
  // Once shutting down, a stream that opens late (on a kept-alive connection) is told to reconnect at once.
  let shuttingDown = false
  const signal = (s: StreamSignal) => {
    if (s === 'reconnect') shuttingDown = true
    for (const listener of [...signalListeners]) listener(s)
  }
  let closing = false
  let down = false
  let relistening: Promise<void> | undefined

  // The pool's options (already parsed: a fresh `shared` keeps its retry count apart from the pool's), on one
  // connection of our own, so that losing it is seen at once.
  const connection = postgres({
    ...client.options,
    shared: { retries: 0, typeArrayMap: {} },
    max: 1,
    idle_timeout: null,
    max_lifetime: null,
    fetch_types: false,
    onnotify: (channel: string, payload: string) => {
      if (channel !== CHANNEL) return
      const parsed = ServerEvent.safeParse(JSON.parse(payload))
      if (!parsed.success) return log.warn('dropped a malformed server event')
      for (const listener of [...listeners]) listener(parsed.data)
    },
    onclose: () => {
      if (closing) return
      if (!down) log.warn('database connection lost: server events paused until it is back')
      down = true
      relistening ??= relisten().finally(() => (relistening = undefined))
    },
  } as unknown as postgres.Options<Record<string, never>>)

  const listen = () => connection.unsafe(`listen ${CHANNEL}`)

  async function relisten() {
    while (!closing) {
      try {
        await listen()
        break
      } catch (err) {
        if (closing) return
        log.debug('LISTEN not yet re-established', errorFacts(err))
        await sleep(RELISTEN_EVERY_MS)
      }
    }
    if (closing || !down) return
    down = false
    log.info('database connection restored: open event streams told to resync')
    signal('resync')
  }

  await listen()
  // A folded hint is sent after its changes committed, on the pool, as its own statement.
  const hints = createHintThrottle((event) => {
    const { channel, payload } = notification(event)
    client`select pg_notify(${channel}, ${payload})`.catch(() =>
      log.warn('a refresh hint was not published')
    )
  })
  const subscribe = (listener: (event: ServerEvent) => void) => {
    listeners.add(listener)
    return () => listeners.delete(listener)
  }
  return {
    publish: async (tx, event) => {
      const { channel, payload } = notification(event)
      await tx.execute(sql`select pg_notify(${channel}, ${payload})`)
    },
    subscribe,
    sessions: createSessionFanout({ subscribe }),
    hints,
    onSignal: (listener) => {
      if (shuttingDown) queueMicrotask(() => listener('reconnect'))
      signalListeners.add(listener)
      return () => signalListeners.delete(listener)
    },
    signal,
    close: async () => {
      closing = true
      hints.close()
      listeners.clear()
      signalListeners.clear()
      await connection.end({ timeout: 1 }).catch(() => undefined)
    },
  }
}
