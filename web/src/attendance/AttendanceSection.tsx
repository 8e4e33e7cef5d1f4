// After a session ends: how long the call lasted and each person's attended minutes against the billing minimum.
import { createAsync, revalidate } from '@solidjs/router'
import { For, Match, Show, Switch } from 'solid-js'
import { TEAM_CONFERENCE_MINIMUM_MINUTES, type AttendanceSummary } from '../../../shared/attendance'
import type { Id } from '../../../shared/ids'
import { formatDateTime } from '../lib/format'
import { describeParticipant, roleLabel } from '../sessions/participants'
import { AsyncBoundary } from '../ui/AsyncBoundary'
import { getAttendance } from './api'

export function AttendanceSection(props: { id: Id }) {
  return (
    <section class="section" aria-labelledby="attendance-title">
      <h2 id="attendance-title">Attendance</h2>
      <AsyncBoundary
        loading="Loading attendance…"
        retry={() => void revalidate(getAttendance.keyFor(props.id))}
      >
        <AttendanceLoaded id={props.id} />
      </AsyncBoundary>
    </section>
  )
}

function AttendanceLoaded(props: { id: Id }) {
  const summary = createAsync(() => getAttendance(props.id))
  return <Show when={summary()}>{(summary) => <AttendanceTable summary={summary()} />}</Show>
}

function formatMinutes(minutes: number): string {
  const rounded = minutes < 10 ? Math.round(minutes * 10) / 10 : Math.round(minutes)
  return `${rounded} min`
}

function AttendanceTable(props: { summary: AttendanceSummary }) {
  return (
    <>
      <p>
        The call lasted {formatMinutes(props.summary.durationMinutes)}, from the first person
        joining to the last leaving. Team-conference billing needs at least{' '}
        {TEAM_CONFERENCE_MINIMUM_MINUTES} minutes from each clinician.
      </p>
      <div class="table-scroll" role="region" aria-label="Attendance by person" tabindex="0">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Attended</th>
              <th scope="col">First joined</th>
              <th scope="col">Last left</th>
              <th scope="col">{TEAM_CONFERENCE_MINIMUM_MINUTES}-minute minimum</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.summary.lines}>
              {(line) => (
                <tr>
                  <th scope="row">
                    <span class="member-name">{line.displayName}</span>
                    <span class="table-detail">{describeParticipant(line)}</span>
                  </th>
                  <td>{formatMinutes(line.attendedMinutes)}</td>
                  <td>
                    <Show when={line.firstJoinedAt} fallback="Did not join">
                      {(at) => <time datetime={at()}>{formatDateTime(at())}</time>}
                    </Show>
                  </td>
                  <td>
                    <Show when={line.lastLeftAt} fallback="—">
                      {(at) => <time datetime={at()}>{formatDateTime(at())}</time>}
                    </Show>
                  </td>
                  <td>
                    <Switch>
                      <Match when={line.meetsTeamConferenceMinimum === true}>Met</Match>
                      <Match when={line.meetsTeamConferenceMinimum === false}>Not met</Match>
                      <Match when={line.meetsTeamConferenceMinimum === null}>
                        <span aria-hidden="true">—</span>
                        <span class="visually-hidden">Not applicable ({roleLabel[line.role]})</span>
                      </Match>
                    </Switch>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </>
  )
}
