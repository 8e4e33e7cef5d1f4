// The tab's one event stream: server events for the session on screen, handed to every subscriber.
// Events carry ids and kinds only; subscribers refetch through the normal, authorised queries.
import { createSignal, onCleanup } from 'solid-js'
import { SessionEvent } from '../../../shared/events'

/** connecting: first attempt. reconnecting: the stream broke and is being reopened. */
export type StreamState = 'idle' | 'connecting' | 'open' | 'reconnecting'

/** Called with an event, or with undefined when events may have been missed and everything should be refetched. */
export type EventListener = (event: SessionEvent | undefined) => void

type Subscription = { sessionId: string; listener: EventListener }

const subscriptions = new Set<Subscription>()
const [streamState, setStreamState] = createSignal<StreamState>('idle')
export { streamState }

let source: EventSource | undefined
let sourceSessionId: string | undefined
let closeTimer: ReturnType<typeof setTimeout> | undefined
let retryTimer: ReturnType<typeof setTimeout> | undefined
let retries = 0

function notify(sessionId: string, event: SessionEvent | undefined) {
  for (const s of [...subscriptions]) {
    if (s.sessionId === sessionId) s.listener(event)
  }
}

function open(sessionId: string) {
  clearTimeout(retryTimer)
  source?.close()
  sourceSessionId = sessionId
  const es = new EventSource(`/api/sessions/${encodeURIComponent(sessionId)}/events`)
  source = es
  if (streamState() !== 'reconnecting') setStreamState('connecting')

  es.onopen = () => {
    retries = 0
    setStreamState('open')
    // Anything that happened before the stream (re)opened was not delivered: refetch once.
    notify(sessionId, undefined)
  }
  es.onmessage = (message: MessageEvent<string>) => {
    let json: unknown
    try {
      json = JSON.parse(message.data)
    } catch {
      return
    }
    const event = SessionEvent.safeParse(json)
    if (event.success && event.data.sessionId === sessionId) notify(sessionId, event.data)
  }
  // The server missed events (its database was briefly away): refetch everything, as after reopening.
  es.addEventListener('resync', () => notify(sessionId, undefined))
  // The server is shutting down: reopen at once (another instance answers); onopen then refetches.
  es.addEventListener('reconnect', () => {
    if (source !== es) return
    setStreamState('reconnecting')
    open(sessionId)
  })
  es.onerror = () => {
    if (source !== es) return
    setStreamState('reconnecting')
    // CONNECTING: the browser retries by itself. CLOSED: it gave up (an error answer), so we retry,
    // more slowly each time.
    if (es.readyState === EventSource.CLOSED) {
      es.close()
      source = undefined
      const delay = Math.min(30_000, 2_000 * 2 ** retries)
      retries += 1
      retryTimer = setTimeout(() => {
        if (hasSubscribers(sessionId)) open(sessionId)
      }, delay)
    }
  }
}

function hasSubscribers(sessionId: string) {
  return [...subscriptions].some((s) => s.sessionId === sessionId)
}

function close() {
  clearTimeout(retryTimer)
  source?.close()
  source = undefined
  sourceSessionId = undefined
  retries = 0
  setStreamState('idle')
}

/** Subscribes until `unsubscribe` is called. Opening a different session's stream closes the last one. */
export function subscribeToSession(sessionId: string, listener: EventListener): () => void {
  const subscription = { sessionId, listener }
  subscriptions.add(subscription)
  clearTimeout(closeTimer)
  if (sourceSessionId !== sessionId) {
    for (const s of [...subscriptions]) if (s.sessionId !== sessionId) subscriptions.delete(s)
    open(sessionId)
  }
  return () => {
    subscriptions.delete(subscription)
    if (!hasSubscribers(sessionId)) {
      // A short grace period keeps the stream across a page change (waiting room → call).
      clearTimeout(closeTimer)
      closeTimer = setTimeout(() => {
        if (!hasSubscribers(sessionId)) close()
      }, 5_000)
    }
  }
}

/** Subscribes for the lifetime of the calling component. */
export function onSessionEvents(sessionId: string, listener: EventListener) {
  onCleanup(subscribeToSession(sessionId, listener))
}
