// This person's tracks go only to people the app has admitted right now (LiveKit track subscription permissions),
// so someone removed, uncovered or stepped out who comes back with an old LiveKit token receives no media from us
// even before the server puts them out again. The list is refetched whenever admissions may have changed.
import { RoomEvent, type Room } from 'livekit-client'
import type { SessionEvent } from '../../../shared/events'
import type { Id } from '../../../shared/ids'
import { fetchAdmitted } from './api'

/** Server events after which the admitted list may differ (undefined: events were missed). */
export const mayChangeAdmissions = (event: SessionEvent | undefined) =>
  !event ||
  event.type === 'admission.granted' ||
  event.type === 'admission.removed' ||
  event.type === 'lobby.changed' ||
  event.type === 'consent.changed'

export type SubscriptionGuard = {
  /** Sets the permissions for a freshly connected room; call before publishing anything. */
  attach(room: Room): Promise<void>
  refresh(): Promise<void>
}

export function createSubscriptionGuard(sessionId: Id): SubscriptionGuard {
  let room: Room | undefined
  let pending: Promise<void> | undefined
  let again = false

  const apply = async () => {
    const current = room
    if (!current) return
    // On failure the previous permissions stay: never open up, and never cut off everyone over a blip.
    const admitted = await fetchAdmitted(sessionId).catch(() => undefined)
    if (!admitted || room !== current) return
    const me = current.localParticipant.identity
    current.localParticipant.setTrackSubscriptionPermissions(
      false,
      admitted.identities
        .filter((id) => id !== me)
        .map((id) => ({ participantIdentity: id, allowAll: true }))
    )
  }

  // One fetch at a time; a change during a fetch triggers exactly one more.
  const refresh = (): Promise<void> => {
    if (pending) {
      again = true
      return pending
    }
    pending = apply().finally(() => {
      pending = undefined
      if (again) {
        again = false
        void refresh()
      }
    })
    return pending
  }

  return {
    async attach(next) {
      room = next
      // Deny by default until the list is in.
      next.localParticipant.setTrackSubscriptionPermissions(false, [])
      next.on(RoomEvent.ParticipantConnected, () => void refresh())
      next.on(RoomEvent.Reconnected, () => void refresh())
      await refresh()
    },
    refresh,
  }
}
