// What the waiting room does ahead of the call, so a let-in person sees the call sooner (BENCHMARKS.md, "join"):
// it loads the call page's code while the person waits, and asks for the media token the moment the admission
// event arrives, which the call page then uses instead of asking again. A token is short-lived (a minute or two),
// so one not used soon is dropped.
import { MediaToken } from '../../../shared/admission'
import type { Id } from '../../../shared/ids'
import { call } from '../lib/api'
import { sessionPath as path } from '../sessions/api'

const FRESH_FOR_MS = 30_000

let early: { sessionId: Id; at: number; token: Promise<MediaToken> } | undefined

/** Asks for the media token now; the call page takes it with `takeEarlyToken`. */
export function requestTokenEarly(sessionId: Id) {
  const token = call('POST', path(sessionId, '/token'), MediaToken)
  // Whoever takes it handles a failure; unclaimed, it must not surface as an unhandled rejection.
  token.catch(() => undefined)
  early = { sessionId, at: Date.now(), token }
}

/** The token asked for early for this session, once, if it is still fresh. */
export function takeEarlyToken(sessionId: Id): Promise<MediaToken> | undefined {
  const e = early
  early = undefined
  return e && e.sessionId === sessionId && Date.now() - e.at < FRESH_FOR_MS ? e.token : undefined
}

let warmed: string | undefined

/** Opens the way to the media server while the person waits (once per address), with the call's code loaded. */
export function warmMediaConnection(url: string) {
  if (warmed === url) return
  warmed = url
  void import('../call/room').then((m) => m.prepareMediaConnection(url)).catch(() => undefined)
}

/** Loads the call page's code (livekit-client with it) once the waiting page is idle, so the call opens at once. */
export function prefetchCallPage() {
  const load = () => void import('../call/CallPage').catch(() => undefined)
  if ('requestIdleCallback' in window) window.requestIdleCallback(load, { timeout: 2_000 })
  else setTimeout(load, 500)
}
