// What a declined or removed person sees once a host lets them wait again: plain words that they may come back, and
// one button into the waiting room. The call page's "removed" and "declined" screens watch for it too, so nobody has
// to reload to find out.
import { useNavigate } from '@solidjs/router'
import { createSignal, onMount, Show, type JSX } from 'solid-js'
import type { MyStatus } from '../../../shared/admission'
import type { Id } from '../../../shared/ids'
import { onSessionEvents } from '../lib/events'
import { Button } from '../ui/Button'
import { ErrorMessage } from '../ui/ErrorMessage'
import { arrive, fetchMyStatus } from './api'

export function MayRejoin(props: {
  sessionId: Id
  onJoined: (status: MyStatus) => void
  /** On a page of its own (the call page), the news is the page's heading. */
  asPage?: boolean
}) {
  const [pending, setPending] = createSignal(false)
  const [error, setError] = createSignal<unknown>()

  async function join() {
    setPending(true)
    setError(undefined)
    try {
      props.onJoined(await arrive(props.sessionId))
    } catch (err) {
      setError(err)
    } finally {
      setPending(false)
    }
  }

  return (
    <div class={props.asPage ? 'call-screen' : 'may-rejoin'}>
      <div role="status" aria-live="polite" aria-atomic="true">
        <Show
          when={props.asPage}
          fallback={<p class="waiting-title">You can join this session again.</p>}
        >
          <h1 class="call-screen-title" tabindex="-1" data-screen-heading>
            You can join this session again.
          </h1>
        </Show>
        <p>
          A host has said you may come back. You'll wait in the waiting room until a host lets you
          in.
        </p>
      </div>
      <Show when={error()}>{(err) => <ErrorMessage error={err()} />}</Show>
      <div class="actions">
        <Button pending={pending()} pendingLabel="Joining…" onClick={() => void join()}>
          Join the waiting room
        </Button>
      </div>
    </div>
  )
}

/**
 * Shows `children` (the "removed" or "declined" screen) until a host lets this person wait again, then the way back.
 * Reads the person's status on their own event (or a reconnect), never on a timer.
 */
export function UntilLetBack(props: {
  sessionId: Id
  participantId: Id | null | undefined
  children: JSX.Element
}) {
  const navigate = useNavigate()
  const [letBack, setLetBack] = createSignal(false)

  async function check() {
    try {
      setLetBack((await fetchMyStatus(props.sessionId)).state === 'may_rejoin')
    } catch {
      // The screen stays as it is; the next event or reconnect checks again.
    }
  }
  onMount(() => void check())
  onSessionEvents(props.sessionId, (event) => {
    if (
      !event ||
      (event.type === 'admission.may_rejoin' && event.participantId === props.participantId)
    )
      void check()
  })

  return (
    <Show when={letBack()} fallback={props.children}>
      <MayRejoin
        asPage
        sessionId={props.sessionId}
        onJoined={() => navigate(`/sessions/${props.sessionId}/waiting`, { replace: true })}
      />
    </Show>
  )
}
