import { createSignal, Show } from 'solid-js'
import { Button } from '../ui/Button'
import { Dialog } from '../ui/Dialog'
import { ErrorMessage } from '../ui/ErrorMessage'
import type { IdleLogoff } from './idle-logoff'

function formatCountdown(seconds: number): string {
  const minutes = Math.floor(seconds / 60)
  const rest = String(seconds % 60).padStart(2, '0')
  return `${minutes}:${rest}`
}

export function IdleWarning(props: { idle: IdleLogoff; onSignOut: () => void }) {
  const [error, setError] = createSignal<unknown>()
  const [isPending, setIsPending] = createSignal(false)

  async function staySignedIn() {
    setIsPending(true)
    setError(undefined)
    try {
      await props.idle.staySignedIn()
    } catch (err) {
      setError(err)
    } finally {
      setIsPending(false)
    }
  }

  return (
    <Dialog
      open={props.idle.secondsLeft() !== undefined}
      title="You'll be signed out soon"
      onCancel={() => void staySignedIn()}
    >
      <p>
        For privacy, we sign you out when there's been no activity for a while. You'll be signed out
        in <span class="countdown">{formatCountdown(props.idle.secondsLeft() ?? 0)}</span>.
      </p>
      <Show when={error()}>
        <ErrorMessage error={error()} />
      </Show>
      <div class="actions">
        <Button
          onClick={() => void staySignedIn()}
          pending={isPending()}
          pendingLabel="Staying signed in…"
        >
          Stay signed in
        </Button>
        <Button variant="secondary" onClick={() => props.onSignOut()}>
          Sign out now
        </Button>
      </div>
    </Dialog>
  )
}
