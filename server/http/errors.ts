// One error shape and one code → status map for the whole API.
import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type * as z from 'zod/mini'
import type { ErrorBody, ErrorCode } from '../../shared/errors'
import { isDatabaseUnavailable } from '../db/client'
import { RequestAlreadyAnswered } from '../db/deadline'
import type { AppEnv } from '../deps'
import { errorFacts, type Logger } from '../log'

export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(message)
  }
}

export const invalidInput = (message: string) => new AppError(400, 'invalid_input', message)
export const unauthenticated = (message = 'Please sign in to continue.') =>
  new AppError(401, 'unauthenticated', message)
/** Also used for "exists but not yours", so the two cannot be told apart. */
export const notFound = (what = 'page') =>
  new AppError(404, 'not_found', `We could not find that ${what}.`)
export const notAllowed = (message: string) => new AppError(403, 'not_allowed', message)
export const conflict = (message: string) => new AppError(409, 'conflict', message)
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new AppError(429, 'rate_limited', message, { 'Retry-After': String(retryAfterSeconds) })
export const unavailable = (message: string, retryAfterSeconds = 5) =>
  new AppError(503, 'unavailable', message, { 'Retry-After': String(retryAfterSeconds) })
export const unsupportedMediaType = () =>
  new AppError(
    415,
    'unsupported_media_type',
    'This address takes JSON. Send the body as JSON with Content-Type: application/json.'
  )
export const payloadTooLarge = () =>
  new AppError(413, 'payload_too_large', 'That request is too large. Please send less at once.')

export const body = (code: ErrorCode, message: string): ErrorBody => ({ error: { code, message } })

const DATABASE_DOWN =
  'We cannot reach our records right now. Nothing was changed. Please try again in a moment.'

export function respondWithError(c: Context, err: AppError) {
  for (const [k, v] of Object.entries(err.headers)) c.header(k, v)
  return c.json(body(err.code, err.message), err.status)
}

export function onError(log: Logger): ErrorHandler<AppEnv> {
  return (err, c) => {
    if (err instanceof AppError) return respondWithError(c, err)
    // Its request was answered 503 at its deadline already; this answer goes nowhere.
    if (err instanceof RequestAlreadyAnswered)
      return respondWithError(c, unavailable(DATABASE_DOWN))
    if (isDatabaseUnavailable(err)) return respondWithError(c, unavailable(DATABASE_DOWN))
    if (err instanceof HTTPException) {
      const status = err.status
      if (status === 413) return respondWithError(c, payloadTooLarge())
      if (status === 400)
        return respondWithError(c, invalidInput('The request could not be read. Send valid JSON.'))
      if (status < 500)
        return respondWithError(
          c,
          new AppError(status, 'invalid_input', 'The request was not accepted.')
        )
    }
    const facts = errorFacts(err)
    // A data exception (SQLSTATE class 22) is bad input the schemas did not catch: the caller's fault, not ours.
    if (facts.sqlState?.startsWith('22')) {
      log.warn('input refused by the database', { requestId: c.get('requestId'), ...facts })
      return respondWithError(
        c,
        invalidInput('Some of what was sent cannot be stored. Check the text and dates.')
      )
    }
    // Class, SQLSTATE and request id only: messages and stacks can carry query values (see errorFacts).
    log.error('unhandled error', { requestId: c.get('requestId'), ...facts })
    return c.json(
      body('internal', 'Something went wrong on our side. Nothing was changed. Please try again.'),
      500
    )
  }
}

export const notFoundJson: NotFoundHandler<AppEnv> = (c) =>
  c.json(body('not_found', 'There is nothing at this address.'), 404)

export function zodMessage(error: z.core.$ZodError): string {
  const first = error.issues[0]
  if (!first) return 'The request is not valid.'
  const where = first.path.length ? `${first.path.join('.')}: ` : ''
  return `${where}${first.message}`
}
