import { Hono } from 'hono'
import { SessionParams } from '../../shared/sessions'
import type { AppEnv, Deps } from '../deps'
import { validate } from '../http/validate'
import * as attendance from './service'

export function attendanceRoutes(deps: Deps) {
  return new Hono<AppEnv>().get(
    '/sessions/:sessionId/attendance',
    validate('param', SessionParams),
    async (c) => c.json(await attendance.summary(deps, c.var.actor, c.req.valid('param').sessionId))
  )
}
