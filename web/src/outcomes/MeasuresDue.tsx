// For the care team: measures due from the post-session forms and screening suggestions, each with a button that
// offers it to the patient through their private link.
import { For, Show } from 'solid-js'
import type { Id } from '../../../shared/ids'
import type { MeasureDue } from '../../../shared/measures-due'
import type { PatientOutcomes } from '../../../shared/outcomes'
import { formatCalendarDate } from '../lib/format'
import { Button } from '../ui/Button'
import { createOffer, OfferChoice, OfferOutcome, titleOf } from './OfferQuestionnaires'

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
  const offer = createOffer(() => props.patientId)
  const offerButton = (keys: string[], label: string) => (
    <Button
      variant="secondary"
      pending={offer.pending() === label}
      pendingLabel="Offering…"
      onClick={() => void offer.send(keys, label)}
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
        <div class="table-scroll" role="region" aria-label="Measures due" tabindex="0">
          <table class="table">
            <caption>Measures due, from the post-session forms</caption>
            <thead>
              <tr>
                <th scope="col">Measure</th>
                <th scope="col">Due on</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.outcomes.due}>
                {(d) => (
                  <tr data-due={d.instrumentKey} data-status={d.status}>
                    <td>{d.title}</td>
                    <td>{formatCalendarDate(d.dueOn)}</td>
                    <td>
                      {statusWords(d)}
                      <Show when={d.status !== 'answered' && !d.offered}>
                        <span class="table-detail">
                          {offerButton([d.instrumentKey], `Offer ${d.title} now`)}
                        </span>
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
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
      <OfferChoice offer={offer} />
      <OfferOutcome offer={offer} />
    </div>
  )
}
