// What the waiting room does ahead of the call, so a let-in person sees the call sooner (BENCHMARKS.md, "join"):
// it loads the call page's code while the person waits, keeps a token request open that the server answers the
// moment the person is admitted, and otherwise asks for the token the moment the admission event arrives. A token
// from the open request starts the call's connection at once, before the call page renders; the call page adopts
// that connection, or else uses the token instead of asking again. A token is short-lived (a minute or two), so one
// not used soon is dropped, and a connection nobody adopts is closed.
import { MaybeMediaToken, MediaToken, TOKEN_WAIT_MAX_SECONDS } from '../../../shared/admission'
import { createEffect, createMemo, on, onCleanup, type Accessor } from 'solid-js'
import type { Id } from '../../../shared/ids'
import type { SessionDetail } from '../../../shared/sessions'
import { call } from '../lib/api'
import { sessionPath as path } from '../sessions/api'
import type { EarlyConnection } from '../call/early-connection'

const FRESH_FOR_MS = 30_000

type Connector = typeof import('../call/early-connection')
/** The call's connection code, once loaded while waiting (so a token can start connecting without a wait). */
let connector: Connector | undefined
let connectorLoading: Promise<Connector | undefined> | undefined

/** Loads the connection code once (again after a failure); undefined when it cannot be loaded. */
function loadConnector(): Promise<Connector | undefined> {
  connectorLoading ??= import('../call/early-connection').then(
    (m) => (connector = m),
    () => (connectorLoading = undefined)
  )
  return connectorLoading
}
let connection:
  | {
      sessionId: Id
      value: EarlyConnection
      dropTimer: number
      settled: Promise<unknown> | undefined
    }
  | undefined

/** The token asked for early; `answeredWhileWaiting` when it is the open request's answer (which leads on itself). */
let early:
  | { sessionId: Id; at: number; token: Promise<MediaToken>; answeredWhileWaiting: boolean }
  | undefined
/** The token request open while waiting, if any. */
let waiting: { sessionId: Id; answer: Promise<MediaToken | undefined> } | undefined

/**
 * Asks for the media token now (or takes the one already on its way); the call page takes it with `takeEarlyToken`.
 * Returns it, and whether it comes from the request open while waiting (whose answer also starts the connection).
 */
export function requestTokenEarly(sessionId: Id) {
  // Answered before the admission's event arrived (the admission answers it at its commit): nothing to ask.
  if (early?.sessionId === sessionId && early.answeredWhileWaiting)
    return { token: early.token, fromOpenRequest: true }
  const open = waiting?.sessionId === sessionId ? waiting.answer : undefined
  const token = open ? open.then((t) => t ?? askNow(sessionId)) : askNow(sessionId)
  // Whoever takes it handles a failure; unclaimed, it must not surface as an unhandled rejection.
  token.catch(() => undefined)
  early = { sessionId, at: Date.now(), token, answeredWhileWaiting: false }
  return { token, fromOpenRequest: open !== undefined }
}

const askNow = (sessionId: Id) => call('POST', path(sessionId, '/token'), MediaToken)

/**
 * While the person waits, keeps one token request open that the server answers once they are admitted, asking again
 * whenever a wait ends without (`?waitSeconds=`). With the token in hand, `onToken` moves on to the call. Returns a
 * stop function; a request still open then runs out on its own. A refusal or a network failure ends the asking:
 * the admission event still leads on, with `requestTokenEarly`.
 */
