// The others' first camera, attached to a video element the moment it is subscribed; its tile then takes that element
// over. A video element attached after the first key frame was decoded shows nothing until the next key frame, which
// the browser asks the sender for: attached by the call's first render, 16–25 ms after the track arrives, the first
// frame came 20–30 ms later than when attached at once (BENCHMARKS.md, join, sixth round). Until its tile takes it,
// the element waits in the page out of sight but "visible" to adaptive stream, which pauses video nobody can see:
// 2 px, transparent, hidden from assistive technology. Not taken in time (no tile for it), it is let go.
import { RoomEvent, Track, type RemoteTrack, type Room } from 'livekit-client'

const LET_GO_AFTER_MS = 5_000
const held = new WeakMap<Track, HTMLVideoElement>()

/** A video element as the tiles use it: plays by itself, inline on phones, and without sound (audio is apart). */
export function createVideoElement(): HTMLVideoElement {
  const video = document.createElement('video')
  video.autoplay = true
  video.playsInline = true
  video.muted = true
  return video
}

/** Attaches the first remote camera of this room to a waiting element the moment it is subscribed. */
export function holdFirstRemoteCamera(room: Room) {
  let holding = true
  room.on(RoomEvent.TrackSubscribed, (track: RemoteTrack, publication) => {
    if (!holding || track.kind !== Track.Kind.Video || publication.source !== Track.Source.Camera)
      return
    holding = false
    const element = createVideoElement()
    element.className = 'first-video-held'
    element.setAttribute('aria-hidden', 'true')
    element.dataset.held = 'true'
    document.body.append(element)
    held.set(track, element)
    track.attach(element)
    setTimeout(() => {
      if (held.get(track) !== element) return
      held.delete(track)
      track.detach(element)
      element.remove()
    }, LET_GO_AFTER_MS)
  })
}

/** Whether this element still waits for its tile (frames shown in it are nobody's to see). */
export const isHeld = (element: HTMLMediaElement) => element.dataset.held === 'true'

/** The element this track was attached to on arrival, for its tile to show; once, and only while it waits. */
export function takeHeldVideo(track: Track): HTMLVideoElement | undefined {
  const element = held.get(track)
  if (!element) return undefined
  held.delete(track)
  element.removeAttribute('class')
  element.removeAttribute('aria-hidden')
  delete element.dataset.held
  return element
}
