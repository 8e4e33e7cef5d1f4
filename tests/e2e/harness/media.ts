// Browser side of the media smoke test: joins a room with the fake camera and mic and shows remote video.
import { Room, RoomEvent, Track, type RemoteTrack, type RemoteParticipant } from 'livekit-client'

export type MediaHarness = {
  join(url: string, token: string, opts?: { publish?: boolean }): Promise<void>
  /** When (epoch ms) and why the room last disconnected; null while connected or never disconnected. */
  lastDisconnect(): { at: number; reason: number | undefined } | null
  /** framesDecoded of every subscribed remote camera, keyed by the publisher's identity. */
  remoteFramesDecoded(): Promise<Record<string, number>>
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
room.on(RoomEvent.Disconnected, (reason) => {
  disconnected = { at: performance.timeOrigin + performance.now(), reason }
})

room.on(RoomEvent.TrackSubscribed, (track: RemoteTrack, _publication, participant: RemoteParticipant) => {
  if (track.kind !== Track.Kind.Video) return
  // Visible on purpose: adaptive stream and some decoders pause video nobody can see.
  const video = track.attach() as HTMLVideoElement
  video.muted = true
  video.width = 320
  video.height = 180
  video.dataset.identity = participant.identity
  video.setAttribute('aria-label', `Camera of ${participant.identity}`)
  remote.append(video)
})

room.on(RoomEvent.TrackUnsubscribed, (track: RemoteTrack) => {
  for (const element of track.detach()) element.remove()
})

window.harness = {
  async join(url, token, opts = {}) {
    disconnected = null
    // No iceServers: the server's default public STUN servers are unreachable from the test machine.
    await room.connect(url, token, { rtcConfig: { iceServers: [] } })
    if (opts.publish !== false) await room.localParticipant.enableCameraAndMicrophone()
  },

  lastDisconnect() {
    return disconnected
  },

  async remoteFramesDecoded() {
    const frames: Record<string, number> = {}
    for (const participant of room.remoteParticipants.values()) {
      for (const publication of participant.videoTrackPublications.values()) {
        const report = await publication.videoTrack?.getRTCStatsReport()
        report?.forEach((stat: { type?: string; kind?: string; framesDecoded?: number }) => {
          if (stat.type === 'inbound-rtp' && stat.kind === 'video') {
            frames[participant.identity] = (frames[participant.identity] ?? 0) + (stat.framesDecoded ?? 0)
          }
        })
      }
    }
    return frames
  },

  async leave() {
    await room.disconnect()
  },
}
