import { For } from 'solid-js'
import type { MeasureTrend, ScorePoint } from '../../../shared/outcomes'
import { formatDateTime } from '../lib/format'

export function changeWords(p: ScorePoint, higherIsWorse: boolean): string {
  if (p.delta === null) return 'First score'
  const points = `${p.delta > 0 ? '+' : ''}${p.delta}`
  const flags = [
    p.meaningful === 'improved' ? 'meaningful improvement' : '',
    p.meaningful === 'worsened' ? 'meaningful worsening' : '',
    p.response ? 'response (≥ 50 % lower)' : '',
    p.remission ? 'remission' : '',
  ].filter(Boolean)
  const plain = flags.length ? flags.join(', ') : higherIsWorse ? 'no meaningful change' : 'change'
  return `${points}: ${plain}`
}

/** The same facts as the chart, as a table: date, total, band and change against the previous score. */
export function MeasureTable(props: { trend: MeasureTrend }) {
  return (
    <table class="table measure-table">
      <caption>
        {props.trend.shortTitle} scores (range {props.trend.min}–{props.trend.max}
        {props.trend.higherIsWorse ? ', higher is worse' : ''})
      </caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Total</th>
          <th scope="col">Band</th>
          <th scope="col">Change</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.trend.points}>
          {(p) => (
            <tr data-score={p.total}>
              <td>{formatDateTime(p.at)}</td>
              <td>{p.total}</td>
              <td>{p.band ?? '—'}</td>
              <td>
                {changeWords(p, props.trend.higherIsWorse)}
                {p.safetyAlert ? ' · safety alert' : ''}
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  )
}
