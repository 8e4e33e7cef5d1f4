// After scheduling: the personal links, each shown once, to copy and send privately.
import { A } from '@solidjs/router'
import { For, onMount, Show } from 'solid-js'
import type { ScheduledSession } from '../../../../shared/sessions'
import { formatDateTime, formatDuration } from '../../lib/format'
import { CopyLink } from '../../ui/CopyLink'
import { roleLabel } from '../participants'

export function ScheduledView(props: { result: ScheduledSession }) {
  const session = () => props.result.session
  let heading!: HTMLHeadingElement
  onMount(() => heading.focus())

  return (
    <>
      <div class="page-header">
        <h1 ref={heading} tabindex="-1">
          Session scheduled
        </h1>
        <p class="muted">
          {session().kind === 'joint_session' ? 'Joint session' : 'Case conference'} with{' '}
          {session().patientName} ·{' '}
          <time datetime={session().startsAt}>{formatDateTime(session().startsAt)}</time> ·{' '}
          {formatDuration(session().durationMinutes)}
        </p>
      </div>
      <Show
        when={props.result.links.length > 0}
        fallback={
          <p>Everyone invited has an account here: they'll find the session on their home page.</p>
        }
      >
        <section class="section" aria-labelledby="links-title">
          <h2 id="links-title">Personal links</h2>
          <div class="notice">
            <p class="notice-title">Each link is shown only once.</p>
            <p>
              Copy each one now and send it privately to that person alone. If a link is lost, a
              host can make a new one from the session's page; the old one then stops working.
            </p>
          </div>
          <ul class="card-list">
            <For each={props.result.links}>
              {(link) => (
                <li class="card">
                  <p class="card-meta">
                    <span class="tag">{roleLabel[link.role]}</span>
                  </p>
                  <CopyLink name={link.displayName} url={link.url} />
                  <p class="muted">
                    Works until{' '}
                    <time datetime={link.expiresAt}>{formatDateTime(link.expiresAt)}</time>.
                  </p>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
      <p>
        <A href={`/sessions/${session().id}`} class="link-standalone">
          Go to the session
        </A>
      </p>
    </>
  )
}
