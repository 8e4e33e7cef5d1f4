// The INTEGRATE process metrics over my caseload.
import { A, createAsync, revalidate } from '@solidjs/router'
import { For, Show } from 'solid-js'
import { formatCalendarDate } from '../lib/format'
import { AsyncBoundary } from '../ui/AsyncBoundary'
import { PageHeader } from '../ui/PageHeader'
import { getDashboard } from './api'
import { statusWords } from './MeasuresDue'

const share = (part: number, whole: number) =>
  whole === 0 ? '—' : `${Math.round((100 * part) / whole)} %`

export default function DashboardPage() {
  const d = createAsync(() => getDashboard())
  return (
    <>
      <PageHeader title="Team dashboard" />
      <AsyncBoundary
        loading="Loading the dashboard…"
        retry={() => void revalidate(getDashboard.key)}
      >
        <Show when={d()}>
          {(d) => (
            <>
              <dl class="facts dashboard">
                <div>
                  <dt>Patients screened</dt>
                  <dd>
                    {share(d().screened, d().patients)} ({d().screened} of {d().patients})
                  </dd>
                </div>
                <div>
                  <dt>Days from a positive screen to a specialist (median)</dt>
                  <dd>
                    {d().medianDaysPositiveToSpecialist ?? '—'} ({d().reachedSpecialist} of{' '}
                    {d().positiveScreens} with a positive screen have seen a specialist)
                  </dd>
                </div>
                <div>
                  <dt>Meaningful improvement at 8–12 weeks</dt>
                  <dd>
                    {share(d().improved8to12Weeks, d().followedUp8to12Weeks)} (
                    {d().improved8to12Weeks} of {d().followedUp8to12Weeks} followed up)
                  </dd>
                </div>
                <div>
                  <dt>Open safety alerts</dt>
                  <dd>{d().openSafetyAlerts}</dd>
                </div>
              </dl>
              <section class="section" aria-labelledby="dashboard-due">
                <h2 id="dashboard-due">Measures due now</h2>
                <Show
                  when={d().measuresDue.length > 0}
                  fallback={<p>No measures are due or overdue.</p>}
                >
                  <table class="table">
                    <caption>Measures due or overdue across my patients</caption>
                    <thead>
                      <tr>
                        <th scope="col">Patient</th>
                        <th scope="col">Measure</th>
                        <th scope="col">Due on</th>
                        <th scope="col">Status</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={d().measuresDue}>
                        {(m) => (
                          <tr>
                            <td>
                              <A href={`/patients/${m.patientId}`}>{m.patientName}</A>
                            </td>
                            <td>{m.title}</td>
                            <td>{formatCalendarDate(m.dueOn)}</td>
                            <td>{statusWords({ ...m, answeredOn: null })}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </Show>
              </section>
            </>
          )}
        </Show>
      </AsyncBoundary>
    </>
  )
}
