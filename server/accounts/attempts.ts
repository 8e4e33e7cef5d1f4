// Attempt limits for secrets people type (passwords, dates of birth). An attempt is counted *before* it is checked
// (reserved under a lock in one transaction) so a burst of parallel requests gets exactly the allowed number of
// checks; a success gives its reservation back. Limits per key are per network, with a wider cap across all
// networks, so an attacker's failures elsewhere cannot lock the right person out.
import type { Db } from '../db/client'
import * as store from './store'

export const ATTEMPT_WINDOW_MS = 15 * 60 * 1000

export type AttemptLimits = {
  /** Failures for one key (an account, a patient's link) from one network. */
  perKeyFromNetwork?: number
  /** Failures for one key from everywhere: the cap on a guessing attack spread over many networks. */
  perKey?: number
  /** Failures of this kind from one address, whatever the key. */
  perIp?: number
}

export type Attempt = { kind: store.AttemptKind; key: string; ip: string | null; at: Date }

function overLimit(
  n: Awaited<ReturnType<typeof store.countRecentAttempts>>,
  limits: AttemptLimits
) {
  return (
    n.byKeyFromNetwork >= (limits.perKeyFromNetwork ?? Infinity) ||
    n.byKey >= (limits.perKey ?? Infinity) ||
    n.byIp >= (limits.perIp ?? Infinity)
  )
}

/** Counts the attempt and returns its id (give it back with `releaseAttempt` when it succeeds), or returns null
 * when a limit is reached: then nothing is counted. */
export async function reserveAttempt(db: Db, attempt: Attempt, limits: AttemptLimits) {
  return db.transaction(async (tx) => {
    await store.lockAttempts(tx, attempt.kind, attempt.key, attempt.ip)
    const since = new Date(attempt.at.getTime() - ATTEMPT_WINDOW_MS)
    if (
      overLimit(
        await store.countRecentAttempts(tx, attempt.kind, attempt.key, attempt.ip, since),
        limits
      )
    )
      return null
    return store.insertAttempt(tx, attempt)
  })
}

/** Moves a reserved attempt onto a key learnt later (the person a link belongs to), within that key's limits;
 * false (and the reservation given back) when they are reached. */
export async function narrowAttempt(db: Db, id: string, attempt: Attempt, limits: AttemptLimits) {
  return db.transaction(async (tx) => {
    await store.lockAttempts(tx, attempt.kind, attempt.key, null)
    const since = new Date(attempt.at.getTime() - ATTEMPT_WINDOW_MS)
    const n = await store.countRecentAttempts(tx, attempt.kind, attempt.key, attempt.ip, since)
    if (overLimit({ ...n, byIp: 0 }, limits)) {
      await store.deleteAttempt(tx, id)
      return false
    }
    await store.rekeyAttempt(tx, id, attempt.key)
    return true
  })
}

/** A success is not a failure: the reservation is given back. */
export const releaseAttempt = (db: Db, id: string) => store.deleteAttempt(db, id)
