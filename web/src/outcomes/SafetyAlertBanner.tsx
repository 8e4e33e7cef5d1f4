// Open safety alerts for my patients, on every signed-in page, updated live. Each is a task someone in the care
// team closes with a note of what was done.
import { A, createAsync, revalidate } from '@solidjs/router'
import { createSignal, For, onCleanup, Show } from 'solid-js'
import type { SafetyAlert } from '../../../shared/safety-alerts'
import { formatDateTime } from '../lib/format'
import { Button } from '../ui/Button'
import { ErrorMessage } from '../ui/ErrorMessage'
import { closeAlert, listOpenAlerts } from './alerts-api'
import { onTeamEvent } from './team-events'

export function SafetyAlertBanner() {
  const alerts = createAsync(() => listOpenAlerts(), { initialValue: [] })
  onCleanup(
    onTeamEvent((e) => {
      // undefined: events may have been missed (the stream reopened, or the server said resync).
      if (!e || e.type !== 'outcomes.changed') void revalidate(listOpenAlerts.key)
    })
  )
  return (
    <div role="region" aria-label="Safety alerts" aria-live="assertive" class="safety-alerts">
      <For each={alerts()}>{(a) => <AlertItem alert={a} />}</For>
    </div>
  )
}

function AlertItem(props: { alert: SafetyAlert }) {
  const [note, setNote] = createSignal('')
  const [closing, setClosing] = createSignal(false)
  const [error, setError] = createSignal<unknown>()
  const [open, setOpen] = createSignal(false)
  async function close(event: SubmitEvent) {
    event.preventDefault()
    setClosing(true)
    setError(undefined)
    try {
      await closeAlert(props.alert.id, note())
      void revalidate(listOpenAlerts.key)
    } catch (e) {
      setError(e)
    } finally {
      setClosing(false)
    }
  }
  return (
    <div class="notice notice-danger safety-alert" data-alert={props.alert.id}>
      <p class="notice-title">Safety alert: {props.alert.patientName}</p>
      <p>
        On PHQ-9 question 9 the patient reported thoughts of being better off dead or of self-harm (
        {formatDateTime(props.alert.raisedAt)}). Please contact them today and follow your safety
        protocol.
      </p>
      <p>
        <A href={`/patients/${props.alert.patientId}`}>Open {props.alert.patientName}'s page</A>
      </p>
      <Show
        when={open()}
        fallback={
          <Button variant="secondary" onClick={() => setOpen(true)}>
            Close this alert…
          </Button>
        }
      >
        <form onSubmit={(e) => void close(e)}>
          <label class="field-label" for={`note-${props.alert.id}`}>
            What was done
          </label>
          <textarea
            id={`note-${props.alert.id}`}
            class="input"
            rows="2"
            value={note()}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
          <Show when={error()}>{(e) => <ErrorMessage error={e()} />}</Show>
          <Button type="submit" pending={closing()} pendingLabel="Closing…">
            Close the alert
          </Button>
        </form>
      </Show>
    </div>
  )
}
