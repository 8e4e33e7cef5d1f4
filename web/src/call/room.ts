// Live-only call state (who is here, who speaks, connection quality, reconnecting), fed by LiveKit's room events.
// None of it is stored on the server. Only the call's modules (web/src/call/) import livekit-client; the waiting room
// loads them lazily.
import {
  type DisconnectReason,
  Room,
  RoomEvent,
  Track,
  TrackEvent,
  VideoPresets,
  type Participant,
  type RemoteTrack,
} from 'livekit-client'
import { createSignal, type Accessor } from 'solid-js'
import { holdFirstRemoteCamera, isHeld } from './first-video'

export type CallRoom = {
  room: Room
  /** Changes whenever anything shown about the call may have changed; read it to re-render. */
  version: Accessor<number>
  reconnecting: Accessor<boolean>
  /** False when the browser blocked sound until the person presses something. */
  canPlayAudio: Accessor<boolean>
  /** True once the first frame of someone else's camera has been shown. */
  firstRemoteFrame: Accessor<boolean>
  /** Resolves at that first frame, or after `atLatestMs` when none has come by then. */
  afterFirstRemoteFrame: (atLatestMs: number) => Promise<void>
  /** Lets go of every listener; the room must already be disconnected or about to be. */
  dispose: () => void
}

/** A LiveKit on loopback is the dev or test server on this machine: no STUN/TURN, and small video for 2 cores. */
export function isLoopbackUrl(url: string): boolean {
  return /^wss?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(url)
}

type Options = {
  loopback: boolean
  cameraId: string | undefined
  micId: string | undefined
  speakerId: string | undefined
  onDisconnected: (reason: DisconnectReason | undefined) => void
}

const structuralEvents = [
  RoomEvent.ParticipantConnected,
  RoomEvent.ParticipantDisconnected,
  RoomEvent.TrackPublished,
  RoomEvent.TrackUnpublished,
  RoomEvent.TrackSubscribed,
  RoomEvent.TrackUnsubscribed,
  RoomEvent.TrackMuted,
  RoomEvent.TrackUnmuted,
  RoomEvent.TrackStreamStateChanged,
  RoomEvent.LocalTrackPublished,
  RoomEvent.LocalTrackUnpublished,
  RoomEvent.ActiveSpeakersChanged,
  RoomEvent.ConnectionQualityChanged,
  RoomEvent.ParticipantPermissionsChanged,
  RoomEvent.ActiveDeviceChanged,
  RoomEvent.MediaDevicesChanged,
  RoomEvent.ConnectionStateChanged,
] as const

/**
 * livekit-client's warm-up before there is a token (for a self-hosted server, a HEAD request: DNS, TCP and TLS are
 * done before the call connects). A room of its own, never connected; livekit-client frees its listeners with it.
 */
export function prepareMediaConnection(url: string) {
  return new Room().prepareConnection(url)
}

/** Connects the call's room with a media token (marked `join:connected` once done, for tests/bench/join.ts). */
export async function connectRoom(
  call: CallRoom,
  media: { url: string; token: string },
  loopback: boolean
) {
  // The loopback LiveKit of dev and tests has no reachable STUN/TURN; production configures real ones.
  await call.room.connect(media.url, media.token, {
    rtcConfig: loopback ? { iceServers: [] } : undefined,
  })
  performance.mark('join:connected')
}

