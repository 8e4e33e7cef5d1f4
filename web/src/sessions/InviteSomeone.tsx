// Hosts invite one more person after scheduling: an outside specialist dropping in for this case (personal link,
// shown once) or a care-team clinician not invited yet. In a joint session the patient is then asked before anyone
// new can be let in. Most sessions never need it, so the form loads only when a host asks for it.
import { createSignal, createUniqueId, lazy, Show } from 'solid-js'
import type { SessionDetail } from '../../../shared/sessions'
import { AsyncBoundary } from '../ui/AsyncBoundary'
import { Button } from '../ui/Button'

export type InviteSession = Pick<
  SessionDetail,
  'id' | 'kind' | 'patientId' | 'patientName' | 'participants'
>

const InvitePanel = lazy(() => import('./InvitePanel'))

export function InviteSomeone(props: { session: InviteSession }) {
  const id = createUniqueId()
  const [started, setStarted] = createSignal(false)
  return (
    <section class="invite" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Invite someone</h2>
      <Show
        when={started()}
        fallback={
          <>
            <p class="muted">
              A specialist dropping in for this case, or a colleague from the care team.
            </p>
            <Button variant="secondary" onClick={() => setStarted(true)}>
              Invite someone
            </Button>
          </>
        }
      >
        <AsyncBoundary loading="Loading…" retry={() => undefined}>
          <InvitePanel session={props.session} />
        </AsyncBoundary>
      </Show>
    </section>
  )
}
