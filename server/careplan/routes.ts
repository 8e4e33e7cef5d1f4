import type { IncomingMessage } from 'node:http'
import { upgradeWebSocket } from '@hono/node-server'
import { Hono } from 'hono'
import type { WebSocket } from 'ws'
import { ComparisonQuery, PlanParams, PlanQuery, VersionParams } from '../../shared/careplan'
import type { AppEnv, Deps } from '../deps'
import { AppError, unauthenticated } from '../http/errors'
import { validate } from '../http/validate'
import type { Collaboration } from './collaboration'
import * as careplan from './service'

export function careplanRoutes(deps: Deps, collaboration: Collaboration | undefined) {
  const plan = validate('param', PlanParams)
  const routes = new Hono<AppEnv>()
    .get('/patients/:id/careplan', plan, validate('query', PlanQuery), async (c) =>
      c.json(
        await careplan.viewPlan(
          deps,
          c.var.actor,
          c.req.valid('param').id,
          c.req.valid('query').sessionId ?? null
        )
      )
    )
    .post('/patients/:id/careplan/versions', plan, async (c) =>
      c.json(await careplan.saveVersion(deps, c.var.actor, c.req.valid('param').id), 201)
    )
    .get(
      '/patients/:id/careplan/versions/:versionId',
      validate('param', VersionParams),
      validate('query', PlanQuery),
      async (c) => {
        const { id, versionId } = c.req.valid('param')
        const sessionId = c.req.valid('query').sessionId ?? null
        return c.json(await careplan.getVersion(deps, c.var.actor, id, versionId, sessionId))
      }
    )
    .get(
      '/patients/:id/careplan/versions/:versionId/comparison',
      validate('param', VersionParams),
      validate('query', ComparisonQuery),
      async (c) => {
        const { id, versionId } = c.req.valid('param')
        const { from, sessionId } = c.req.valid('query')
        return c.json(
          await careplan.compareVersions(deps, c.var.actor, id, versionId, from, sessionId ?? null)
        )
      }
    )
  if (!collaboration) return routes
  // The document socket. Refused before the upgrade: another site's page (a browser always sends Origin), and
  // anyone not signed in. Each document is then authorised on its own (collaboration.ts).
  return routes.get(
    '/careplan/socket',
    async (c, next) => {
      const origin = c.req.header('origin')
      const allowed = [new URL(deps.config.publicUrl).origin, new URL(c.req.url).origin]
      if (!origin || !allowed.includes(origin))
        throw new AppError(403, 'not_allowed', 'This connection came from another site.')
      if (c.var.actor.kind === 'anonymous') throw unauthenticated()
      await next()
    },
    upgradeWebSocket((c) => ({
      onOpen: (_event, ws) =>
        collaboration.handle(
          ws.raw as WebSocket,
          (c.env as { incoming: IncomingMessage }).incoming,
          c.var.actor
        ),
    }))
  )
}
