// The people a host declined or removed in this session, each with "Let … wait again": one mistaken click must not
// lock a patient or a specialist out of their own session. Letting someone wait again never lets them in; they come
// back to the waiting room, where admission (and the patient's consent) works as for anyone.
import { revalidate } from '@solidjs/router'
import { createSignal, For, Show } from 'solid-js'
import type { LobbyEntry } from '../../../shared/admission'
import type { Id } from '../../../shared/ids'
import { ApiError } from '../lib/api'
import { Button } from '../ui/Button'
import { ConfirmDialog } from '../ui/ConfirmDialog'
import { describeParticipant } from '../sessions/participants'
import { getLobby, letWaitAgain } from './api'

const why: Partial<Record<LobbyEntry['state'], string>> = {
  denied: 'declined',
  removed: 'removed from the call',
  may_rejoin: 'may join again; not back yet',
}

export function LetBackList(props: {
  sessionId: Id
  entries: LobbyEntry[]
  onNote: (note: string) => void
}) {
  const [asking, setAsking] = createSignal<LobbyEntry>()
  const [pending, setPending] = createSignal(false)
  const [error, setError] = createSignal<unknown>()
  const shown = () => props.entries.filter((e) => why[e.state] !== undefined)

  async function confirm() {
    const entry = asking()
    if (!entry || pending()) return
    setPending(true)
    setError(undefined)
    try {
      await letWaitAgain(props.sessionId, entry.participantId)
      props.onNote(
        `${entry.displayName} can join again. They will wait in the waiting room until a host lets them in.`
      )
      setAsking(undefined)
    } catch (err) {
      // Another host got there first: the list is only out of date.
      if (err instanceof ApiError && err.code === 'conflict') {
        props.onNote(`${entry.displayName} can already join again.`)
        setAsking(undefined)
      } else {
        setError(err)
      }
    } finally {
      setPending(false)
      await revalidate(getLobby.keyFor(props.sessionId))
    }
  }

  return (
    <Show when={shown().length > 0}>
      <section class="lobby-let-back" aria-labelledby="let-back-title">
        <h3 id="let-back-title" class="lobby-subtitle">
          Declined or removed
        </h3>
        <ul class="lobby-list">
          <For each={shown()}>
            {(entry) => (
              <li class="lobby-entry">
                <p class="lobby-name">{entry.displayName}</p>
                <p class="lobby-detail">
                  {describeParticipant(entry)} · {why[entry.state]}
                </p>
                <Show when={entry.state !== 'may_rejoin'}>
                  <div class="lobby-actions">
                    <Button
                      variant="secondary"
                      onClick={() => {
                        setError(undefined)
                        setAsking(entry)
                      }}
                    >
                      Let {entry.displayName} wait again
                    </Button>
                  </div>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </section>
      <ConfirmDialog
        open={asking() !== undefined}
        title={`Let ${asking()?.displayName ?? ''} wait again?`}
        confirmLabel="Let them wait again"
        pendingLabel="Saving…"
        cancelLabel="Go back"
        tone="neutral"
        pending={pending()}
        error={error()}
        onConfirm={() => void confirm()}
        onCancel={() => setAsking(undefined)}
      >
        <p>
          {asking()?.displayName} will be able to join the waiting room of this session again. They
          won't be in the call until a host lets them in, and consent still applies as usual.
        </p>
      </ConfirmDialog>
    </Show>
  )
}