export function createCallRoom(options: Options): CallRoom {
  const room = new Room({
    adaptiveStream: true,
    // Off: with track subscription permissions (subscription-guard.ts) changing as people are let in, LiveKit 1.13.5's
    // dynacast could leave a publisher's video paused for someone allowed later (a live track, no frames).
    dynacast: false,
    videoCaptureDefaults: {
      deviceId: options.cameraId,
      resolution: options.loopback ? VideoPresets.h180.resolution : VideoPresets.h540.resolution,
    },
    audioCaptureDefaults: { deviceId: options.micId },
    audioOutput: options.speakerId ? { deviceId: options.speakerId } : undefined,
    publishDefaults: options.loopback
      ? { simulcast: false, videoEncoding: VideoPresets.h180.encoding }
      : { simulcast: true },
  })

  const [version, setVersion] = createSignal(0)
  const [reconnecting, setReconnecting] = createSignal(false)
  const [canPlayAudio, setCanPlayAudio] = createSignal(true)
  const bump = () => setVersion((v) => v + 1)

  const [firstRemoteFrame, setFirstRemoteFrame] = createSignal(false)
  let frameShown!: () => void
  const frame = new Promise<void>((resolve) => (frameShown = resolve))
  // First, so the first remote track is marked before the re-render that attaches it.
  markFirstRemoteFrame(room, () => {
    setFirstRemoteFrame(true)
    frameShown()
  })
  holdFirstRemoteCamera(room)
  for (const event of structuralEvents) room.on(event, bump)
  room
    .on(RoomEvent.Reconnecting, () => setReconnecting(true))
    .on(RoomEvent.SignalReconnecting, () => setReconnecting(true))
    .on(RoomEvent.Reconnected, () => {
      setReconnecting(false)
      bump()
    })
    .on(RoomEvent.AudioPlaybackStatusChanged, () => setCanPlayAudio(room.canPlaybackAudio))
    .on(RoomEvent.Disconnected, (reason) => {
      setReconnecting(false)
      bump()
      options.onDisconnected(reason)
    })

  return {
    room,
    version,
    reconnecting,
    canPlayAudio,
    firstRemoteFrame,
    afterFirstRemoteFrame: (atLatestMs) =>
      Promise.race([frame, new Promise<void>((resolve) => setTimeout(resolve, atLatestMs))]),
    dispose: () => {
      room.removeAllListeners()
    },
  }
}

/**
 * Join-time marks for tests/bench/join.ts, once per room: the first remote camera subscribed
 * (`join:first-remote-track`), attached to a <video> (`join:first-remote-attached`) and its first frame shown
 * there (`join:first-remote-frame`, by requestVideoFrameCallback, else the element's first `loadeddata`).
 * Performance marks, and `onFrame` once that frame is shown.
 */
function markFirstRemoteFrame(room: Room, onFrame: () => void) {
  let trackSeen = false
  let attachedSeen = false
  let frameSeen = false
  const watch = (element: HTMLMediaElement) => {
    // An element still waiting for its tile (first-video.ts) shows nobody anything: its tile's attach counts.
    if (frameSeen || !(element instanceof HTMLVideoElement) || isHeld(element)) return
    if (!attachedSeen) {
      attachedSeen = true
      performance.mark('join:first-remote-attached')
    }
    const video = element
    const done = (via: string, presentedFrames?: number) => {
      if (frameSeen) return
      frameSeen = true
      performance.mark('join:first-remote-frame', { detail: { via, presentedFrames } })
      onFrame()
    }
    if ('requestVideoFrameCallback' in video) {
      video.requestVideoFrameCallback((_now, metadata) =>
        done('requestVideoFrameCallback', metadata.presentedFrames)
      )
    } else {
      ;(video as HTMLVideoElement).addEventListener('loadeddata', () => done('loadeddata'), {
        once: true,
      })
    }
  }
  const onSubscribed = (track: RemoteTrack) => {
    if (frameSeen || track.kind !== Track.Kind.Video) return
    if (!trackSeen) {
      trackSeen = true
      performance.mark('join:first-remote-track')
    }
    for (const element of track.attachedElements) watch(element)
    track.on(TrackEvent.ElementAttached, watch)
  }
  room.on(RoomEvent.TrackSubscribed, onSubscribed)
}

export function isSpeaking(room: Room, participant: Participant): boolean {
  return room.activeSpeakers.some((p) => p.identity === participant.identity)
}

/** Whether LiveKit's grant lets this person share their screen (TrackSource.SCREEN_SHARE is 3 in the protocol). */
export function mayShareScreen(participant: Participant): boolean {
  const permissions = participant.permissions
  if (!permissions?.canPublish) return false
  const sources = permissions.canPublishSources as readonly number[]
  return sources.length === 0 || sources.includes(3)
}

export const cameraSource = Track.Source.Camera
export const screenSource = Track.Source.ScreenShare
