// Whether the video service answers, before joining: a down LiveKit is said here, not discovered in the call.
import { createSignal, onMount, Show } from 'solid-js'
import { Button } from '../ui/Button'

type ServiceState = 'checking' | 'ok' | 'down'

export function ServicePanel() {
  const [service, setService] = createSignal<ServiceState>('checking')

  async function checkService() {
    setService('checking')
    try {
      const res = await fetch('/readyz', {
        cache: 'no-store',
        headers: { accept: 'application/json' },
      })
      // 503 when the database is down; the body still says how LiveKit is.
      const readiness = (await res.json()) as { livekit?: { ok?: unknown } } | null
      setService(readiness?.livekit?.ok === true ? 'ok' : 'down')
    } catch {
      setService('down')
    }
  }

  onMount(() => void checkService())

  return (
    <section class="device-panel" aria-labelledby="service-heading">
      <h2 id="service-heading">Video service</h2>
      <p role="status">
        {service() === 'checking'
          ? 'Checking the connection to the video service…'
          : service() === 'ok'
            ? 'Connected: the video service is reachable.'
            : "We can't reach the video service right now. You can still join; " +
              "we'll try again when you're let in."}
      </p>
      <Show when={service() === 'down'}>
        <Button variant="secondary" onClick={() => void checkService()}>
          Check again
        </Button>
      </Show>
    </section>
  )
}
