// Offering questionnaires to a patient through their private link: the intake screening, a measure due, or any
// instrument the clinic has (built-in or its own import). The new link is shown once, to send to the patient.
import { createAsync, revalidate } from '@solidjs/router'
import { createSignal, For, Show } from 'solid-js'
import type { Id } from '../../../shared/ids'
import { INTAKE_SCREENING } from '../../../shared/measures-due'
import type { QuestionnaireOffer } from '../../../shared/outcomes'
import { formatCalendarDate } from '../lib/format'
import { Button } from '../ui/Button'
import { CopyLink } from '../ui/CopyLink'
import { ErrorMessage } from '../ui/ErrorMessage'
import { getPatientOutcomes, listInstruments, offerToPatient } from './api'
import { linkUrl } from './link-secret'

const TITLES: Record<string, string> = {
  phq2: 'PHQ-2',
  gad2: 'GAD-2',
  phq9: 'PHQ-9',
  gad7: 'GAD-7',
  sexual_health: 'sexual-health questions',
}
export const titleOf = (key: string) => TITLES[key] ?? key

/** One offer at a time: which button is pending, the last error, the last offer made. */
export function createOffer(patientId: () => Id) {
  const [pending, setPending] = createSignal<string>()
  const [error, setError] = createSignal<unknown>()
  const [made, setMade] = createSignal<QuestionnaireOffer>()
  async function send(keys: string[], what: string) {
    setPending(what)
    setError(undefined)
    setMade(undefined)
    try {
      setMade(await offerToPatient(patientId(), keys))
      void revalidate(getPatientOutcomes.keyFor(patientId()))
    } catch (e) {
      setError(e)
    } finally {
      setPending(undefined)
    }
  }
  return { pending, error, made, send }
}
export type Offer = ReturnType<typeof createOffer>

export function OfferOutcome(props: { offer: Offer }) {
  return (
    <>
      <Show when={props.offer.error()}>{(e) => <ErrorMessage error={e()} />}</Show>
      <div role="status">
        <Show when={props.offer.made()}>
          {(o) => (
            <div class="notice">
              <p>
                Offered:{' '}
                {o()
                  .offered.map((x) => x.title)
                  .join(', ')}
                . Send the patient this private link. It opens only their questionnaires, works
                until {formatCalendarDate(o().link.expiresAt.slice(0, 10))}, and replaces their
                earlier questionnaire link.
              </p>
              <CopyLink
                name="the patient's questionnaires"
                labelPrefix="Link to"
                url={linkUrl(o().link.secret)}
              />
            </div>
          )}
        </Show>
      </div>
    </>
  )
}

export function OfferChoice(props: { offer: Offer }) {
  const instruments = createAsync(() => listInstruments())
  const [chosen, setChosen] = createSignal<string[]>([])
  const screening = 'Offer the intake screening'
  const choice = 'Offer the chosen questionnaires'
  return (
    <details class="offer-choice">
      <summary>Offer questionnaires now</summary>
      <p>
        The intake screening asks PHQ-2, GAD-2 and two questions about sexual health. A PHQ-2 or
        GAD-2 of 3 or more suggests the full PHQ-9 or GAD-7.
      </p>
      <Button
        variant="secondary"
        pending={props.offer.pending() === screening}
        pendingLabel="Offering…"
        onClick={() => void props.offer.send([...INTAKE_SCREENING], screening)}
      >
        {screening}
      </Button>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void props.offer.send(chosen(), choice)
        }}
      >
        <fieldset class="fieldset">
          <legend>Or choose questionnaires</legend>
          <For each={(instruments() ?? []).filter((i) => i.key !== 'session_satisfaction')}>
            {(i) => (
              <div class="choice">
                <input
                  type="checkbox"
                  id={`offer-${i.key}`}
                  checked={chosen().includes(i.key)}
                  onChange={(e) =>
                    setChosen(
                      e.currentTarget.checked
                        ? [...chosen(), i.key]
                        : chosen().filter((k) => k !== i.key)
                    )
                  }
                />
                <label for={`offer-${i.key}`}>
                  {i.title}
                  {i.builtIn ? '' : ' (your clinic’s own)'}
                </label>
              </div>
            )}
          </For>
        </fieldset>
        <Button type="submit" pending={props.offer.pending() === choice} pendingLabel="Offering…">
          {choice}
        </Button>
      </form>
    </details>
  )
}
