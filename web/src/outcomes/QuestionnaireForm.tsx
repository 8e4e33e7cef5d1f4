// One questionnaire, one question per group of radio buttons: every choice is saved at once, so a person can stop
// and come back later; sending checks everything on the server, which alone scores it.
import { createSignal, For, Show } from 'solid-js'
import type { Answers } from '../../../shared/instruments'
import type { Questionnaire } from '../../../shared/outcomes'
import { Button } from '../ui/Button'
import { ErrorMessage } from '../ui/ErrorMessage'
import { saveAnswers, submitAnswers, type RespondentAuth } from './api'

export function QuestionnaireForm(props: {
  questionnaire: Questionnaire
  auth: RespondentAuth
  position: string
  onSent: () => void
}) {
  const q = () => props.questionnaire
  const [answers, setAnswers] = createSignal<Answers>({ ...props.questionnaire.answers })
  const [saveState, setSaveState] = createSignal<'saved' | 'saving' | 'failed' | undefined>()
  const [sending, setSending] = createSignal(false)
  const [error, setError] = createSignal<unknown>()
  const answered = () => Object.keys(answers()).length

  async function choose(itemId: string, value: number) {
    const next = { ...answers(), [itemId]: value }
    setAnswers(next)
    setSaveState('saving')
    try {
      await saveAnswers(props.auth, q().responseId, next)
      setSaveState('saved')
    } catch {
      setSaveState('failed')
    }
  }

  async function send(event: SubmitEvent) {
    event.preventDefault()
    setSending(true)
    setError(undefined)
    try {
      await submitAnswers(props.auth, q().responseId, answers())
      props.onSent()
    } catch (e) {
      setError(e)
    } finally {
      setSending(false)
    }
  }

  return (
    <form
      class="questionnaire form-wide"
      onSubmit={(e) => void send(e)}
      aria-labelledby="questionnaire-title"
    >
      <p class="questionnaire-position">{props.position}</p>
      <h1 id="questionnaire-title" tabindex="-1" data-screen-heading>
        {q().instrument.title}
      </h1>
      <Show when={q().instrument.intro}>
        <p>{q().instrument.intro}</p>
      </Show>
      <For each={q().instrument.items}>
        {(item, i) => (
          <fieldset class="fieldset fieldset-nested" data-item={item.id}>
            <legend>
              <span class="questionnaire-number">{i() + 1}.</span> {item.text}
            </legend>
            <For each={item.options}>
              {(option) => {
                const id = `${q().responseId}-${item.id}-${option.value}`
                return (
                  <div class="choice">
                    <input
                      type="radio"
                      id={id}
                      name={`${q().responseId}-${item.id}`}
                      checked={answers()[item.id] === option.value}
                      onChange={() => void choose(item.id, option.value)}
                    />
                    <label for={id}>{option.label}</label>
                  </div>
                )
              }}
            </For>
          </fieldset>
        )}
      </For>
      <p class="questionnaire-progress" role="status" aria-live="polite">
        {answered()} of {q().instrument.items.length} answered
        {saveState() === 'saved' ? ' · saved' : saveState() === 'saving' ? ' · saving…' : ''}
        {saveState() === 'failed' ? ' · not saved yet: check your connection' : ''}
      </p>
      <Show when={error()}>{(e) => <ErrorMessage error={e()} />}</Show>
      <div class="actions">
        <Button type="submit" pending={sending()} pendingLabel="Sending…">
          Send my answers
        </Button>
      </div>
    </form>
  )
}
