// Audio only, for a weak connection: stop sending our camera and stop receiving others' video, so the voices keep
// going. LiveKit's adaptive stream already lowers video quality on its own; this is the step past that, offered when
// LiveKit rates our own connection poor, and shown while it is on.
import { RoomEvent, Track, type RemoteTrackPublication, type Room } from 'livekit-client'
import { createSignal, onCleanup, type Accessor } from 'solid-js'
import { isWeakConnection, offersAudioOnly, receivesVideo } from './audio-only-rules'
import type { CallRoom } from './room'

export type AudioOnly = {
  /** LiveKit rates this device's connection poor (or lost). */
  weak: Accessor<boolean>
  on: Accessor<boolean>
  /** Offer audio only: weak connection and not on yet. */
  offered: Accessor<boolean>
  set: (on: boolean) => Promise<void>
}

export function createAudioOnly(call: CallRoom): AudioOnly {
  const [on, setOn] = createSignal(false)
  const weak = () => {
    call.version()
    return isWeakConnection(call.room.localParticipant.connectionQuality)
  }
  const offered = () => {
    call.version()
    return offersAudioOnly(call.room.localParticipant.connectionQuality, on())
  }

  const cameras = (room: Room) =>
    [...room.remoteParticipants.values()].flatMap((p) =>
      [...p.trackPublications.values()].filter((pub) => pub.source === Track.Source.Camera)
    )

  // Cameras published while audio only is on stay off too.
  const onPublished = (pub: RemoteTrackPublication) => {
    if (!receivesVideo(pub.source, on())) pub.setEnabled(false)
  }
  call.room.on(RoomEvent.TrackPublished, onPublished)
  onCleanup(() => void call.room.off(RoomEvent.TrackPublished, onPublished))

  async function set(next: boolean) {
    setOn(next)
    for (const pub of cameras(call.room)) pub.setEnabled(receivesVideo(pub.source, next))
    if (next) await call.room.localParticipant.setCameraEnabled(false)
  }

  return { weak, on, offered, set }
}
