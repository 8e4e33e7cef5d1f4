import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { SessionParams } from '../../shared/sessions'
import type { AppEnv, Deps } from '../deps'
import { notFound } from '../http/errors'
import { validate } from '../http/validate'
import { keepAliveInCall } from '../accounts/service'
import { isAdmitted } from '../admission/service'
import { findAccessible } from '../sessions/access'
import { HEARTBEAT_MS, pumpEvents } from './pump'

export function realtimeRoutes(deps: Deps) {
  // Keeping a clinician's sign-in alive during a call needs a database check; once per third of the idle timeout is
  // enough to keep it alive, where every heartbeat of every open stream was a load that grew with the streams.
  const heartbeatsPerKeepAlive = Math.max(
    1,
    Math.floor((deps.config.idleTimeoutSeconds * 1000) / 3 / HEARTBEAT_MS)
  )
  return new Hono<AppEnv>().get(
    '/sessions/:sessionId/events',
    validate('param', SessionParams),
    async (c) => {
      const { sessionId } = c.req.valid('param')
      // The same check as every other read of this session: "not yours" and "not there" look alike.
      if (!(await findAccessible(deps.db, c.var.actor, sessionId))) throw notFound('session')
      let heartbeats = 0
      return streamSSE(c, (stream) =>
        pumpEvents<Uint8Array>(deps.events, stream, {
          // Events arrive as their finished frames (fanout.ts), written as they are.
          subscribe: (push) =>
            deps.events.sessions.subscribe(sessionId, (_event, frame) => push(frame)),
          write: (frame) => stream.write(frame),
          onHeartbeat: async () => {
            if (++heartbeats % heartbeatsPerKeepAlive !== 0) return
            await keepAliveInCall(deps, c.var.actor, () =>
              isAdmitted(deps.db, c.var.actor, sessionId)
            ).catch(() => undefined)
          },
        })
      )
    }
  )
}
