// The patient's control over their consent during a joint session: answer the team's request to let someone join,
// ask one person to leave, stop sharing one kind of information, or withdraw completely (which ends the session).
import { createAsync, revalidate } from '@solidjs/router'
import { createSignal, For, Show } from 'solid-js'
import { disciplineLabel } from '../../../shared/enums'
import type { Id } from '../../../shared/ids'
import { onSessionEvents } from '../lib/events'
import { Button } from '../ui/Button'
import { Dialog } from '../ui/Dialog'
import { ErrorMessage } from '../ui/ErrorMessage'
import { describeParticipant } from '../sessions/participants'
import { decideDropIn, getConsent, withdrawConsent } from './api'

function useConsentOverview(sessionId: Id) {
  onSessionEvents(sessionId, (event) => {
    if (!event || event.type === 'consent.changed' || event.type === 'consent.requested') {
      void revalidate(getConsent.keyFor(sessionId))
    }
  })
  return createAsync(() => getConsent(sessionId).catch(() => undefined))
}

/** The care team asks, mid-session, whether someone may join: the patient answers here. */
export function DropInRequests(props: { sessionId: Id }) {
  const overview = useConsentOverview(props.sessionId)
  const [busy, setBusy] = createSignal<string>()
  const [error, setError] = createSignal<unknown>()

  async function answer(requestId: Id, decision: 'approved' | 'declined') {
    setBusy(requestId)
    setError(undefined)
    try {
      const categories =
        decision === 'approved' ? (overview()?.categories.map((c) => c.code) ?? []) : []
      await decideDropIn(props.sessionId, requestId, decision, categories)
      await revalidate(getConsent.keyFor(props.sessionId))
    } catch (err) {
      setError(err)
    } finally {
      setBusy(undefined)
    }
  }

  return (
    <For each={overview()?.openRequests ?? []}>
      {(request) => (
        <div class="call-banner" role="alert">
          <p>
            Your care team asks whether <strong>{request.displayName}</strong>
            {request.discipline ? ` (${disciplineLabel[request.discipline]})` : ''} may join, and
            know what your care team knows. You decide.
          </p>
          <Button
            pending={busy() === request.id}
            pendingLabel="Saving…"
            onClick={() => void answer(request.id, 'approved')}
          >
            Allow {request.displayName}
          </Button>
          <Button variant="secondary" onClick={() => void answer(request.id, 'declined')}>
            Don't allow
          </Button>
          <Show when={error()}>{(err) => <ErrorMessage error={err()} />}</Show>
        </div>
      )}
    </For>
  )
}

export function ConsentDialog(props: { sessionId: Id; open: boolean; onClose: () => void }) {
  const overview = useConsentOverview(props.sessionId)
  const [status, setStatus] = createSignal<string>()
  const [error, setError] = createSignal<unknown>()
  const [pending, setPending] = createSignal(false)
  const [confirmAll, setConfirmAll] = createSignal(false)
  // The person the patient is about to ask to leave: named, and confirmed, before anything happens.
  const [asking, setAsking] = createSignal<Id>()

  const present = () => overview()?.participants.filter((p) => p.present) ?? []
  const shared = () => {
    const codes = new Set(present().flatMap((p) => p.categories))
    return overview()?.categories.filter((c) => codes.has(c.code)) ?? []
  }

  async function withdraw(run: () => Promise<void>, done: string) {
    setPending(true)
    setError(undefined)
    try {
      await run()
      setStatus(done)
      await revalidate(getConsent.keyFor(props.sessionId))
    } catch (err) {
      setError(err)
    } finally {
      setPending(false)
    }
  }

  return (
    <Dialog open={props.open} title="Your consent" onCancel={() => props.onClose()}>
      <p>
        You can change your mind at any time. It takes effect straight away and doesn't affect the
        rest of your care.
      </p>
      <p class="muted" role="status">
        {status()}
      </p>
      <Show when={error()}>{(err) => <ErrorMessage error={err()} />}</Show>
      <Show when={present().length > 0}>
        <h3>People you allowed to join</h3>
        <ul class="plain-list">
          <For each={present()}>
            {(p) => (
              <li class="consent-row">
                <span>
                  <span class="member-name">{p.displayName}</span>{' '}
                  <span class="member-detail">{describeParticipant(p)}</span>
                </span>
                <Show
                  when={asking() === p.participantId}
                  fallback={
                    <Button
                      variant="secondary"
                      class="button-small"
                      onClick={() => setAsking(p.participantId)}
                    >
                      Ask {p.displayName} to leave
                    </Button>
                  }
                >
                  <div
                    class="consent-confirm"
                    role="group"
                    aria-label={`Ask ${p.displayName} to leave?`}
                  >
                    <p>
                      {p.displayName} leaves the call at once and can't come back to this session.
                    </p>
                    <div class="actions actions-tight">
                      <Button
                        variant="secondary"
                        class="button-small"
                        onClick={() => setAsking(undefined)}
                      >
                        Go back
                      </Button>
                      <Button
                        class="button-small button-danger"
                        pending={pending()}
                        pendingLabel="Asking…"
                        onClick={() =>
                          void withdraw(
                            () =>
                              withdrawConsent(props.sessionId, {
                                scope: 'participant',
                                participantId: p.participantId,
                              }),
                            `${p.displayName} can no longer take part.`
                          ).then(() => setAsking(undefined))
                        }
                      >
                        Yes, ask {p.displayName} to leave
                      </Button>
                    </div>
                  </div>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={shared().length > 0}>
        <h3>Information you share</h3>
        <ul class="plain-list">
          <For each={shared()}>
            {(c) => (
              <li class="consent-row">
                <span>{c.label}</span>
                <Button
                  variant="secondary"
                  class="button-small"
                  aria-label={`Stop sharing: ${c.label}`}
                  onClick={() =>
                    void withdraw(
                      () =>
                        withdrawConsent(props.sessionId, { scope: 'category', category: c.code }),
                      `${c.label} is no longer shared with anyone in this session.`
                    )
                  }
                >
                  Stop sharing
                </Button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <h3>Withdraw completely</h3>
      <Show
        when={confirmAll()}
        fallback={
          <Button
            variant="secondary"
            class="button-danger-outline"
            onClick={() => setConfirmAll(true)}
          >
            Withdraw my consent
          </Button>
        }
      >
        <p>
          This ends the session for everyone now. Your care team will contact you about next steps.
        </p>
        <div class="actions actions-tight">
          <Button variant="secondary" onClick={() => setConfirmAll(false)}>
            Go back
          </Button>
          <Button
            class="button-danger"
            pending={pending()}
            pendingLabel="Withdrawing…"
            onClick={() =>
              void withdraw(
                () => withdrawConsent(props.sessionId, { scope: 'all' }),
                'Your consent is withdrawn.'
              )
            }
          >
            Withdraw and end the session
          </Button>
        </div>
      </Show>
      <div class="actions">
        <Button onClick={() => props.onClose()}>Done</Button>
      </div>
    </Dialog>
  )
}
