import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import { throwIfAnswered } from './deadline'
import * as tables from './tables'

export type Db = PostgresJsDatabase<typeof tables>
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
/** A store's first argument: the pool or the transaction it runs in. */
export type Queryable = Db | Tx

export type Database = { db: Db; sql: postgres.Sql; close: () => Promise<void> }

/** How long one statement may run; a request never waits on the database for longer than its deadline anyway. */
const STATEMENT_TIMEOUT_MS = 8_000

/**
 * `serving: true` for the pool that serves requests: its statements and idle transactions time out. Migrations and
 * administrative connections (creating databases, copying templates) may legitimately take longer.
 */
export function connect(url: string, opts: { max?: number; serving?: boolean } = {}): Database {
  const sql = postgres(url, {
    max: opts.max ?? 10,
    connect_timeout: 3,
    idle_timeout: 30,
    // postgres.js waits longer before each new connection attempt after failures (up to 20 s), and queues queries
    // meanwhile: after an outage, requests and LISTEN would stay stuck long after the database is back.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 0.5),
    connection: opts.serving
      ? {
          statement_timeout: STATEMENT_TIMEOUT_MS,
          idle_in_transaction_session_timeout: 2 * STATEMENT_TIMEOUT_MS,
        }
      : {},
    onnotice: () => {},
    // Keep timestamps as Date and bigints as strings; the app never relies on driver defaults.
    types: {},
  })
  const db = refuseLateCommits(drizzle({ client: sql, schema: tables }))
  return { db, sql, close: () => sql.end({ timeout: 5 }) }
}

const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57014', // query_canceled: statement_timeout
  '25P03', // idle_in_transaction_session_timeout
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08006',
])

/** True when an error means the database cannot be reached, as opposed to a bad query. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && unavailableCodes.has(code)) return true
    e = (e as { cause?: unknown }).cause
  }
  return false
}

/**
 * Every transaction checks, when it gets its connection and again just before it commits, that its request has not
 * already been answered (its deadline passed, see server/http/deadline.ts); if it has, it rolls back, so that the
 * client is not told "try again" about a change that then happens anyway.
 */
function refuseLateCommits(db: Db): Db {
  const transaction = db.transaction.bind(db)
  db.transaction = ((work, config) =>
    transaction(async (tx) => {
      throwIfAnswered()
      const result = await work(tx)
      throwIfAnswered()
      return result
    }, config)) as Db['transaction']
  return db
}
