// The call's connection started by the waiting room the instant its token arrives, before the call page renders:
// rendering first held the connection's start up by ≈ 20 ms (BENCHMARKS.md, "join"). The call page adopts it.
import type { DisconnectReason } from 'livekit-client'
import type { MediaToken } from '../../../shared/admission'
import { deviceChoices } from '../devices/choices'
import { connectRoom, createCallRoom, isLoopbackUrl, type CallRoom } from './room'

export type EarlyConnection = {
  call: CallRoom
  loopback: boolean
  /** `room.connect()`; rejects as it does. */
  connecting: Promise<void>
  /** Where the room's disconnect goes from now on (one that came before adoption is passed on at once). */
  onDisconnected(handler: (reason: DisconnectReason | undefined) => void): void
}

/** Creates the call's room with the device choices and starts connecting; nothing is published. */
export function connectEarly(media: MediaToken): EarlyConnection {
  const loopback = isLoopbackUrl(media.url)
  let handler: ((reason: DisconnectReason | undefined) => void) | undefined
  let missed: { reason: DisconnectReason | undefined } | undefined
  const call = createCallRoom({
    loopback,
    cameraId: deviceChoices().cameraId,
    micId: deviceChoices().micId,
    speakerId: deviceChoices().speakerId,
    onDisconnected: (reason) => (handler ? handler(reason) : (missed = { reason })),
  })
  const connecting = connectRoom(call, media, loopback)
  connecting.catch(() => undefined) // the call page awaits it
  return {
    call,
    loopback,
    connecting,
    onDisconnected(next) {
      handler = next
      if (missed) next(missed.reason)
    },
  }
}
