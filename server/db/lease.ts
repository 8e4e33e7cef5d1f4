// A lease that one app instance holds at a time: a PostgreSQL advisory lock on a connection the holder keeps.
// PostgreSQL frees it when that connection ends (the instance stopped, crashed or lost the network), so no expiry
// clock is needed: the next instance that tries takes it over. Advisory locks are per database.
import postgres from 'postgres'

/** Our advisory-lock namespace (the first of the two int4 keys): "care" in ASCII. */
const NAMESPACE = 0x63617265

export const LEASES = { reconciliation: 1 } as const

export type Lease = {
  /** Takes the lease if it is free, or confirms this instance still holds it. Never throws. */
  tryHold: () => Promise<boolean>
  release: () => Promise<void>
}

/** `url`: the database; the lease opens one connection of its own, kept open only while it holds the lease. */
export function createLease(url: string, key: number): Lease {
  let conn: postgres.Sql | undefined
  let held = false

  const drop = async () => {
    held = false
    const c = conn
    conn = undefined
    // Ending the connection frees the lock, if this connection still had it.
    await c?.end({ timeout: 1 }).catch(() => undefined)
  }

  return {
    async tryHold() {
      try {
        conn ??= postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} })
        if (held) {
          // The connection may have dropped and been reopened by the driver; pg_locks says whether it still holds it.
          const [row] = await conn<{ mine: boolean }[]>`
            select exists(
              select 1 from pg_locks
              where locktype = 'advisory' and classid = ${NAMESPACE}::int::oid and objid = ${key}::int::oid
                and objsubid = 2 and granted and pid = pg_backend_pid()
            ) as mine`
          if (row?.mine) return true
          held = false
        }
        const [row] = await conn<{ ok: boolean }[]>`
          select pg_try_advisory_lock(${NAMESPACE}, ${key}) as ok`
        held = row?.ok === true
        // Followers close their connection instead of keeping one open while they wait.
        if (!held) await drop()
        return held
      } catch {
        await drop()
        return false
      }
    },
    release: drop,
  }
}
