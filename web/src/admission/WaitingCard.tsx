// What a person sees while they wait to be let in: whether their care team knows, the hosts' message, who hosts,
// and the way out.
import { For, Show } from 'solid-js'
import type { MyStatus } from '../../../shared/admission'
import type { Participant } from '../../../shared/sessions'
import { ParticipantLine } from '../sessions/participants'
import { Button } from '../ui/Button'

type WaitingCardProps = {
  status: MyStatus | undefined
  isClinician: boolean
  hosts: Participant[]
  isPending: boolean
  onLeave: () => void
}

export function WaitingCard(props: WaitingCardProps) {
  return (
    <>
      <div class="waiting-card" role="status" aria-live="polite" aria-atomic="true">
        <p class="waiting-title">Waiting for your care team to let you in</p>
        <Show when={props.status?.state === 'stepped_out'}>
          <p>
            The clinicians are talking privately for a moment. You'll be let back in when they're
            ready.
          </p>
        </Show>
        <p class="waiting-host">
          {props.status?.seenByHost
            ? props.isClinician
              ? 'The hosts know you are here.'
              : 'Your care team knows you are here.'
            : props.status?.hostPresent
              ? 'A host is here.'
              : 'No host has arrived yet.'}
        </p>
      </div>
      <p>You can keep this page open: it moves on by itself when you are let in.</p>
      <Show when={props.status?.message}>
        {(message) => (
          <section class="host-message" aria-labelledby="host-message-title">
            <h2 id="host-message-title">Message from your care team</h2>
            <p role="status">{message()}</p>
          </section>
        )}
      </Show>
      <Show when={props.hosts.length > 0}>
        <section class="section" aria-labelledby="hosts-title">
          <h2 id="hosts-title">{props.hosts.length === 1 ? 'Your host' : 'Your hosts'}</h2>
          <ul class="plain-list">
            <For each={props.hosts}>
              {(host) => (
                <li>
                  <ParticipantLine participant={host} />
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
      <div class="actions">
        <Button
          variant="secondary"
          pending={props.isPending}
          pendingLabel="Leaving…"
          onClick={() => props.onLeave()}
        >
          Leave the waiting room
        </Button>
      </div>
    </>
  )
}
