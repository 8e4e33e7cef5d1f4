// The one way the web talks to the API: typed requests, parsed answers, every failure an ApiError.
import * as z from 'zod/mini'
import { ErrorBody, type ErrorCode } from '../../../shared/errors'

export const unreachableMessage = "We can't reach the server. Check your connection and try again."
const unreadableMessage = 'Something went wrong on our side. Please try again.'

export class ApiError extends Error {
  readonly status: number
  readonly code: ErrorCode

  constructor(status: number, code: ErrorCode, message: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
  }

  static from(status: number, json: unknown): ApiError {
    const body = ErrorBody.safeParse(json)
    if (body.success) return new ApiError(status, body.data.error.code, body.data.error.message)
    // A proxy or a crashed server answers without our error shape.
    if (status === 502 || status === 503 || status === 504) {
      return new ApiError(status, 'unavailable', unreachableMessage)
    }
    return new ApiError(status, codeForStatus(status), unreadableMessage)
  }
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'invalid_input'
    case 401:
      return 'unauthenticated'
    case 404:
      return 'not_found'
    case 409:
      return 'conflict'
    case 413:
      return 'payload_too_large'
    case 415:
      return 'unsupported_media_type'
    case 429:
      return 'rate_limited'
    default:
      return 'internal'
  }
}

/** The words to show for any error a component catches. */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : unreadableMessage
}

export const NoContent = z.undefined()

type Hooks = {
  /** A request other than sign-in found nobody signed in (idle, expired, signed out elsewhere). */
  unauthenticated: () => void
  /** The server answered a request successfully, which also resets its idle timer. */
  answered: () => void
}
const hooks: Hooks = { unauthenticated() {}, answered() {} }

export function setApiHooks(next: Partial<Hooks>) {
  Object.assign(hooks, next)
}

// A 401 from these is an answer about the attempt itself, not news that the person was signed out.
const signInAndOutPaths = ['/auth/sign-in', '/auth/sign-out']

// Each sign-in starts a new generation. A 401 to a request sent before it (a page's preload while nobody was signed
// in) is old news, not a sign-out: acting on it would send someone who has just signed in back to the sign-in page.
let signInGeneration = 0

export function startSignInGeneration() {
  signInGeneration += 1
}

export async function call<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  output: z.core.$ZodType<T>,
  body?: unknown,
  /** Extra headers, e.g. a questionnaire link's bearer secret. */
  extraHeaders: Record<string, string> = {}
): Promise<T> {
  const generation = signInGeneration
  let res: Response
  try {
    res = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        ...extraHeaders,
        ...(body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new ApiError(0, 'unavailable', unreachableMessage)
  }

  const json: unknown = res.status === 204 ? undefined : await res.json().catch(() => null)
  if (!res.ok) {
    if (
      res.status === 401 &&
      !signInAndOutPaths.includes(path) &&
      generation === signInGeneration
    ) {
      hooks.unauthenticated()
    }
    throw ApiError.from(res.status, json)
  }
  hooks.answered()

  const parsed = z.safeParse(output, json)
  if (!parsed.success) {
    // Only paths and messages: zod issues leave out the values, which may be patient data.
    console.error(`Unexpected answer from ${method} /api${path}`, z.flattenError(parsed.error))
    throw new ApiError(res.status, 'internal', unreadableMessage)
  }
  return parsed.data
}
