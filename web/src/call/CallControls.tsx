// The control bar: your microphone, camera and screen, devices, your consent (patients), leaving, and for hosts
// stepping the patient out and ending the session.
import { createSignal, Show } from 'solid-js'
import { mediaErrorMessage, setDeviceChoice } from '../devices/choices'
import { Button } from '../ui/Button'
import { mayShareScreen, type CallRoom } from './room'

export function CallControls(props: {
  call: CallRoom
  /** Hosts, clinicians and specialists may share a screen; patients and partners don't. */
  isClinicianRole: boolean
  isHost: boolean
  isJointSession: boolean
  isPatientHere: boolean
  onNote: (note: string) => void
  onError: (error: unknown) => void
  onDevices: () => void
  onConsent: () => void
  onLeave: () => void
  onStepOut: () => void
  onEnd: () => void
}) {
  const [toggling, setToggling] = createSignal<string>()
  const local = () => {
    props.call.version()
    return props.call.room.localParticipant
  }
  const micOn = () => local().isMicrophoneEnabled
  const cameraOn = () => local().isCameraEnabled
  const sharing = () => local().isScreenShareEnabled
  const canShare = () =>
    props.isClinicianRole &&
    mayShareScreen(local()) &&
    typeof navigator.mediaDevices?.getDisplayMedia === 'function'

  async function toggle(what: 'microphone' | 'camera' | 'screen') {
    if (toggling()) return
    setToggling(what)
    props.onError(undefined)
    const participant = props.call.room.localParticipant
    try {
      if (what === 'microphone') {
        const next = !participant.isMicrophoneEnabled
        await participant.setMicrophoneEnabled(next)
        setDeviceChoice('micOn', next)
      } else if (what === 'camera') {
        const next = !participant.isCameraEnabled
        await participant.setCameraEnabled(next)
        setDeviceChoice('cameraOn', next)
      } else {
        await participant.setScreenShareEnabled(!participant.isScreenShareEnabled, { audio: false })
      }
    } catch (error) {
      // Choosing Cancel in the browser's screen picker is not a problem to report.
      const cancelled =
        what === 'screen' && error instanceof Error && error.name === 'NotAllowedError'
      if (!cancelled) {
        const message = mediaErrorMessage(error, what === 'screen' ? 'screen sharing' : what)
        props.onNote(`${message.title} ${message.help}`)
      }
    } finally {
      setToggling(undefined)
    }
  }

  return (
    <section class="call-controls" aria-label="Call controls">
      <CallToggle
        label="Microphone"
        pressed={micOn()}
        pending={toggling() === 'microphone'}
        onClick={() => void toggle('microphone')}
      />
      <CallToggle
        label="Camera"
        pressed={cameraOn()}
        pending={toggling() === 'camera'}
        onClick={() => void toggle('camera')}
      />
      <Show when={canShare()}>
        <CallToggle
          label="Share screen"
          pressed={sharing()}
          pending={toggling() === 'screen'}
          onClick={() => void toggle('screen')}
        />
      </Show>
      <Button variant="secondary" onClick={() => props.onDevices()}>
        Devices
      </Button>
      <Show when={props.isPatientHere}>
        <Button variant="secondary" onClick={() => props.onConsent()}>
          Your consent
        </Button>
      </Show>
      <Button class="button-danger" onClick={() => props.onLeave()}>
        Leave call
      </Button>
      <Show when={props.isHost && props.isJointSession}>
        <Button variant="secondary" onClick={() => props.onStepOut()}>
          Step out the patient
        </Button>
      </Show>
      <Show when={props.isHost}>
        <Button variant="secondary" class="button-danger-outline" onClick={() => props.onEnd()}>
          End session for everyone
        </Button>
      </Show>
    </section>
  )
}

function CallToggle(props: {
  label: string
  pressed: boolean
  pending: boolean
  onClick: () => void
}) {
  return (
    <button
      type="button"
      class="button button-secondary toggle"
      aria-pressed={props.pressed ? 'true' : 'false'}
      aria-disabled={props.pending ? 'true' : undefined}
      onClick={() => props.onClick()}
    >
      {props.label}
      <span class="toggle-state" aria-hidden="true">
        {props.pressed ? 'On' : 'Off'}
      </span>
    </button>
  )
}
