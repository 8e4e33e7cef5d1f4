// The call itself: banners, the people in it, the hosts' side panel, the controls, and the dialogs they open.
import type { Participant } from 'livekit-client'
import {
  createEffect,
  createMemo,
  createSignal,
  For,
  lazy,
  onCleanup,
  Show,
  Suspense,
} from 'solid-js'
import type { Id } from '../../../shared/ids'
import type { SessionDetail } from '../../../shared/sessions'
import { WithheldNotice } from '../consent/WithheldNotice'
import { playTestTone } from '../devices/test-tone'
import { onSessionEvents } from '../lib/events'
import { describeParticipant } from '../sessions/participants'
import { ErrorMessage } from '../ui/ErrorMessage'
import { LiveUpdatesStatus } from '../ui/LiveUpdatesStatus'
import { PageHeader } from '../ui/PageHeader'
import { StatusBanner } from '../ui/StatusBanner'
import { Button } from '../ui/Button'
import { CallControls } from './CallControls'
import { createAudioOnly } from './audio-only'
import { createLazyHostModeration } from './host-moderation-loader'
import { CallClock } from './CallClock'
import { cameraSource, isSpeaking, screenSource, type CallRoom } from './room'
import { createSelfViewCorner } from './self-view'
import { hasSidePanels, SidePanels, type SidePanelContext } from './side-panels'
import { createTileFit } from './fit-tiles'
import { createTiles } from './tiles'
import { VideoTile } from './VideoTile'

// The care plan (and Yjs with it) loads when the call does, not on pages before it.
const CarePlan = lazy(() => import('../careplan/CarePlan').then((m) => ({ default: m.CarePlan })))
// Nothing below is needed for the first frame, so none of it is in the call page's chunk (BENCHMARKS.md, "bundle"):
// the patient's consent controls load for the patient of a joint session, the devices dialog when first opened, and
// the hosts' moderation (mute, remove, step out, end) for hosts only.
const DropInRequests = lazy(() =>
  import('../consent/PatientControls').then((m) => ({ default: m.DropInRequests }))
)
const ConsentDialog = lazy(() =>
  import('../consent/PatientControls').then((m) => ({ default: m.ConsentDialog }))
)
const DevicesDialog = lazy(() =>
  import('./DevicesDialog').then((m) => ({ default: m.DevicesDialog }))
)
const StepOutDialog = lazy(() =>
  import('./StepOutDialog').then((m) => ({ default: m.StepOutDialog }))
)

type InCallProps = {
  sessionId: Id
  call: CallRoom
  /** Still connecting: the tiles are up to take the others' video; controls and side panels follow once in. */
  connecting: boolean
  detail: SessionDetail | undefined
  isHost: boolean
  labelFor: (participant: Participant) => SessionDetail['participants'][number] | undefined
  mediaNote: string | undefined
  onLeave: () => void
  onEnded: () => void
}

