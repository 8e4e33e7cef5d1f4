// For the care team: measures due from the post-session forms, screening suggestions, and offering questionnaires
// to the patient through their private link (the intake screening, a measure due, the clinic's own instruments).
import { createAsync, revalidate } from '@solidjs/router'
import { createSignal, For, Show } from 'solid-js'
import type { Id } from '../../../shared/ids'
import { INTAKE_SCREENING, type MeasureDue } from '../../../shared/measures-due'
import type { PatientOutcomes, QuestionnaireOffer } from '../../../shared/outcomes'
import { formatCalendarDate } from '../lib/format'
import { Button } from '../ui/Button'
import { CopyLink } from '../ui/CopyLink'
import { ErrorMessage } from '../ui/ErrorMessage'
import { getPatientOutcomes, listInstruments, offerToPatient } from './api'
import { linkUrl } from './link-secret'

export function statusWords(d: Pick<MeasureDue, 'status' | 'offered' | 'answeredOn'>): string {
  const offered = d.offered ? ', sent to the patient' : ''
  switch (d.status) {
    case 'answered':
      return `Answered on ${formatCalendarDate(d.answeredOn ?? '')}`
    case 'upcoming':
      return `Not due yet${offered}`
    case 'due':
      return `Due now${offered}`
    case 'overdue':
      return `Overdue${offered}`
  }
}

export function MeasuresDue(props: { patientId: Id; outcomes: PatientOutcomes }) {
  const [pending, setPending] = createSignal<string>()
  const [error, setError] = createSignal<unknown>()
  const [offer, setOffer] = createSignal<QuestionnaireOffer>()

  async function send(keys: string[], what: string) {
    setPending(what)
    setError(undefined)
    setOffer(undefined)
    try {
      setOffer(await offerToPatient(props.patientId, keys))
      void revalidate(getPatientOutcomes.keyFor(props.patientId))
    } catch (e) {
      setError(e)
    } finally {
      setPending(undefined)
    }
  }
  const offerButton = (keys: string[], label: string) => (
    <Button
      variant="secondary"
      pending={pending() === label}
      pendingLabel="Offering…"
      onClick={() => void send(keys, label)}
    >
      {label}
    </Button>
  )

  return (
    <div class="measures-due">
      <h3>Measures due</h3>
      <Show
        when={props.outcomes.due.length > 0}
        fallback={<p>No measures are scheduled. Set them in the post-session form.</p>}
      >
        <table class="table">
          <caption>Measures due, from the post-session forms</caption>
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col">Due on</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span class="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={props.outcomes.due}>
              {(d) => (
                <tr data-due={d.instrumentKey} data-status={d.status}>
                  <td>{d.title}</td>
                  <td>{formatCalendarDate(d.dueOn)}</td>
                  <td>{statusWords(d)}</td>
                  <td>
                    <Show when={d.status !== 'answered' && !d.offered}>
                      {offerButton([d.instrumentKey], `Offer ${d.title} now`)}
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <Show when={props.outcomes.suggestions.length > 0}>
        <h3>Screening</h3>
        <ul>
          <For each={props.outcomes.suggestions}>
            {(s) => (
              <li data-suggests={s.suggest}>
                {`${titleOf(s.screen)} of ${s.screenTotal} on ${formatCalendarDate(s.screenedOn)} is a positive screen: the full ${titleOf(s.suggest)} is suggested. `}
                {offerButton([s.suggest], `Offer the ${titleOf(s.suggest)}`)}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <OfferChoice pending={pending()} onOffer={(keys, what) => void send(keys, what)} />
      <Show when={error()}>{(e) => <ErrorMessage error={e()} />}</Show>
      <div role="status">
        <Show when={offer()}>
          {(o) => (
            <div class="notice">
              <p>
                Offered:{' '}
                {o()
                  .offered.map((x) => x.title)
                  .join(', ')}
                . Send the patient this private link; it opens only their questionnaires, works
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
    </div>
  )
}

const TITLES: Record<string, string> = {
  phq2: 'PHQ-2',
  gad2: 'GAD-2',
  phq9: 'PHQ-9',
  gad7: 'GAD-7',
  sexual_health: 'sexual-health questions',
}
const titleOf = (key: string) => TITLES[key] ?? key

function OfferChoice(props: {
  pending: string | undefined
  onOffer: (keys: string[], what: string) => void
}) {
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
        pending={props.pending === screening}
        pendingLabel="Offering…"
        onClick={() => props.onOffer([...INTAKE_SCREENING], screening)}
      >
        {screening}
      </Button>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          props.onOffer(chosen(), choice)
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
        <Button type="submit" pending={props.pending === choice} pendingLabel="Offering…">
          {choice}
        </Button>
      </form>
    </details>
  )
}
