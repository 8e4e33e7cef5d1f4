// The hosts' view of the waiting room: who waits and since when, admit or decline, and a message to them.
import { createAsync, revalidate } from '@solidjs/router'
import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js'
import type { Lobby, LobbyEntry } from '../../../shared/admission'
import type { Id } from '../../../shared/ids'
import { ApiError } from '../lib/api'
import { onSessionEvents } from '../lib/events'
import { AsyncBoundary } from '../ui/AsyncBoundary'
import { Button } from '../ui/Button'
import { ConfirmDialog } from '../ui/ConfirmDialog'
import { ErrorMessage } from '../ui/ErrorMessage'
import { StatusBanner } from '../ui/StatusBanner'
import { admit, admitAllClinicians, decline, getLobby, markSeen } from './api'
import { LetBackList } from './LetBackList'
import { LobbyMessageForm } from './LobbyMessageForm'
import { describeParticipant } from '../sessions/participants'

const clinicianRoles = new Set(['host', 'clinician', 'specialist', 'observer'])

export function LobbyPanel(props: { sessionId: Id }) {
  onSessionEvents(props.sessionId, (event) => {
    if (!event || event.type !== 'session.changed')
      void revalidate(getLobby.keyFor(props.sessionId))
  })

  return (
    <section class="lobby" aria-labelledby="lobby-title">
      <AsyncBoundary
        loading="Loading who is waiting…"
        retry={() => void revalidate(getLobby.keyFor(props.sessionId))}
      >
        <LobbyContent sessionId={props.sessionId} />
      </AsyncBoundary>
    </section>
  )
}

function LobbyContent(props: { sessionId: Id }) {
  const lobby = createAsync(() => getLobby(props.sessionId))
  return (
    <Show when={lobby()}>
      {(lobby) => <LobbyView sessionId={props.sessionId} lobby={lobby()} />}
    </Show>
  )
}

