// A transaction for a hot path, in as few round trips as its logic allows: BEGIN travels with the first statements
// and COMMIT with the last ones, on one reserved connection of the pool. postgres.js sends statements made in the
// same tick in one write and PostgreSQL runs them in order; after an error it refuses every later statement of the
// transaction and answers COMMIT with a rollback, so nothing is stored unless every statement succeeded.
// Elsewhere use db.transaction (db/client.ts): each of its statements waits for the one before (BENCHMARKS.md, outcomes).
import type postgres from 'postgres'
import type { Db } from './client'
import { throwIfAnswered } from './deadline'

export type Conn = postgres.ReservedSql

/** The postgres.js client under the drizzle one (the same pool). */
export const rawClient = (db: Db) => (db as Db & { $client: postgres.Sql }).$client

/**
 * Runs `work` in a transaction on one connection. `work` sends statements without awaiting each (start them with
 * `.execute()`, in order), and calls `commit()` in the same tick as its last statements: the commit is sent after them.
 * Statements started after `commit()` (same tick) follow it in the same write, outside the transaction.
 * Like db.transaction, it refuses to start or commit for a request that was already answered (db/deadline.ts).
 */
export async function pipelinedTransaction<T>(
  db: Db,
  work: (conn: Conn, commit: () => Promise<void>) => Promise<T>
): Promise<T> {
  throwIfAnswered()
  const conn = await rawClient(db).reserve()
  let committing: Promise<void> | undefined
  const commit = () => {
    throwIfAnswered()
    committing = conn`commit`.execute().then((r) => {
      // PostgreSQL answers COMMIT of a failed transaction with ROLLBACK, not with an error.
      if (r.command !== 'COMMIT') throw new Error('the transaction was rolled back')
    })
    // Seen by the caller; marked handled here for when an earlier statement's error ends the work first.
    committing.catch(() => undefined)
    return committing
  }
  try {
    const begun = conn`begin`.execute()
    // A failed BEGIN fails the statements after it too; the caller sees theirs.
    begun.catch(() => undefined)
    const result = await work(conn, commit)
    await begun
    if (!committing) throw new Error('pipelinedTransaction: work returned without committing')
    await committing
    return result
  } catch (err) {
    // Harmless after a COMMIT that already rolled back; needed when the work failed before sending it.
    await conn`rollback`.catch(() => undefined)
    throw err
  } finally {
    conn.release()
  }
}
