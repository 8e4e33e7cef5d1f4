// One tile of the call grid: a person's camera (or a shared screen), their name and role, and whether they speak.
import { ConnectionQuality, Track, type Participant, type TrackPublication } from 'livekit-client'
import {
  createEffect,
  createMemo,
  createRenderEffect,
  createSignal,
  onCleanup,
  Show,
  untrack,
  type Accessor,
  type JSX,
} from 'solid-js'
import { createVideoElement, takeHeldVideo } from './first-video'

export type TileSource = Track.Source.Camera | Track.Source.ScreenShare

type VideoTileProps = {
  participant: Participant
  source: TileSource
  isLocal: boolean
  name: string
  /** Role and discipline, e.g. "Host · Primary care". */
  detail: string
  version: Accessor<number>
  speaking: boolean
  /** Host controls for this person, shown under the video. */
  actions?: JSX.Element
}

const qualityLabel: Partial<Record<ConnectionQuality, string>> = {
  [ConnectionQuality.Excellent]: 'Excellent connection',
  [ConnectionQuality.Good]: 'Good connection',
  [ConnectionQuality.Poor]: 'Poor connection',
  [ConnectionQuality.Lost]: 'Connection lost',
}

export function VideoTile(props: VideoTileProps) {
  // An element of its own, or the one the others' first camera was attached to on arrival (first-video.ts).
  const [video, setVideo] = createSignal(createVideoElement())
  let audio: HTMLAudioElement | undefined

  const isScreen = () => props.source === Track.Source.ScreenShare
  const publication = (source: Track.Source): TrackPublication | undefined => {
    props.version()
    return props.participant.getTrackPublication(source)
  }
  const videoTrack = createMemo(() => {
    const pub = publication(props.source)
    return pub?.track && !pub.isMuted ? pub.track : undefined
  })
  // Our own microphone is never played back to us.
  const audioTrack = createMemo(() => {
    if (props.isLocal) return undefined
    const pub = publication(isScreen() ? Track.Source.ScreenShareAudio : Track.Source.Microphone)
    return pub?.track
  })
  const micOff = () => {
    const pub = publication(Track.Source.Microphone)
    return !pub || pub.isMuted
  }
  const quality = () => {
    props.version()
    return qualityLabel[props.participant.connectionQuality]
  }

  createEffect(() => {
    const track = videoTrack()
    if (!track) return
    const arrived = takeHeldVideo(track)
    if (arrived) setVideo(arrived)
    const element = arrived ?? untrack(video)
    // A visible element on purpose: adaptive stream pauses video nobody can see.
    track.attach(element)
    onCleanup(() => void track.detach(element))
  })

  createEffect(() => {
    const track = audioTrack()
    if (!track || !audio) return
    const element = audio
    track.attach(element)
    onCleanup(() => void track.detach(element))
  })

  const label = () =>
    isScreen()
      ? `Screen shared by ${props.isLocal ? 'you' : props.name}`
      : props.isLocal
        ? `${props.name} (you)`
        : props.name

  // The element may change (above), so its attributes follow whichever it is.
  createRenderEffect(() => {
    const element = video()
    element.classList.add('tile-video')
    element.classList.toggle('tile-video-mirrored', props.isLocal && !isScreen())
    if (props.isLocal) delete element.dataset.remote
    else element.dataset.remote = 'true'
    element.dataset.participantId = props.participant.identity
    element.dataset.source = props.source
    element.setAttribute('aria-label', isScreen() ? label() : `Camera of ${label()}`)
  })

  return (
    <li
      class="tile"
      classList={{
        'tile-speaking': props.speaking && !isScreen(),
        'tile-screen': isScreen(),
        'tile-local': props.isLocal,
      }}
      aria-label={label()}
    >
      <div class="tile-media">
        {video()}
        <Show when={!videoTrack()}>
          <div class="tile-placeholder" aria-hidden="true">
            <span class="tile-initials">{initials(props.name)}</span>
          </div>
        </Show>
        <Show when={!props.isLocal}>
          <audio
            ref={audio}
            autoplay
            data-remote="true"
            data-participant-id={props.participant.identity}
          />
        </Show>
      </div>
      <div class="tile-caption">
        <p class="tile-name">
          {label()}
          <Show when={props.speaking && !isScreen()}>
            <span class="tile-speaking-badge"> · speaking</span>
          </Show>
        </p>
        <Show when={!isScreen()}>
          <p class="tile-detail">
            {props.detail}
            <Show when={micOff()}>
              <span class="tile-flag"> · Microphone off</span>
            </Show>
            <Show when={!videoTrack()}>
              <span class="tile-flag"> · Camera off</span>
            </Show>
            <Show when={quality()}>
              {(q) => (
                <span
                  class="tile-quality"
                  classList={{
                    'tile-quality-poor':
                      props.participant.connectionQuality === ConnectionQuality.Poor ||
                      props.participant.connectionQuality === ConnectionQuality.Lost,
                  }}
                >
                  {' · '}
                  {q()}
                </span>
              )}
            </Show>
          </p>
        </Show>
        <Show when={props.actions}>
          <div class="tile-actions">{props.actions}</div>
        </Show>
      </div>
    </li>
  )
}

function initials(name: string): string {
  const words = name
    .replace(/^(Dr|Mr|Ms|Mrs|Mx|Prof)\.?\s+/i, '')
    .split(/\s+/)
    .filter(Boolean)
  return ((words[0]?.[0] ?? '') + (words.length > 1 ? (words.at(-1)?.[0] ?? '') : '')).toUpperCase()
}
