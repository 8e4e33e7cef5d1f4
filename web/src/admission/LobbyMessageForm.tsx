// The hosts' message to everyone in the waiting room ("We'll be with you in about 5 minutes").
import { revalidate } from '@solidjs/router'
import { createSignal, Show } from 'solid-js'
import type { Id } from '../../../shared/ids'
import { Button } from '../ui/Button'
import { ErrorMessage } from '../ui/ErrorMessage'
import { getLobby, setLobbyMessage } from './api'

export function LobbyMessageForm(props: { sessionId: Id; message: string | null }) {
  const [status, setStatus] = createSignal<string>()
  const [error, setError] = createSignal<unknown>()
  const [pending, setPending] = createSignal(false)
  let input!: HTMLInputElement

  async function save(message: string | null) {
    setPending(true)
    setError(undefined)
    setStatus(undefined)
    try {
      await setLobbyMessage(props.sessionId, message)
      setStatus(message ? 'Message saved. People waiting can see it now.' : 'Message cleared.')
      if (!message) input.value = ''
      await revalidate(getLobby.keyFor(props.sessionId))
    } catch (err) {
      setError(err)
    } finally {
      setPending(false)
    }
  }

  return (
    <form
      class="lobby-message"
      novalidate
      onSubmit={(event) => {
        event.preventDefault()
        void save(input.value.trim() || null)
      }}
    >
      <label class="field-label" for="lobby-message">
        Message to people waiting
      </label>
      <p class="field-hint" id="lobby-message-hint">
        For example: "We'll be with you in about 5 minutes." Up to 280 characters.
      </p>
      <input
        ref={input}
        id="lobby-message"
        class="input"
        maxlength="280"
        value={props.message ?? ''}
        aria-describedby="lobby-message-hint"
      />
      <Show when={error()}>{(err) => <ErrorMessage error={err()} />}</Show>
      <p class="muted" role="status">
        {status()}
      </p>
      <div class="actions actions-tight">
        <Button type="submit" variant="secondary" pending={pending()} pendingLabel="Saving…">
          Save message
        </Button>
        <Show when={props.message}>
          <Button variant="quiet" onClick={() => void save(null)}>
            Clear message
          </Button>
        </Show>
      </div>
    </form>
  )
}
