// The call page's phases, and how each way of leaving (a status from the server, a server event, LiveKit's
// disconnect reason) becomes one. Kept free of the room and the page so each mapping can be checked on its own.
import { DisconnectReason } from 'livekit-client'
import type { MyStatus } from '../../../shared/admission'
import type { SessionEvent } from '../../../shared/events'

export type Phase =
  | 'preparing'
  | 'connecting'
  | 'in-call'
  | 'left'
  | 'removed'
  | 'uncovered'
  | 'denied'
  | 'ended'
  | 'duplicate'
  | 'lost'
  | 'failed'

/** A phase, or back to the waiting room, which explains a step-out itself and so needs no phase of its own. */
export type Outcome = Phase | 'waiting'

type RemovalReason = Extract<SessionEvent, { type: 'admission.removed' }>['reason']

const isOver = (status: MyStatus) =>
  status.sessionStatus === 'ended' || status.sessionStatus === 'cancelled'

/** The phase that ends the page before or while joining (a session over, a person removed or declined); none
 *  when the person may be here. */
export function phaseBlockingJoin(status: MyStatus): 'ended' | 'removed' | 'denied' | undefined {
  if (isOver(status)) return 'ended'
  if (status.state === 'removed') return 'removed'
  if (status.state === 'denied') return 'denied'
  return undefined
}

/** After LiveKit said only "removed": the server's status says why (a host, a withdrawn consent, a step-out, or
 *  leaving in another window). */
export function phaseAfterRemoval(status: MyStatus): Outcome {
  if (isOver(status)) return 'ended'
  if (status.state === 'stepped_out') return 'waiting'
  if (status.state === 'left')
    return status.leftBecause === 'consent_withdrawn' ? 'uncovered' : 'left'
  // Still admitted: the media connection went, not the person.
  if (status.state === 'admitted') return 'lost'
  return 'removed'
}

/** After events may have been missed: a status that ends the call, or none when the call goes on. */
export function phaseOnRecheck(status: MyStatus): Outcome | undefined {
  if (isOver(status)) return 'ended'
  if (status.state === 'removed') return 'removed'
  if (status.state === 'stepped_out') return 'waiting'
  if (status.state === 'left' && status.leftBecause === 'consent_withdrawn') return 'uncovered'
  return undefined
}

/** The server's event that this person's admission was removed, by its reason. */
export function phaseForRemoval(reason: RemovalReason): Outcome {
  if (reason === 'stepped_out') return 'waiting'
  return reason === 'consent_withdrawn' ? 'uncovered' : 'removed'
}

/** LiveKit's disconnect reason: a phase, 'ask' when only the server can say why, none when we left ourselves. */
export function phaseForDisconnect(
  reason: DisconnectReason | undefined
): Phase | 'ask' | undefined {
  switch (reason) {
    case DisconnectReason.PARTICIPANT_REMOVED:
      return 'ask'
    case DisconnectReason.ROOM_DELETED:
      return 'ended'
    case DisconnectReason.DUPLICATE_IDENTITY:
      return 'duplicate'
    case DisconnectReason.CLIENT_INITIATED:
      return undefined
    default:
      return 'lost'
  }
}

/** The tab's title for a phase. */
export function titleFor(phase: Phase): string {
  switch (phase) {
    case 'in-call':
      return 'In a call'
    case 'ended':
      return 'Session ended'
    default:
      return 'Call'
  }
}
