import { Hono } from 'hono'
import * as z from 'zod'
import { ParticipantParams, SessionParams } from '../../shared/sessions'
import {
  AddParticipantInput,
  ScheduleSessionInput,
  UpdateSessionInput,
} from '../../shared/session-inputs'
import type { AppEnv, Deps } from '../deps'
import { validate } from '../http/validate'
import * as sessions from './service'

const ListQuery = z.object({ scope: z.enum(['upcoming', 'past']).default('upcoming') })

export function sessionsRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/sessions', validate('query', ListQuery), async (c) =>
      c.json(await sessions.listMySessions(deps, c.var.actor, c.req.valid('query').scope))
    )
    .post('/sessions', validate('json', ScheduleSessionInput), async (c) =>
      c.json(await sessions.schedule(deps, c.var.actor, c.req.valid('json')), 201)
    )
    .get('/sessions/:sessionId', validate('param', SessionParams), async (c) =>
      c.json(await sessions.getSession(deps, c.var.actor, c.req.valid('param').sessionId))
    )
    .patch(
      '/sessions/:sessionId',
      validate('param', SessionParams),
      validate('json', UpdateSessionInput),
      async (c) =>
        c.json(
          await sessions.updateSession(
            deps,
            c.var.actor,
            c.req.valid('param').sessionId,
            c.req.valid('json')
          )
        )
    )
    .post('/sessions/:sessionId/cancel', validate('param', SessionParams), async (c) =>
      c.json(await sessions.cancelSession(deps, c.var.actor, c.req.valid('param').sessionId))
    )
    .post(
      '/sessions/:sessionId/participants',
      validate('param', SessionParams),
      validate('json', AddParticipantInput),
      async (c) =>
        c.json(
          await sessions.addParticipant(
            deps,
            c.var.actor,
            c.req.valid('param').sessionId,
            c.req.valid('json')
          ),
          201
        )
    )
    .post(
      '/sessions/:sessionId/participants/:participantId/invitation',
      validate('param', ParticipantParams),
      async (c) => {
        const { sessionId, participantId } = c.req.valid('param')
        return c.json(
          await sessions.reissueInvitation(deps, c.var.actor, sessionId, participantId),
          201
        )
      }
    )
}
