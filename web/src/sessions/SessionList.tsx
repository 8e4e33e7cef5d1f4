import { A } from '@solidjs/router'
import { For, Match, Show, Switch } from 'solid-js'
import { sessionKindLabel } from '../../../shared/enums'
import type { SessionSummary } from '../../../shared/sessions'
import { formatDateTime, formatDuration } from '../lib/format'

type SessionListProps = {
  sessions: SessionSummary[]
  /** Said when there are none, e.g. "You have no upcoming sessions." */
  empty: string
  /** On a patient's own page their name would only repeat the heading. */
  showPatient: boolean
}

export function SessionList(props: SessionListProps) {
  return (
    <Show when={props.sessions.length > 0} fallback={<p class="empty">{props.empty}</p>}>
      <ul class="card-list">
        <For each={props.sessions}>
          {(session) => (
            <li class="card">
              <p class="card-meta">
                <span class="tag">{sessionKindLabel[session.kind]}</span>
                <Switch>
                  <Match when={session.status === 'live'}>
                    <span class="tag tag-live">In progress</span>
                  </Match>
                  <Match when={session.status === 'cancelled'}>
                    <span class="tag tag-muted">Cancelled</span>
                  </Match>
                  <Match when={session.status === 'ended'}>
                    <span class="tag tag-muted">Ended</span>
                  </Match>
                </Switch>
              </p>
              <h3 class="card-title">
                <A href={`/sessions/${session.id}`} class="card-link">
                  <Show
                    when={props.showPatient}
                    fallback={
                      <time datetime={session.startsAt}>{formatDateTime(session.startsAt)}</time>
                    }
                  >
                    {session.patientName}
                  </Show>
                </A>
              </h3>
              <p class="card-detail">
                <Show when={props.showPatient}>
                  <time datetime={session.startsAt}>{formatDateTime(session.startsAt)}</time>
                  {' · '}
                </Show>
                {formatDuration(session.durationMinutes)}
              </p>
              <Show when={session.agenda.trim()}>
                <p class="card-body">{session.agenda}</p>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </Show>
  )
}
