import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import * as tables from './tables'

export type Db = PostgresJsDatabase<typeof tables>
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
/** A store's first argument: the pool or the transaction it runs in. */
export type Queryable = Db | Tx

export type Database = { db: Db; sql: postgres.Sql; close: () => Promise<void> }

export function connect(url: string, opts: { max?: number } = {}): Database {
  const sql = postgres(url, {
    max: opts.max ?? 10,
    connect_timeout: 5,
    idle_timeout: 30,
    onnotice: () => {},
    // Keep timestamps as Date and bigints as strings; the app never relies on driver defaults.
    types: {},
  })
  const db = drizzle({ client: sql, schema: tables })
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
