import { randomUUID } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { secureHeaders } from 'hono/secure-headers'
import type { AppEnv } from '../deps'
import { payloadTooLarge } from './errors'

export const requestId = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  c.set('requestId', randomUUID())
  await next()
}

/** The origins the browser may open to reach LiveKit: its signalling socket, and the same host over http(s),
 * which livekit-client asks when a connection fails. Nothing else: no other socket anywhere. */
export function livekitOrigins(livekitUrl: string | undefined): string[] {
  if (!livekitUrl) return []
  const u = new URL(livekitUrl)
  const secure = u.protocol === 'wss:' || u.protocol === 'https:'
  return [`${secure ? 'wss' : 'ws'}://${u.host}`, `${secure ? 'https' : 'http'}://${u.host}`]
}

export const securityHeaders = (opts: { publicUrl: string; livekitUrl: string | undefined }) =>
  secureHeaders({
    // HSTS only where the app is served over https; over plain http it is meaningless and misleading.
    strictTransportSecurity: opts.publicUrl.startsWith('https:')
      ? 'max-age=31536000; includeSubDomains'
      : false,
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      mediaSrc: ["'self'", 'blob:'],
      connectSrc: ["'self'", ...livekitOrigins(opts.livekitUrl)],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
    referrerPolicy: 'no-referrer',
    xContentTypeOptions: 'nosniff',
    xFrameOptions: 'DENY',
    crossOriginEmbedderPolicy: false,
    permissionsPolicy: {
      camera: ['self'],
      microphone: ['self'],
      displayCapture: ['self'],
      geolocation: [],
    },
  })

/** Health data never belongs in a shared cache. */
export const noStore = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  await next()
  c.header('Cache-Control', 'no-store')
}

export const limitBody = (maxBytes = 64 * 1024) =>
  bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw payloadTooLarge()
    },
  })

/** State-changing requests must come from our own pages (defence in depth beside SameSite cookies). Compared with
 * PUBLIC_URL only: the request's own Host header is the client's to choose, so a forged Host proves nothing. */
export const sameOrigin = (publicUrl: string): MiddlewareHandler<AppEnv> => {
  const ours = new URL(publicUrl).origin
  return async (c, next) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) return next()
    const origin = c.req.header('Origin')
    if (origin && origin !== ours) {
      return c.json(
        {
          error: {
            code: 'not_allowed',
            message: 'This request came from another site and was refused.',
          },
        },
        403
      )
    }
    return next()
  }
}