export function InCall(props: InCallProps) {
  const room = () => props.call.room
  const [actionNote, setActionNote] = createSignal<string>()
  const [actionError, setActionError] = createSignal<unknown>()
  const [devicesOpen, setDevicesOpen] = createSignal(false)
  // Mounted from its first opening on, so that closing it is the dialog's own close (focus goes back to the button).
  const [devicesWanted, setDevicesWanted] = createSignal(false)
  const [stepOutOpen, setStepOutOpen] = createSignal(false)
  const [consentOpen, setConsentOpen] = createSignal(false)
  // On a phone the plan and the call take turns on screen; the call (and a small self-view) never stops.
  const [showPlan, setShowPlan] = createSignal(false)
  const tiles = createTiles(props.call)
  // On a laptop every tile fits the window (fit-tiles.ts); phones keep the speaker view.
  const [stage, setStage] = createSignal<HTMLElement>()
  const [grid, setGrid] = createSignal<HTMLElement>()
  createTileFit(stage, grid, () => ({
    tiles: tiles().length,
    screens: tiles().filter((t) => t.source === screenSource).length,
  }))
  const local = () => {
    props.call.version()
    return room().localParticipant
  }
  const myRole = () => props.labelFor(local())?.role
  // Only the patient of a joint session holds a consent to manage from the call.
  const isPatientHere = () => props.detail?.kind === 'joint_session' && myRole() === 'patient'
  // Someone taken out by the patient's choice: say so plainly, in place of whatever the last note was.
  onSessionEvents(props.sessionId, (event) => {
    if (event?.type !== 'admission.removed' || event.reason !== 'consent_withdrawn') return
    const person = props.detail?.participants.find((p) => p.id === event.participantId)
    if (!person || person.id === props.detail?.myParticipantId) return
    setActionError(undefined)
    setActionNote(
      `${person.displayName} has left the call: ${props.detail?.patientName ?? 'the patient'} ` +
        'withdrew consent for them to take part.'
    )
  })
  // Hosts hear a chime and read who was let in, so a person let in from the waiting room is noticed.
  onSessionEvents(props.sessionId, (event) => {
    if (!props.isHost || event?.type !== 'admission.granted') return
    const person = props.detail?.participants.find((p) => p.id === event.participantId)
    if (!person || person.id === props.detail?.myParticipantId) return
    setActionNote(`${person.displayName} was let in.`)
    void playTestTone().catch(() => undefined)
  })
  // The care plan and the side panels (Yjs and their requests with them) follow the others' first video frame, or a
  // second in the call when none comes: on a busy device their loading would hold that frame up.
  const [extrasShown, setExtrasShown] = createSignal(false)
  createEffect(() => {
    if (props.connecting || extrasShown()) return
    if (props.call.firstRemoteFrame()) return setExtrasShown(true)
    const timer = setTimeout(() => setExtrasShown(true), 1_000)
    onCleanup(() => clearTimeout(timer))
  })
  const audioOnly = createAudioOnly(props.call)
  const selfView = createSelfViewCorner()
  const isClinician = () => {
    const role = myRole()
    return role !== undefined && role !== 'patient' && role !== 'partner'
  }
  // One object for the call's life, read through getters: panels stay mounted (and keep their state) as it changes.
  const sideContext: SidePanelContext = {
    sessionId: props.sessionId,
    get detail() {
      return props.detail
    },
    get isHost() {
      return props.isHost
    },
    get isClinician() {
      return isClinician()
    },
  }
  const moderation = createLazyHostModeration(() => props.isHost, {
    sessionId: props.sessionId,
    call: props.call,
    isHost: () => props.isHost,
    labelFor: props.labelFor,
    onNote: setActionNote,
    onError: setActionError,
    onEnded: () => props.onEnded(),
  })
  const hostControls = () => props.isHost && moderation() !== undefined

  return (
    <div
      class="call call-with-plan"
      classList={{ 'call-with-side': hasSidePanels(sideContext), 'call-plan-shown': showPlan() }}
    >
      <PageHeader title="Video call" tabTitle="In a call" hideTitle />
      <div class="call-switch" role="group" aria-label="Show">
        <Button
          variant={showPlan() ? 'secondary' : 'primary'}
          aria-pressed={!showPlan()}
          onClick={() => setShowPlan(false)}
        >
          Call
        </Button>
        <Button
          variant={showPlan() ? 'primary' : 'secondary'}
          aria-pressed={showPlan()}
          onClick={() => setShowPlan(true)}
        >
          Care plan
        </Button>
      </div>
      <div class="call-stage">
        <div class="call-topbar">
          <Show when={isClinician()}>
            <CallClock />
          </Show>
          <Show when={audioOnly.on()}>
            <p class="tag tag-accent call-audio-only">Audio only</p>
            <Button variant="quiet" class="button-small" onClick={() => void audioOnly.set(false)}>
              Turn video back on
            </Button>
          </Show>
        </div>
        <div class="call-banners">
          <Show when={audioOnly.offered()}>
            <div class="call-banner call-banner-warning" role="status">
              <p>Your connection is weak. Switch to audio only to keep talking clearly?</p>
              <Button class="button-small" onClick={() => void audioOnly.set(true)}>
                Switch to audio only
              </Button>
            </div>
          </Show>
          <Show when={props.connecting}>
            <p class="call-banner" role="status">
              Connecting…
            </p>
          </Show>
          <Show when={props.call.reconnecting()}>
            <p class="call-banner call-banner-warning" role="status">
              Reconnecting… Your call will continue when the connection is back.
            </p>
          </Show>
          <LiveUpdatesStatus />
          <Show when={!props.call.canPlayAudio()}>
            <div class="call-banner" role="status">
              <p>Your browser paused the sound of this call.</p>
              <Button onClick={() => void room().startAudio()}>Turn on sound</Button>
            </div>
          </Show>
          <Show when={isPatientHere()}>
            <Suspense>
              <DropInRequests sessionId={props.sessionId} />
            </Suspense>
          </Show>
          <Show when={props.detail && myRole() !== undefined && myRole() !== 'patient'}>
            <WithheldNotice sessionId={props.sessionId} patientName={props.detail!.patientName} />
          </Show>
          <StatusBanner message={props.mediaNote ?? actionNote()} />
          <Show when={actionError()}>{(error) => <ErrorMessage error={error()} />}</Show>
        </div>
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
                    <Button
                      variant="quiet"
                      class="button-small self-view-move"
                      onClick={selfView.next}
                    >
                      Move<span class="visually-hidden"> your self-view</span>
                    </Button>
                  ) : (
                    moderation()?.tileActions(item.participant, item.source, item.isLocal)
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
                    speaking={(props.call.version(), isSpeaking(room(), item.participant))}
                    actions={actions()}
                  />
                )
              }}
            </For>
          </ul>
        </div>
      </div>

      <Show when={extrasShown() && props.detail}>
        {(detail) => (
          <aside class="call-plan" aria-label="Care plan">
            <CarePlan patientId={detail().patientId} sessionId={props.sessionId} />
          </aside>
        )}
      </Show>

      <Show when={extrasShown() && hasSidePanels(sideContext)}>
        <SidePanels ctx={sideContext} />
      </Show>

      <Show when={!props.connecting}>
        <CallControls
          call={props.call}
          isClinicianRole={
            myRole() === 'host' || myRole() === 'clinician' || myRole() === 'specialist'
          }
          isHost={hostControls()}
          isJointSession={props.detail?.kind === 'joint_session'}
          isPatientHere={isPatientHere()}
          onNote={setActionNote}
          onError={setActionError}
          onDevices={() => {
            setDevicesWanted(true)
            setDevicesOpen(true)
          }}
          onConsent={() => setConsentOpen(true)}
          onLeave={() => props.onLeave()}
          onStepOut={() => setStepOutOpen(true)}
          onEnd={() => moderation()?.askToEnd()}
        />
      </Show>

      <Suspense>
        <Show when={devicesWanted()}>
          <DevicesDialog room={room()} open={devicesOpen()} onClose={() => setDevicesOpen(false)} />
        </Show>
        <Show when={isPatientHere()}>
          <ConsentDialog
            sessionId={props.sessionId}
            open={consentOpen()}
            onClose={() => setConsentOpen(false)}
          />
        </Show>
        <Show when={hostControls()}>
          <StepOutDialog
            sessionId={props.sessionId}
            open={stepOutOpen()}
            onClose={(note) => {
              setStepOutOpen(false)
              if (note) setActionNote(note)
            }}
          />
        </Show>
        <Show when={moderation()}>
          {(m) => {
            const Dialogs = m().Dialogs
            return <Dialogs />
          }}
        </Show>
      </Suspense>
    </div>
  )
}
