import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { StreamSignal } from './events'
import { SessionParams } from '../../shared/sessions'
import type { AppEnv, Deps } from '../deps'
import { notFound } from '../http/errors'
import { validate } from '../http/validate'
import { keepAliveInCall } from '../accounts/service'
import { isAdmitted } from '../admission/service'
import { findAccessible } from '../sessions/access'
import { createSessionFanout } from './fanout'

const HEARTBEAT_MS = 20_000

export function realtimeRoutes(deps: Deps) {
  const fanout = createSessionFanout(deps.events)
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
      return streamSSE(c, async (stream) => {
        // Events arrive as their finished frames (fanout.ts), written as they are.
        const queue: (Uint8Array | StreamSignal)[] = []
        let wake: (() => void) | undefined
        let heartbeats = 0
        const push = (item: Uint8Array | StreamSignal) => {
          queue.push(item)
          wake?.()
        }
        const unsubscribe = fanout.subscribe(sessionId, (_event, frame) => push(frame))
        const unsignal = deps.events.onSignal(push)
        stream.onAbort(() => {
          unsubscribe()
          unsignal()
          wake?.()
        })
        await stream.writeSSE({ event: 'ready', data: '{}' })
        while (!stream.aborted) {
          const item = queue.shift()
          if (item === 'reconnect') {
            // This instance is shutting down: the client reconnects (to another instance) and refetches.
            await stream.writeSSE({ event: 'reconnect', data: '{}' })
            break
          }
          if (item === 'resync') {
            // Events may have been missed while the database was away: the client refetches everything.
            await stream.writeSSE({ event: 'resync', data: '{}' })
            continue
          }
          if (item) {
            await stream.write(item)
            continue
          }
          let timer: NodeJS.Timeout | undefined
          await new Promise<void>((resolve) => {
            wake = resolve
            timer = setTimeout(resolve, HEARTBEAT_MS)
          })
          // Woken by an event: drop the heartbeat timer rather than leave one behind per event.
          clearTimeout(timer)
          wake = undefined
          if (queue.length === 0 && !stream.aborted) {
            await stream.write(': heartbeat\n\n')
            if (++heartbeats % heartbeatsPerKeepAlive !== 0) continue
            await keepAliveInCall(deps, c.var.actor, () =>
              isAdmitted(deps.db, c.var.actor, sessionId)
            ).catch(() => undefined)
          }
        }
        unsignal()
        unsubscribe()
      })
    }
  )
}
