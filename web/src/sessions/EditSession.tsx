// Hosts change a scheduled session's time, duration or agenda.
import { createSignal, createUniqueId, For, Show } from 'solid-js'
import type { SessionDetail } from '../../../shared/sessions'
import { ApiError } from '../lib/api'
import { formatDuration } from '../lib/format'
import { focusFirstInvalid, formText } from '../lib/forms'
import { Button } from '../ui/Button'
import { ErrorMessage } from '../ui/ErrorMessage'
import { Field } from '../ui/Field'
import { updateSession } from './host-api'
import { refreshLists } from './refresh'
import { durationOptions, localDateValue, localTimeValue, timeZoneHint, toInstant } from './time'

export function EditSession(props: { session: SessionDetail; onDone: (message?: string) => void }) {
  const id = createUniqueId()
  const [errors, setErrors] = createSignal<Partial<Record<string, string>>>({})
  const [error, setError] = createSignal<unknown>()
  const [pending, setPending] = createSignal(false)
  const starts = new Date(props.session.startsAt)
  const durations = [...new Set([...durationOptions, props.session.durationMinutes])].sort(
    (a, b) => a - b
  )

  async function onSubmit(event: SubmitEvent & { currentTarget: HTMLFormElement }) {
    event.preventDefault()
    if (pending()) return
    const form = event.currentTarget
    const data = new FormData(form)
    const startsAt = toInstant(formText(data, 'date'), formText(data, 'time'))
    if (!startsAt) {
      setErrors({ startsAt: 'Enter a date and a time.' })
      focusFirstInvalid(form)
      return
    }
    const durationMinutes = Number(formText(data, 'durationMinutes'))
    const agenda = formText(data, 'agenda').trim()
    const changes = {
      ...(startsAt !== new Date(props.session.startsAt).toISOString() ? { startsAt } : {}),
      ...(durationMinutes !== props.session.durationMinutes ? { durationMinutes } : {}),
      ...(agenda !== props.session.agenda ? { agenda } : {}),
    }
    if (Object.keys(changes).length === 0) {
      props.onDone()
      return
    }
    setErrors({})
    setError(undefined)
    setPending(true)
    try {
      await updateSession(props.session.id, changes)
      await refreshLists(props.session)
      props.onDone('Changes saved.')
    } catch (err) {
      const match =
        err instanceof ApiError
          ? /^(startsAt|durationMinutes|agenda): (.+)$/.exec(err.message)
          : null
      if (match?.[1] && match[2]) setErrors({ [match[1]]: match[2] })
      else setError(err)
    } finally {
      setPending(false)
    }
  }

  return (
    <section class="section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Edit the session</h2>
      <form class="form" novalidate onSubmit={(event) => void onSubmit(event)}>
        <Show when={error()}>{(err) => <ErrorMessage error={err()} />}</Show>
        <div class="field-row">
          <Field
            label="Date"
            name="date"
            type="date"
            value={localDateValue(starts)}
            error={errors().startsAt}
          />
          <Field
            label="Start time"
            name="time"
            type="time"
            hint={timeZoneHint(starts)}
            value={localTimeValue(starts)}
          />
        </div>
        <div class="field">
          <label class="field-label" for={`${id}-duration`}>
            Duration
          </label>
          <select id={`${id}-duration`} name="durationMinutes" class="input select">
            <For each={durations}>
              {(minutes) => (
                <option value={minutes} selected={minutes === props.session.durationMinutes}>
                  {formatDuration(minutes)}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="field">
          <label class="field-label" for={`${id}-agenda`}>
            Agenda
          </label>
          <textarea
            id={`${id}-agenda`}
            name="agenda"
            class="input textarea"
            rows="3"
            maxlength="2000"
            value={props.session.agenda}
          />
        </div>
        <div class="actions">
          <Button type="submit" pending={pending()} pendingLabel="Saving…">
            Save changes
          </Button>
          <Button variant="secondary" onClick={() => props.onDone()}>
            Discard changes
          </Button>
        </div>
      </form>
    </section>
  )
}
