// A patient's measures over time (chart + table per measure) and goal progress, on the patient's page and in the
// side panel of the next session. Refetches when the server says this patient's outcomes changed.
import { createAsync, revalidate } from '@solidjs/router'
import { For, lazy, onCleanup, Show } from 'solid-js'
import type { Id } from '../../../shared/ids'
import type { MeasureTrend } from '../../../shared/outcomes'
import { formatDateTime } from '../lib/format'
import { AsyncBoundary } from '../ui/AsyncBoundary'
import { getPatientOutcomes } from './api'
import { MeasureTable } from './MeasureTable'
import { MeasuresDue } from './MeasuresDue'
import { onTeamEvent } from './team-events'

// uPlot loads only with the first chart, so pages without outcomes stay small.
const TrendChart = lazy(() => import('./TrendChart'))

export function OutcomesSection(props: { patientId: Id; compact?: boolean; headingLevel?: 2 | 3 }) {
  const outcomes = createAsync(() => getPatientOutcomes(props.patientId))
  onCleanup(
    onTeamEvent((e) => {
      if (!e || e.patientId === props.patientId)
        void revalidate(getPatientOutcomes.keyFor(props.patientId))
    })
  )
  return (
    <section class="section outcomes" aria-labelledby={`outcomes-${props.patientId}`}>
      <h2 id={`outcomes-${props.patientId}`}>Outcome measures</h2>
      <AsyncBoundary
        loading="Loading measures…"
        retry={() => void revalidate(getPatientOutcomes.keyFor(props.patientId))}
      >
        <Show when={outcomes()}>
          {(o) => (
            <>
              <MeasuresDue patientId={props.patientId} outcomes={o()} />
              <Show when={o().measures.length === 0}>
                <p>No questionnaires have been answered yet.</p>
              </Show>
              <For each={o().measures}>{(m) => <Measure trend={m} compact={props.compact} />}</For>
              <Show when={o().goals.length > 0}>
                <h3>Goal progress</h3>
                <table class="table">
                  <caption>Goal attainment (T-score 50 = goals met as expected)</caption>
                  <thead>
                    <tr>
                      <th scope="col">Session</th>
                      <th scope="col">T-score</th>
                      <th scope="col">Ratings</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={o().goals}>
                      {(g) => (
                        <tr>
                          <td>{formatDateTime(g.at)}</td>
                          <td>{g.tScore ?? '—'}</td>
                          <td>
                            {g.ratings
                              .map((r) => `${r.goal}: ${r.rating > 0 ? '+' : ''}${r.rating}`)
                              .join('; ')}
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </Show>
            </>
          )}
        </Show>
      </AsyncBoundary>
    </section>
  )
}

function Measure(props: { trend: MeasureTrend; compact?: boolean }) {
  const latest = () => props.trend.points.at(-1)
  return (
    <div class="measure" data-measure={props.trend.key}>
      <h3>
        {props.trend.title}
        <Show when={latest()}>
          {(p) => (
            <span class="measure-latest">
              {' '}
              — latest {p().total}
              {p().band ? ` (${p().band})` : ''}
            </span>
          )}
        </Show>
      </h3>
      <Show when={props.trend.meaningfulPoints}>
        {(points) => (
          <p class="field-hint">A change of {points()} points or more is clinically meaningful.</p>
        )}
      </Show>
      <TrendChart trend={props.trend} height={props.compact ? 160 : 220} />
      <Show when={props.compact} fallback={<MeasureTable trend={props.trend} />}>
        <details>
          <summary>Show as a table</summary>
          <MeasureTable trend={props.trend} />
        </details>
      </Show>
    </div>
  )
}
