// The call itself: the switch between call and care plan on phones, the banners, the people in it, what follows the
// first frame (care plan, side panels), the controls, and the dialogs they open.
import { createSignal, Show } from 'solid-js'
import type { Id } from '../../../shared/ids'
import type { SessionDetail } from '../../../shared/sessions'
import { PageHeader } from '../ui/PageHeader'
import { Button } from '../ui/Button'
import { CallBanners } from './CallBanners'
import { CallControls } from './CallControls'
import { createCallDialogs } from './CallDialogs'
import { CallExtras } from './CallExtras'
import { createAfterFirstFrame } from './after-first-frame'
import { createAudioOnly } from './audio-only'
import { createLazyHostModeration } from './host-moderation-loader'
import { CallClock } from './CallClock'
import { createInCallNotes } from './in-call-notes'
import type { LabelFor } from './participant-labels'
import type { CallRoom } from './room'
import { hasSidePanels, type SidePanelContext } from './side-panels'
import { VideoStage } from './VideoStage'

type InCallProps = {
  sessionId: Id
  call: CallRoom
  /** Still connecting: the tiles are up to take the others' video; controls and side panels follow once in. */
  connecting: boolean
  detail: SessionDetail | undefined
  isHost: boolean
  labelFor: LabelFor
  mediaNote: string | undefined
  onLeave: () => void
  onEnded: () => void
}

export function InCall(props: InCallProps) {
  const room = () => props.call.room
  // On a phone the plan and the call take turns on screen; the call (and a small self-view) never stops.
  const [showPlan, setShowPlan] = createSignal(false)
  const local = () => {
    props.call.version()
    return room().localParticipant
  }
  const myRole = () => props.labelFor(local())?.role
  // Only the patient of a joint session holds a consent to manage from the call.
  const isPatientHere = () => props.detail?.kind === 'joint_session' && myRole() === 'patient'
  const notes = createInCallNotes(
    props.sessionId,
    () => props.detail,
    () => props.isHost
  )
  const audioOnly = createAudioOnly(props.call)
  // What can wait for the others' first frame (or a second) does, so as not to hold it up.
  const settled = createAfterFirstFrame(
    () => props.connecting,
    () => props.call.firstRemoteFrame()
  )
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
    onNote: notes.setNote,
    onError: notes.setError,
    onEnded: () => props.onEnded(),
  })
  const hostControls = () => props.isHost && moderation() !== undefined
  const dialogs = createCallDialogs({
    sessionId: props.sessionId,
    room,
    isPatientHere,
    hostControls,
    moderation,
    onNote: notes.setNote,
  })

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
        <CallBanners
          sessionId={props.sessionId}
          call={props.call}
          connecting={props.connecting}
          settled={settled()}
          audioOnly={audioOnly}
          detail={props.detail}
          myRole={myRole()}
          isPatientHere={isPatientHere()}
          note={props.mediaNote ?? notes.note()}
          error={notes.error()}
        />
        <VideoStage
          call={props.call}
          labelFor={props.labelFor}
          tileActions={(participant, source, isLocal) =>
            moderation()?.tileActions(participant, source, isLocal)
          }
        />
      </div>

      <CallExtras shown={settled()} ctx={sideContext} />

      <Show when={!props.connecting}>
        <CallControls
          call={props.call}
          isClinicianRole={
            myRole() === 'host' || myRole() === 'clinician' || myRole() === 'specialist'
          }
          isHost={hostControls()}
          isJointSession={props.detail?.kind === 'joint_session'}
          isPatientHere={isPatientHere()}
          onNote={notes.setNote}
          onError={notes.setError}
          onDevices={dialogs.openDevices}
          onConsent={dialogs.openConsent}
          onLeave={() => props.onLeave()}
          onStepOut={dialogs.openStepOut}
          onEnd={() => moderation()?.askToEnd()}
        />
      </Show>

      <dialogs.Dialogs />
    </div>
  )
}
