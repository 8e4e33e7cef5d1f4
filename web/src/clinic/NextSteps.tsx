// The end of every road that stops short of the call: what happens next and whom to contact, so nobody is left at a
// dead end. Clinicians get their way back into the app instead of the clinic's phone number.
import { A, createAsync } from '@solidjs/router'
import { Show } from 'solid-js'
import type { Id } from '../../../shared/ids'
import { getClinic } from './api'

export function NextSteps(props: {
  isClinician: boolean
  sessionId: Id | undefined
  /** What happens now, for the person reading (e.g. "Your care team will contact you about a new time."). */
  next: string
}) {
  return (
    <Show when={!props.isClinician} fallback={<ClinicianLinks sessionId={props.sessionId} />}>
      <div class="next-steps">
        <p>{props.next}</p>
        <ClinicContactLine />
      </div>
    </Show>
  )
}

export function ClinicContactLine() {
  const clinic = createAsync(() => getClinic().catch(() => undefined))
  return (
    <Show when={clinic()} fallback={<p>If you have questions, please contact your care team.</p>}>
      {(c) => (
        <p class="clinic-contact">
          Questions? Contact {c().name}
          <Show when={c().phone}>
            {(phone) => (
              <>
                {' '}
                on <a href={`tel:${phone().replace(/[^+\d]/g, '')}`}>{phone()}</a>
              </>
            )}
          </Show>
          <Show when={c().email}>
            {(email) => (
              <>
                {c().phone ? ' or ' : ' at '}
                <a href={`mailto:${email()}`}>{email()}</a>
              </>
            )}
          </Show>
          .
        </p>
      )}
    </Show>
  )
}

function ClinicianLinks(props: { sessionId: Id | undefined }) {
  return (
    <ul class="plain-list">
      <Show when={props.sessionId}>
        {(id) => (
          <li>
            <A href={`/sessions/${id()}`} class="link-standalone">
              Session details and attendance
            </A>
          </li>
        )}
      </Show>
      <li>
        <A href="/" class="link-standalone">
          Go to the home page
        </A>
      </li>
    </ul>
  )
}
