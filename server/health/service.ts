import { sql } from 'drizzle-orm'
import type { Readiness } from '../../shared/health'
import type { Deps } from '../deps'

const LATEST_MIGRATION_COUNT_SQL = sql`select count(*)::int as n from drizzle.__drizzle_migrations`

export async function readiness(deps: Deps, expectedMigrations: number): Promise<Readiness> {
  const [database, livekit] = await Promise.all([
    checkDatabase(deps, expectedMigrations),
    checkLivekit(deps),
  ])
  return { ok: database.ok, database, livekit }
}

async function checkDatabase(deps: Deps, expected: number) {
  try {
    const rows = (await deps.db.execute(LATEST_MIGRATION_COUNT_SQL)) as unknown as { n: number }[]
    const applied = rows[0]?.n ?? 0
    return applied >= expected
      ? { ok: true, detail: `reachable; ${applied} migrations applied` }
      : { ok: false, detail: `reachable, but ${applied} of ${expected} migrations applied` }
  } catch {
    return { ok: false, detail: 'not reachable' }
  }
}

async function checkLivekit(deps: Deps) {
  if (!deps.livekit) {
    return { ok: false, detail: 'not configured: video is unavailable (see the README, "Video")' }
  }
  return deps.livekit.ping()
}
