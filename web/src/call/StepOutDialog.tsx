// A host sends the patient (and partner) to the waiting room while the clinicians talk.
import { createSignal, Show } from 'solid-js'
import type { Id } from '../../../shared/ids'
import { Button } from '../ui/Button'
import { Dialog } from '../ui/Dialog'
import { ErrorMessage } from '../ui/ErrorMessage'
import { stepOutPatient } from './api'

export function StepOutDialog(props: {
  sessionId: Id
  open: boolean
  onClose: (note?: string) => void
}) {
  const [pending, setPending] = createSignal(false)
  const [error, setError] = createSignal<unknown>()
  let message!: HTMLInputElement

  async function stepOut() {
    setPending(true)
    setError(undefined)
    try {
      const { steppedOut } = await stepOutPatient(props.sessionId, message.value.trim() || null)
      props.onClose(
        steppedOut === 0
          ? 'No patient or partner was in the call.'
          : 'The patient is in the waiting room. Let them back in from the waiting room when you are ready.'
      )
    } catch (err) {
      setError(err)
    } finally {
      setPending(false)
    }
  }

  return (
    <Dialog open={props.open} title="Step out the patient?" onCancel={() => props.onClose()}>
      <p>
        The patient (and their partner) wait in the waiting room while the clinicians talk. You let
        them back in from the waiting room; they don't need to consent again.
      </p>
      <div class="field">
        <label class="field-label" for="step-out-message">
          Message to them while they wait (optional)
        </label>
        <input
          ref={message}
          id="step-out-message"
          class="input"
          maxlength="280"
          placeholder="We'll be with you again in a few minutes."
        />
      </div>
      <Show when={error()}>{(err) => <ErrorMessage error={err()} />}</Show>
      <div class="actions">
        <Button variant="secondary" onClick={() => props.onClose()}>
          Go back
        </Button>
        <Button pending={pending()} pendingLabel="Stepping out…" onClick={() => void stepOut()}>
          Step out
        </Button>
      </div>
    </Dialog>
  )
}
