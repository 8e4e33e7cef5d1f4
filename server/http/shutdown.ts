// Graceful shutdown of the HTTP server: stop accepting, let requests in flight finish, end event streams with a
// `reconnect` event, then close. Cutting connections first would reset sign-ins, admissions and uploads mid-way.
import type { Server } from 'node:http'
import type { Http2SecureServer, Http2Server } from 'node:http2'
import type { Logger } from '../log'
import type { EventHub } from '../realtime/events'

/** How long requests in flight may take to finish. docker-compose.yml's stop_grace_period leaves room above it. */
export const SHUTDOWN_GRACE_MS = 15_000
/** While draining, keep-alive connections that fall idle are closed this often. */
const IDLE_SWEEP_MS = 100

type AnyServer = Server | Http2Server | Http2SecureServer

export async function drainServer(
  server: AnyServer,
  events: EventHub,
  log: Logger,
  graceMs = SHUTDOWN_GRACE_MS
): Promise<void> {
  const http = server as Server
  const closed = new Promise<void>((resolve) => http.close(() => resolve()))
  // Streams write their last event and end, so their connections can close like any other.
  events.signal('reconnect')
  const sweep = setInterval(() => http.closeIdleConnections?.(), IDLE_SWEEP_MS)
  http.closeIdleConnections?.()
  let timer: ReturnType<typeof setTimeout> | undefined
  const outcome = await Promise.race([
    closed.then(() => 'drained' as const),
    new Promise<'late'>((resolve) => (timer = setTimeout(resolve, graceMs, 'late'))),
  ])
  clearInterval(sweep)
  clearTimeout(timer)
  if (outcome === 'late') {
    log.warn('requests still running at the end of the shutdown grace period were cut off')
    http.closeAllConnections?.()
    await closed
  }
}
