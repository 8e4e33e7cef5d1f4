// The people in the call, one tile each: shared screens first, then the others' cameras, then your own in a corner
// you can move. Each tile is attached as its video arrives.
import type { Participant } from 'livekit-client'
import { createMemo, createSignal, For, type JSX } from 'solid-js'
import { describeParticipant } from '../sessions/participants'
import { Button } from '../ui/Button'
import { createTileFit } from './fit-tiles'
import type { LabelFor } from './participant-labels'
import { cameraSource, isSpeaking, screenSource, type CallRoom } from './room'
import { createSelfViewCorner } from './self-view'
import { createTiles } from './tiles'
import { VideoTile, type TileSource } from './VideoTile'

type VideoStageProps = {
  call: CallRoom
  labelFor: LabelFor
  /** Hosts' buttons on another person's tile, once their moderation has loaded. */
  tileActions: (participant: Participant, source: TileSource, isLocal: boolean) => JSX.Element
}

export function VideoStage(props: VideoStageProps) {
  const tiles = createTiles(props.call)
  // On a laptop every tile fits the window (fit-tiles.ts); phones keep the speaker view.
  const [stage, setStage] = createSignal<HTMLElement>()
  const [grid, setGrid] = createSignal<HTMLElement>()
  createTileFit(stage, grid, () => ({
    tiles: tiles().length,
    screens: tiles().filter((t) => t.source === screenSource).length,
  }))
  const selfView = createSelfViewCorner()

  return (
    <div class="video-stage" ref={setStage}>
      <ul
        ref={setGrid}
        class={`video-grid self-${selfView.corner()}`}
        aria-label="People in the call"
        data-count={tiles().length}
        onPointerDown={(event) => selfView.onPointerDown(event)}
      >
        <For each={tiles()}>
          {(item) => {
            const person = () => {
              props.call.version()
              return props.labelFor(item.participant)
            }
            // A memo, so the buttons are made once per change rather than on every read.
            const actions = createMemo(() =>
              item.isLocal && item.source === cameraSource ? (
                <Button variant="quiet" class="button-small self-view-move" onClick={selfView.next}>
                  Move<span class="visually-hidden"> your self-view</span>
                </Button>
              ) : (
                props.tileActions(item.participant, item.source, item.isLocal)
              )
            )
            return (
              <VideoTile
                participant={item.participant}
                source={item.source}
                isLocal={item.isLocal}
                name={person()?.displayName ?? 'Guest'}
                detail={person() ? describeParticipant(person()!) : ''}
                version={props.call.version}
                speaking={(props.call.version(), isSpeaking(props.call.room, item.participant))}
                actions={actions()}
              />
            )
          }}
        </For>
      </ul>
    </div>
  )
}
