// What a host does to others from the call: mute a microphone, remove someone, end the session for everyone.
import { Track, type Participant } from 'livekit-client'
import { createSignal, Show, type JSX } from 'solid-js'
import type { Id } from '../../../shared/ids'
import type { SessionDetail } from '../../../shared/sessions'
import { Button } from '../ui/Button'
import { ConfirmDialog } from '../ui/ConfirmDialog'
import { endSessionForEveryone, muteParticipant, removeParticipant } from './api'
import { cameraSource, type CallRoom } from './room'
import type { TileSource } from './VideoTile'

type Person = SessionDetail['participants'][number]

export type HostModeration = {
  /** The buttons on a tile, for hosts; none for themselves, other hosts or shared screens. */
  tileActions: (participant: Participant, source: TileSource, isLocal: boolean) => JSX.Element
  askToEnd: () => void
  /** The confirmation dialogs; render once. */
  Dialogs: () => JSX.Element
}

export type HostModerationProps = {
  sessionId: Id
  call: CallRoom
  isHost: () => boolean
  labelFor: (participant: Participant) => Person | undefined
  onNote: (note: string) => void
  onError: (error: unknown) => void
  onEnded: () => void
}

export function createHostModeration(props: HostModerationProps): HostModeration {
  const [removing, setRemoving] = createSignal<{ id: Id; name: string }>()
  const [removeError, setRemoveError] = createSignal<unknown>()
  const [isRemoving, setIsRemoving] = createSignal(false)
  const [confirmEnd, setConfirmEnd] = createSignal(false)
  const [endError, setEndError] = createSignal<unknown>()
  const [isEnding, setIsEnding] = createSignal(false)

  async function muteSomeone(id: Id, name: string) {
    props.onError(undefined)
    try {
      const { muted } = await muteParticipant(props.sessionId, id)
      props.onNote(
        muted
          ? `${name}'s microphone was muted. They can turn it back on.`
          : `${name}'s microphone was already off.`
      )
    } catch (error) {
      props.onError(error)
    }
  }

  async function confirmRemove() {
    const target = removing()
    if (!target) return
    setIsRemoving(true)
    setRemoveError(undefined)
    try {
      await removeParticipant(props.sessionId, target.id)
      props.onNote(`${target.name} was removed from the session.`)
      setRemoving(undefined)
    } catch (error) {
      setRemoveError(error)
    } finally {
      setIsRemoving(false)
    }
  }

  async function endForEveryone() {
    setIsEnding(true)
    setEndError(undefined)
    try {
      await endSessionForEveryone(props.sessionId)
      setConfirmEnd(false)
      props.onEnded()
    } catch (error) {
      setEndError(error)
      setIsEnding(false)
    }
  }

  const tileActions = (participant: Participant, source: TileSource, isLocal: boolean) => {
    if (!props.isHost() || isLocal || source !== cameraSource) return undefined
    const person = props.labelFor(participant)
    if (!person || person.role === 'host') return undefined
    const micLive = () => {
      props.call.version()
      const pub = participant.getTrackPublication(Track.Source.Microphone)
      return Boolean(pub && !pub.isMuted)
    }
    return (
      <>
        <Show when={micLive()}>
          <Button
            variant="secondary"
            class="button-small"
            onClick={() => void muteSomeone(person.id, person.displayName)}
          >
            Mute<span class="visually-hidden"> {person.displayName}</span>
          </Button>
        </Show>
        <Button
          variant="secondary"
          class="button-small button-danger-outline"
          onClick={() => {
            setRemoveError(undefined)
            setRemoving({ id: person.id, name: person.displayName })
          }}
        >
          Remove<span class="visually-hidden"> {person.displayName}</span>
        </Button>
      </>
    )
  }

  const Dialogs = () => (
    <>
      <ConfirmDialog
        open={removing() !== undefined}
        title={`Remove ${removing()?.name ?? ''}?`}
        confirmLabel="Remove"
        pendingLabel="Removing…"
        cancelLabel="Go back"
        pending={isRemoving()}
        error={removeError()}
        onConfirm={() => void confirmRemove()}
        onCancel={() => setRemoving(undefined)}
      >
        <p>
          They will leave the call at once. They can join this session again only if a host lets
          them wait again from the waiting room.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirmEnd()}
        title="End the session for everyone?"
        confirmLabel="End session"
        pendingLabel="Ending…"
        cancelLabel="Go back"
        pending={isEnding()}
        error={endError()}
        onConfirm={() => void endForEveryone()}
        onCancel={() => setConfirmEnd(false)}
      >
        <p>Everyone leaves the call, and personal links for this session stop working.</p>
      </ConfirmDialog>
    </>
  )

  return {
    tileActions,
    askToEnd: () => {
      setEndError(undefined)
      setConfirmEnd(true)
    },
    Dialogs,
  }
}
