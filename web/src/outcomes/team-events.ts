// The team event stream (safety alerts, new scores for my patients): one EventSource per tab, shared by every
// component that listens. Events carry ids and kinds only; listeners refetch through the normal queries.
// Like the session stream (lib/events.ts), a listener is called with undefined when events may have been missed.
import { TeamEvent } from '../../../shared/events'

/** Called with an event, or with undefined when events may have been missed and everything should be refetched. */
type Listener = (event: TeamEvent | undefined) => void
const listeners = new Set<Listener>()
let source: EventSource | undefined
let retryTimer: ReturnType<typeof setTimeout> | undefined
let retries = 0

const notify = (event: TeamEvent | undefined) => {
  for (const l of [...listeners]) l(event)
}

/** reopened: this is not the tab's first stream, so what happened in between was not delivered. */
function open(reopened: boolean) {
  clearTimeout(retryTimer)
  retryTimer = undefined
  source?.close()
  const es = new EventSource('/api/team-events')
  source = es
  let missed = reopened
  es.onopen = () => {
    retries = 0
    if (missed) notify(undefined)
    // The browser reopens by itself after a dropped connection; onopen then runs again, after a gap.
    missed = true
  }
  es.addEventListener('message', (message: MessageEvent<string>) => {
    let json: unknown
    try {
      json = JSON.parse(message.data)
    } catch {
      return
    }
    const parsed = TeamEvent.safeParse(json)
    if (parsed.success) notify(parsed.data)
  })
  // The server missed events (its database was briefly away): refetch.
  es.addEventListener('resync', () => notify(undefined))
  // The server is shutting down: reopen at once (another instance answers); onopen then refetches.
  es.addEventListener('reconnect', () => {
    if (source === es) open(true)
  })
  es.onerror = () => {
    // CLOSED: the browser gave up (an error answer), so we retry, more slowly each time.
    if (source !== es || es.readyState !== EventSource.CLOSED) return
    es.close()
    source = undefined
    const delay = Math.min(30_000, 2_000 * 2 ** retries)
    retries += 1
    retryTimer = setTimeout(() => {
      if (listeners.size > 0) open(true)
    }, delay)
  }
}

/** Listens until the returned function is called; the stream closes when nobody listens. */
export function onTeamEvent(listener: Listener): () => void {
  listeners.add(listener)
  if (!source && retryTimer === undefined) open(false)
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0) {
      clearTimeout(retryTimer)
      retryTimer = undefined
      retries = 0
      source?.close()
      source = undefined
    }
  }
}