export function awaitTokenWhileWaiting(sessionId: Id, onToken: () => void): () => void {
  let stopped = false
  const wait = `/token?waitSeconds=${TOKEN_WAIT_MAX_SECONDS}`
  void (async () => {
    while (!stopped) {
      const answer = call('POST', path(sessionId, wait), MaybeMediaToken)
      waiting = { sessionId, answer }
      const token = await answer.catch(() => null)
      if (waiting?.answer === answer) waiting = undefined
      if (stopped || token === null) return
      if (token) {
        performance.mark('join:token') // join-time measurement (tests/bench/join.ts)
        early = {
          sessionId,
          at: Date.now(),
          token: Promise.resolve(token),
          answeredWhileWaiting: true,
        }
        // Loaded while waiting, normally; if not yet, waiting for it still beats rendering the call first.
        const loaded = connector ?? (await loadConnector())
        if (stopped) return
        if (loaded) {
          const started = loaded.connectEarly(token)
          startConnection(sessionId, started)
          // The call page renders once connected (or failed): rendered while connecting, it held the connection's
          // steps up as long as it took (≈ 25 ms). Not if the person left the waiting room meanwhile (dropped).
          const onward = () => void (!stopped && connection?.value === started && onToken())
          return void started.connecting.then(onward, onward)
        }
        return onToken()
      }
    }
  })()
  return () => {
    stopped = true
  }
}

/** Keeps a token request open (`awaitTokenWhileWaiting`) for as long as `when` holds, in a component. */
export function awaitTokenWhile(when: Accessor<boolean>, sessionId: Id, onToken: () => void) {
  createEffect(
    on(createMemo(when), (yes) => yes && onCleanup(awaitTokenWhileWaiting(sessionId, onToken)))
  )
}

/** The token asked for early for this session, once, if it is still fresh. */
export function takeEarlyToken(sessionId: Id): Promise<MediaToken> | undefined {
  const e = early
  early = undefined
  return e && e.sessionId === sessionId && Date.now() - e.at < FRESH_FOR_MS ? e.token : undefined
}

function startConnection(sessionId: Id, value: EarlyConnection) {
  dropConnection()
  // Not adopted in time (the person went elsewhere): close it rather than stay in the call unseen.
  const dropTimer = window.setTimeout(dropConnection, FRESH_FOR_MS)
  const record = { sessionId, value, dropTimer, settled: undefined as Promise<unknown> | undefined }
  const done = () => (record.settled = undefined)
  record.settled = value.connecting.then(done, done)
  connection = record
}

/** While the waiting room's connection for this session is still connecting: settles when it is done. */
export function stillConnecting(sessionId: Id): Promise<unknown> | undefined {
  return connection?.sessionId === sessionId ? connection.settled : undefined
}

function dropConnection() {
  const c = connection
  connection = undefined
  if (!c) return
  clearTimeout(c.dropTimer)
  if (early?.sessionId === c.sessionId) early = undefined
  void c.value.call.room.disconnect().finally(() => c.value.call.dispose())
}

/** Closes the connection the waiting room started for this session, if any: the person went elsewhere. */
export function dropEarlyConnection(sessionId: Id) {
  if (connection?.sessionId === sessionId) dropConnection()
}

/** The call's connection the waiting room started for this session, once (its token is taken with it). */
export function takeEarlyConnection(sessionId: Id): EarlyConnection | undefined {
  const c = connection
  if (!c || c.sessionId !== sessionId) return undefined
  connection = undefined
  clearTimeout(c.dropTimer)
  if (early?.sessionId === sessionId) early = undefined
  return c.value
}

let handedOver: { detail: SessionDetail; mediaUrl: string | null } | undefined

/**
 * The session as the waiting room shows it, and the media server's address it was told, so the call page can show
 * names and the call at once (it fetches the session again).
 */
export function handOverSession(detail: SessionDetail, mediaUrl: string | null) {
  handedOver = { detail, mediaUrl }
}

/** What was handed over for this session, once. */
export function takeHandedOverSession(sessionId: Id) {
  const given = handedOver
  handedOver = undefined
  return given?.detail.id === sessionId ? given : undefined
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
  const load = () => {
    void import('../call/CallPage').catch(() => undefined)
    void loadConnector()
  }
  if ('requestIdleCallback' in window) window.requestIdleCallback(load, { timeout: 2_000 })
  else setTimeout(load, 500)
}
