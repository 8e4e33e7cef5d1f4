// The team event stream (safety alerts, new scores for my patients): one EventSource per tab, shared by every
// component that listens. Events carry ids and kinds only; listeners refetch through the normal queries.
import { TeamEvent } from '../../../shared/events'

type Listener = (event: TeamEvent) => void
const listeners = new Set<Listener>()
let source: EventSource | undefined

function open() {
  source = new EventSource('/api/team-events')
  source.addEventListener('message', (message: MessageEvent<string>) => {
    const parsed = TeamEvent.safeParse(JSON.parse(message.data))
    if (parsed.success) for (const l of [...listeners]) l(parsed.data)
  })
}

/** Listens until the returned function is called; the stream closes when nobody listens. */
export function onTeamEvent(listener: Listener): () => void {
  listeners.add(listener)
  if (!source) open()
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0) {
      source?.close()
      source = undefined
    }
  }
}
