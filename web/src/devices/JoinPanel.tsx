// "Ready?": who else is in the session, what happens after Join, and Join itself.
import { A, useNavigate } from '@solidjs/router'
import { createSignal, For, Show } from 'solid-js'
import type { Participant, SessionDetail } from '../../../shared/sessions'
import { arrive } from '../admission/api'
import { fetchConsent } from '../consent/api'
import { ApiError } from '../lib/api'
import { ParticipantLine } from '../sessions/participants'
import { Button } from '../ui/Button'
import { ErrorMessage } from '../ui/ErrorMessage'

export function JoinPanel(props: {
  session: SessionDetail
  me: Participant
  isClinician: boolean
  /** Called before leaving the page: the call page opens the devices again. */
  onLeaving: () => void
}) {
  const navigate = useNavigate()
  const [joining, setJoining] = createSignal(false)
  const [joinError, setJoinError] = createSignal<unknown>()
  let joinAlert: HTMLDivElement | undefined
  const others = () => props.session.participants.filter((p) => p.id !== props.me.id)
  const isHost = () => props.me.role === 'host'

  async function join() {
    if (joining()) return
    setJoining(true)
    setJoinError(undefined)
    try {
      // Documents to answer first (the patient's consent, a partner's terms): the consent step, then the waiting room.
      const consent = await fetchConsent(props.session.id)
      if (consent.pending.length > 0) {
        props.onLeaving()
        navigate(`/sessions/${props.session.id}/consent`)
        return
      }
      const status = await arrive(props.session.id)
      props.onLeaving()
      navigate(`/sessions/${props.session.id}/${status.state === 'admitted' ? 'call' : 'waiting'}`)
    } catch (error) {
      setJoining(false)
      setJoinError(error)
      joinAlert?.focus()
    }
  }

  return (
    <section class="section join-panel" aria-labelledby="join-heading">
      <h2 id="join-heading">Ready?</h2>
      <Show when={others().length > 0}>
        <p>In this session:</p>
        <ul class="plain-list">
          <For each={others()}>
            {(p) => (
              <li>
                <ParticipantLine participant={p} />
              </li>
            )}
          </For>
        </ul>
      </Show>
      <p class="muted">
        {isHost()
          ? 'As a host, you go straight in.'
          : 'You will wait in the waiting room until a host lets you in.'}{' '}
        You can join with your camera or microphone off and turn them on later.
      </p>
      <Show when={joinError()}>
        <ErrorMessage
          title="You can't join right now."
          error={joinError()}
          ref={(el) => (joinAlert = el)}
        />
        <Show when={props.isClinician}>
          <p>
            <A href={`/sessions/${props.session.id}`} class="link-standalone">
              Back to the session's details
            </A>
          </p>
        </Show>
      </Show>
      <Show
        when={
          !(joinError() instanceof ApiError && (joinError() as ApiError).code === 'not_allowed')
        }
      >
        <Button pending={joining()} pendingLabel="Joining…" onClick={() => void join()}>
          Join
        </Button>
      </Show>
    </section>
  )
}
