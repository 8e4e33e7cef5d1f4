// The audio-only decisions, kept free of the room so they can be checked on their own.
import { ConnectionQuality, Track } from 'livekit-client'

/** LiveKit rates the connection poor or lost: the point to offer audio only. */
export function isWeakConnection(quality: ConnectionQuality): boolean {
  return quality === ConnectionQuality.Poor || quality === ConnectionQuality.Lost
}

/** The offer shows on a weak connection, and not once audio only is already on. */
export function offersAudioOnly(quality: ConnectionQuality, on: boolean): boolean {
  return !on && isWeakConnection(quality)
}

/** While audio only is on, every camera stays off, including ones published after it was turned on. */
export function receivesVideo(source: Track.Source, on: boolean): boolean {
  return !(on && source === Track.Source.Camera)
}
