import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Hono } from 'hono'
import { migrationsFolder } from '../db/migrate'
import type { AppEnv, Deps } from '../deps'
import { readiness } from './service'

const journal = JSON.parse(
  readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')
) as { entries: unknown[] }

export function healthRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/healthz', (c) => c.json({ ok: true }))
    .get('/readyz', async (c) => {
      const status = await readiness(deps, journal.entries.length)
      return c.json(status, status.ok ? 200 : 503)
    })
}
