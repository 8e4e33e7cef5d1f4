// Where to turn next when someone can't join: clinicians back to the session, everyone else to their care team.
import { A } from '@solidjs/router'
import { Show } from 'solid-js'
import type { Id } from '../../../shared/ids'

export function ContactCareTeam(props: { isClinician: boolean; sessionId: Id }) {
  return (
    <Show
      when={props.isClinician}
      fallback={<p>If you have questions, please contact your care team.</p>}
    >
      <p>
        <A href={`/sessions/${props.sessionId}`} class="link-standalone">
          Back to the session's details
        </A>
      </p>
    </Show>
  )
}
