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

export const securityHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      mediaSrc: ["'self'", 'blob:'],
      // LiveKit signalling runs on its own origin (ws/wss), so any ws(s) origin is allowed for media calls.
      connectSrc: ["'self'", 'ws:', 'wss:'],
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

/** State-changing requests must come from our own pages (defence in depth beside SameSite cookies). */
export const sameOrigin =
  (publicUrl: string): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) return next()
    const origin = c.req.header('Origin')
    if (origin && origin !== new URL(publicUrl).origin && origin !== new URL(c.req.url).origin) {
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
