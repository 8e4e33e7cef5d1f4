// Names the caller of every API request. The HTTP layer knows no feature: the resolver is handed in by app.ts.
import type { MiddlewareHandler } from 'hono'
import { clientAddress } from '../identity/client-address'
import type { Actor } from '../identity/actor'
import type { AppEnv } from '../deps'

/** The address a request is attributed to (see clientAddress). */
export function clientIp(
  c: { env?: unknown; req: { header: (n: string) => string | undefined } },
  config: { trustProxy: boolean }
): string | null {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming
  const peer = incoming?.socket?.remoteAddress ?? null
  return clientAddress(peer, c.req.header('x-forwarded-for'), config)
}

export type ActorResolver = (cookieHeader: string | undefined, ip: string | null) => Promise<Actor>

export const resolveActor =
  (config: { trustProxy: boolean }, resolve: ActorResolver): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    c.set('actor', await resolve(c.req.header('cookie'), clientIp(c, config)))
    await next()
  }