function LobbyView(props: { sessionId: Id; lobby: Lobby }) {
  const [note, setNote] = createSignal<string>()
  const [busy, setBusy] = createSignal<string>()
  const [error, setError] = createSignal<unknown>()
  const [declining, setDeclining] = createSignal<LobbyEntry>()
  const [declineError, setDeclineError] = createSignal<unknown>()
  const now = createNow(30_000)

  // Stepped-out people wait to be let back in like anyone else, without repeating consent.
  const waiting = () =>
    props.lobby.entries.filter((e) => e.state === 'waiting' || e.state === 'stepped_out')
  const waitingClinicians = () => waiting().filter((e) => clinicianRoles.has(e.role))

  // Say who has just arrived, for hosts busy in the call.
  createEffect(
    on(
      () => waiting().map((e) => e.participantId),
      (ids, previous) => {
        if (!previous) return
        const arrived = waiting().filter((e) => !previous.includes(e.participantId))
        if (arrived.length === 1) setNote(`${arrived[0]!.displayName} is waiting to join.`)
        else if (arrived.length > 1) setNote(`${arrived.length} people are waiting to join.`)
        void ids
      }
    )
  )

  // Being listed here is being seen: each waiting person is told once that their care team knows they are here.
  const reported = new Set<Id>()
  createEffect(() => {
    for (const e of waiting()) {
      if (reported.has(e.participantId)) continue
      reported.add(e.participantId)
      // Best effort: the person simply isn't told yet; the next refresh of the list tries again.
      markSeen(props.sessionId, e.participantId).catch(() => reported.delete(e.participantId))
    }
  })

  async function act(key: string, run: () => Promise<string>, entry?: LobbyEntry) {
    if (busy()) return
    setBusy(key)
    setError(undefined)
    try {
      setNote(await run())
    } catch (err) {
      // Another host got there first, or they left: the list is only out of date.
      if (err instanceof ApiError && err.code === 'conflict') {
        setNote(entry ? `${entry.displayName} is no longer waiting.` : 'The waiting room changed.')
      } else if (err instanceof ApiError && err.code === 'consent_required') {
        setNote(`${entry ? `${entry.displayName} can't be let in yet. ` : ''}${err.message}`)
      } else {
        setError(err)
      }
    } finally {
      setBusy(undefined)
      await revalidate(getLobby.keyFor(props.sessionId))
    }
  }

  const admitOne = (entry: LobbyEntry) => {
    // The server enforces the consent gate; saying why here spares a refusal.
    if (!entry.consent.admissible) {
      setNote(`${entry.displayName} can't be let in yet. ${entry.consent.reasons.join(' ')}`)
      return
    }
    return act(
      `admit:${entry.participantId}`,
      async () => {
        await admit(props.sessionId, entry.participantId)
        return `${entry.displayName} was let in.`
      },
      entry
    )
  }

  const admitClinicians = () =>
    act('admit-all', async () => {
      const { admitted } = await admitAllClinicians(props.sessionId)
      const held = waitingClinicians().length - admitted
      const done =
        admitted === 1 ? '1 clinician was let in.' : `${admitted} clinicians were let in.`
      return held > 0 ? `${done} ${held} still need consent before they can join.` : done
    })

  async function confirmDecline() {
    const entry = declining()
    if (!entry) return
    setDeclineError(undefined)
    setBusy(`decline:${entry.participantId}`)
    try {
      await decline(props.sessionId, entry.participantId)
      setNote(`${entry.displayName} was declined.`)
      setDeclining(undefined)
    } catch (err) {
      if (err instanceof ApiError && err.code === 'conflict') {
        setNote(`${entry.displayName} is no longer waiting.`)
        setDeclining(undefined)
      } else {
        setDeclineError(err)
      }
    } finally {
      setBusy(undefined)
      await revalidate(getLobby.keyFor(props.sessionId))
    }
  }

  return (
    <>
      <h2 id="lobby-title" class="lobby-title">
        Waiting room
        <span class="lobby-count">
          {waiting().length === 0 ? ' (empty)' : ` (${waiting().length} waiting)`}
        </span>
      </h2>
      <StatusBanner message={note()} />
      <Show when={error()}>{(err) => <ErrorMessage error={err()} />}</Show>
      <Show when={waiting().length > 0} fallback={<p class="empty">No one is waiting.</p>}>
        <ul class="lobby-list">
          <For each={waiting()}>
            {(entry) => (
              <li class="lobby-entry">
                <p class="lobby-name">{entry.displayName}</p>
                <p class="lobby-detail">
                  {describeParticipant(entry)}
                  <Show when={entry.state === 'stepped_out'}>{' · stepped out'}</Show>
                  <Show when={entry.waitingSince}>
                    {(since) => (
                      <>
                        {' · '}
                        <time datetime={since()}>{waitedFor(since(), now())}</time>
                      </>
                    )}
                  </Show>
                </p>
                <Show when={!entry.consent.admissible}>
                  <div class="lobby-consent" id={`consent-${entry.participantId}`}>
                    <p class="lobby-consent-title">Can't be let in yet:</p>
                    <ul>
                      <For each={entry.consent.reasons}>{(reason) => <li>{reason}</li>}</For>
                    </ul>
                  </div>
                </Show>
                <div class="lobby-actions">
                  <Button
                    class={entry.consent.admissible ? undefined : 'button-blocked'}
                    aria-disabled={entry.consent.admissible ? undefined : 'true'}
                    aria-describedby={
                      entry.consent.admissible ? undefined : `consent-${entry.participantId}`
                    }
                    pending={busy() === `admit:${entry.participantId}`}
                    pendingLabel="Letting in…"
                    onClick={() => void admitOne(entry)}
                  >
                    Admit<span class="visually-hidden"> {entry.displayName}</span>
                  </Button>
                  <Button
                    variant="secondary"
                    onClick={() => {
                      setDeclineError(undefined)
                      setDeclining(entry)
                    }}
                  >
                    Decline<span class="visually-hidden"> {entry.displayName}</span>
                  </Button>
                </div>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={waitingClinicians().length > 0}>
        <Button
          variant="secondary"
          class="lobby-admit-all"
          pending={busy() === 'admit-all'}
          pendingLabel="Letting in…"
          onClick={() => void admitClinicians()}
        >
          Admit all waiting clinicians
        </Button>
      </Show>
      <LetBackList sessionId={props.sessionId} entries={props.lobby.entries} onNote={setNote} />
      <LobbyMessageForm sessionId={props.sessionId} message={props.lobby.message} />
      <ConfirmDialog
        open={declining() !== undefined}
        title={`Decline ${declining()?.displayName ?? ''}?`}
        confirmLabel="Decline"
        pendingLabel="Declining…"
        cancelLabel="Go back"
        pending={busy()?.startsWith('decline:') ?? false}
        error={declineError()}
        onConfirm={() => void confirmDecline()}
        onCancel={() => setDeclining(undefined)}
      >
        <p>
          They won't be able to join this session unless a host lets them wait again from this
          waiting room.
        </p>
      </ConfirmDialog>
    </>
  )
}

/** The current time, updated every `everyMs`, for "waiting 3 minutes". */
function createNow(everyMs: number) {
  const [now, setNow] = createSignal(Date.now())
  const timer = setInterval(() => setNow(Date.now()), everyMs)
  onCleanup(() => clearInterval(timer))
  return now
}

function waitedFor(sinceIso: string, now: number): string {
  const minutes = Math.floor((now - new Date(sinceIso).getTime()) / 60_000)
  if (minutes < 1) return 'waiting less than a minute'
  if (minutes === 1) return 'waiting 1 minute'
  if (minutes < 60) return `waiting ${minutes} minutes`
  const hours = Math.floor(minutes / 60)
  return hours === 1 ? 'waiting over an hour' : `waiting over ${hours} hours`
}
