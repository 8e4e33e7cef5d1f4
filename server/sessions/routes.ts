import { Hono } from 'hono'
import * as z from 'zod'
import type { AppEnv, Deps } from '../deps'
import { validate } from '../http/validate'
import * as sessions from './service'

const ListQuery = z.object({ scope: z.enum(['upcoming', 'past']).default('upcoming') })

export function sessionsRoutes(deps: Deps) {
  return new Hono<AppEnv>().get('/sessions', validate('query', ListQuery), async (c) =>
    c.json(await sessions.listMySessions(deps, c.var.actor, c.req.valid('query').scope))
  )
}
