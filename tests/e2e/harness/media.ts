// Browser side of the media smoke test: joins a room with the fake camera and mic and shows remote video.
import { Room, RoomEvent, Track, type RemoteTrack, type RemoteParticipant } from 'livekit-client'

export type MediaHarness = {
  join(url: string, token: string, opts?: { publish?: boolean }): Promise<void>
  /** When (epoch ms) and why the room last disconnected; null while connected or never disconnected. */
  lastDisconnect(): { at: number; reason: number | undefined } | null
  /** framesDecoded of every subscribed remote camera, keyed by the publisher's identity. */
  remoteFramesDecoded(): Promise<Record<string, number>>
  /**
   * When (epoch ms) the first frame of any remote camera was shown since the last join(), by
   * requestVideoFrameCallback (else `loadeddata`); null until then. Used by tests/bench/join.ts.
   */
  firstRemoteFrameAt(): { at: number; via: string } | null
  /** When (epoch ms) the last join()'s connect() resolved and its first remote camera was subscribed. */
  joinTimings(): { connectedAt: number | null; firstTrackAt: number | null }
  /** Remote video frames shown (requestVideoFrameCallback) since the last join(). */
  framesShown(): number
  /** Lets only these identities subscribe to this page's tracks, as the app's call page does. */
  allowOnly(identities: string[]): void
  leave(): Promise<void>
}

declare global {
  interface Window {
    harness: MediaHarness
  }
}

// Small video and a single layer: two browsers and LiveKit share two cores in CI.
const room = new Room({
  adaptiveStream: false,
  dynacast: false,
  videoCaptureDefaults: { resolution: { width: 320, height: 180, frameRate: 15 } },
  publishDefaults: { simulcast: false, videoEncoding: { maxBitrate: 300_000, maxFramerate: 15 } },
})

const status = document.getElementById('status') as HTMLParagraphElement
const remote = document.getElementById('remote') as HTMLElement

room.on(RoomEvent.ConnectionStateChanged, (state) => {
  status.textContent = `Connection: ${state}`
})

let disconnected: { at: number; reason: number | undefined } | null = null
let firstFrame: { at: number; via: string } | null = null
let connectedAt: number | null = null
let firstTrackAt: number | null = null
let framesShown = 0
const epochNow = () => performance.timeOrigin + performance.now()

function watchFirstFrame(video: HTMLVideoElement) {
  const done = (via: string) => {
    firstFrame ??= { at: epochNow(), via }
  }
  if ('requestVideoFrameCallback' in video)
    video.requestVideoFrameCallback(() => done('requestVideoFrameCallback'))
  else
    (video as HTMLVideoElement).addEventListener('loadeddata', () => done('loadeddata'), {
      once: true,
    })
}
function countFrames(video: HTMLVideoElement) {
  if (!('requestVideoFrameCallback' in video)) return
  const next = () =>
    video.requestVideoFrameCallback(() => {
      framesShown++
      if (video.isConnected) next()
    })
  next()
}
room.on(RoomEvent.Disconnected, (reason) => {
  disconnected = { at: performance.timeOrigin + performance.now(), reason }
})

room.on(
  RoomEvent.TrackSubscribed,
  (track: RemoteTrack, _publication, participant: RemoteParticipant) => {
    if (track.kind !== Track.Kind.Video) return
    firstTrackAt ??= epochNow()
    // Visible on purpose: adaptive stream and some decoders pause video nobody can see.
    const video = track.attach() as HTMLVideoElement
    video.muted = true
    video.width = 320
    video.height = 180
    video.dataset.identity = participant.identity
    video.setAttribute('aria-label', `Camera of ${participant.identity}`)
    remote.append(video)
    watchFirstFrame(video)
    countFrames(video)
  }
)

room.on(RoomEvent.TrackUnsubscribed, (track: RemoteTrack) => {
  for (const element of track.detach()) element.remove()
})

window.harness = {
  async join(url, token, opts = {}) {
    disconnected = null
    firstFrame = null
    connectedAt = null
    firstTrackAt = null
    framesShown = 0
    // No iceServers: the server's default public STUN servers are unreachable from the test machine.
    await room.connect(url, token, { rtcConfig: { iceServers: [] } })
    connectedAt = epochNow()
    if (opts.publish !== false) await room.localParticipant.enableCameraAndMicrophone()
  },

  lastDisconnect() {
    return disconnected
  },

  firstRemoteFrameAt() {
    return firstFrame
  },

  joinTimings() {
    return { connectedAt, firstTrackAt }
  },

  async remoteFramesDecoded() {
    const frames: Record<string, number> = {}
    for (const participant of room.remoteParticipants.values()) {
      for (const publication of participant.videoTrackPublications.values()) {
        const report = await publication.videoTrack?.getRTCStatsReport()
        report?.forEach((stat: { type?: string; kind?: string; framesDecoded?: number }) => {
          if (stat.type === 'inbound-rtp' && stat.kind === 'video') {
            frames[participant.identity] =
              (frames[participant.identity] ?? 0) + (stat.framesDecoded ?? 0)
          }
        })
      }
    }
    return frames
  },

  framesShown() {
    return framesShown
  },

  allowOnly(identities) {
    room.localParticipant.setTrackSubscriptionPermissions(
      false,
      identities.map((id) => ({ participantIdentity: id, allowAll: true }))
    )
  },

  async leave() {
    await room.disconnect()
  },
}
