import type { MiddlewareHandler } from 'hono'
import { runWithDeadline, type Deadline } from '../db/deadline'
import type { AppEnv } from '../deps'
import { respondWithError, unavailable } from './errors'

const TOO_SLOW =
  'We could not finish that in time, usually because our records are briefly unavailable. Please try again in a moment.'

/**
 * No request waits forever: past the deadline it is answered 503 with Retry-After, and any transaction it still has
 * rolls back instead of committing (server/db/client.ts). An event stream counts as answered once it has opened.
 */
export const requestDeadline =
  (ms: number): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const deadline: Deadline = { passed: false }
    let timer: ReturnType<typeof setTimeout> | undefined
    const work = runWithDeadline(deadline, next)
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(resolve, ms, 'late')))
    const outcome = await Promise.race([work, late])
    clearTimeout(timer)
    if (outcome !== 'late') return
    deadline.passed = true
    // The handler still finishes (or fails) in the background; its answer goes nowhere.
    work.catch(() => undefined)
    return respondWithError(c, unavailable(TOO_SLOW))
  }
