// Server events: published with pg_notify inside the transaction that made the change (a rollback notifies nobody),
// fanned out by one LISTEN connection per instance to the open event streams.
import type postgres from 'postgres'
import { sql } from 'drizzle-orm'
import { ServerEvent } from '../../shared/events'
import type { Queryable } from '../db/client'
import type { Logger } from '../log'

const CHANNEL = 'app_events'

export type EventHub = {
  publish: (tx: Queryable, event: ServerEvent) => Promise<void>
  subscribe: (listener: (event: ServerEvent) => void) => () => void
  close: () => Promise<void>
}

export async function createEventHub(client: postgres.Sql, log: Logger): Promise<EventHub> {
  const listeners = new Set<(event: ServerEvent) => void>()
  // postgres.js re-listens by itself after the connection drops.
  const subscription = await client.listen(CHANNEL, (payload) => {
    const parsed = ServerEvent.safeParse(JSON.parse(payload))
    if (!parsed.success) return log.warn('dropped a malformed server event')
    for (const listener of listeners) listener(parsed.data)
  })
  return {
    publish: async (tx, event) => {
      await tx.execute(
        sql`select pg_notify(${CHANNEL}, ${JSON.stringify(ServerEvent.parse(event))})`
      )
    },
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: async () => {
      listeners.clear()
      await subscription.unlisten().catch(() => undefined)
    },
  }
}
