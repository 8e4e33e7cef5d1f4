// The dialogs the call's controls open: devices, the patient's consent, the hosts' step-out, and the hosts'
// moderation dialogs. None is needed for the first frame, so each loads on its own (BENCHMARKS.md, "bundle").
import type { Room } from 'livekit-client'
import { createSignal, lazy, Show, Suspense, type Accessor } from 'solid-js'
import type { Id } from '../../../shared/ids'
import type { HostModeration } from './HostModeration'

const ConsentDialog = lazy(() =>
  import('../consent/PatientControls').then((m) => ({ default: m.ConsentDialog }))
)
const DevicesDialog = lazy(() =>
  import('./DevicesDialog').then((m) => ({ default: m.DevicesDialog }))
)
const StepOutDialog = lazy(() =>
  import('./StepOutDialog').then((m) => ({ default: m.StepOutDialog }))
)

/** Which dialogs are open; the controls open them, the dialogs close themselves. */
export function createCallDialogs() {
  const [devicesOpen, setDevicesOpen] = createSignal(false)
  // Mounted from its first opening on, so that closing it is the dialog's own close (focus goes back to the button).
  const [devicesWanted, setDevicesWanted] = createSignal(false)
  const [stepOutOpen, setStepOutOpen] = createSignal(false)
  const [consentOpen, setConsentOpen] = createSignal(false)
  return {
    devicesOpen,
    devicesWanted,
    stepOutOpen,
    consentOpen,
    openDevices() {
      setDevicesWanted(true)
      setDevicesOpen(true)
    },
    closeDevices: () => setDevicesOpen(false),
    openStepOut: () => setStepOutOpen(true),
    closeStepOut: () => setStepOutOpen(false),
    openConsent: () => setConsentOpen(true),
    closeConsent: () => setConsentOpen(false),
  }
}

export type CallDialogsState = ReturnType<typeof createCallDialogs>

type CallDialogsProps = {
  dialogs: CallDialogsState
  sessionId: Id
  room: Room
  isPatientHere: boolean
  hostControls: boolean
  moderation: Accessor<HostModeration | undefined>
  onNote: (note: string) => void
}

export function CallDialogs(props: CallDialogsProps) {
  return (
    <Suspense>
      <Show when={props.dialogs.devicesWanted()}>
        <DevicesDialog
          room={props.room}
          open={props.dialogs.devicesOpen()}
          onClose={props.dialogs.closeDevices}
        />
      </Show>
      <Show when={props.isPatientHere}>
        <ConsentDialog
          sessionId={props.sessionId}
          open={props.dialogs.consentOpen()}
          onClose={props.dialogs.closeConsent}
        />
      </Show>
      <Show when={props.hostControls}>
        <StepOutDialog
          sessionId={props.sessionId}
          open={props.dialogs.stepOutOpen()}
          onClose={(note) => {
            props.dialogs.closeStepOut()
            if (note) props.onNote(note)
          }}
        />
      </Show>
      <Show when={props.moderation()}>
        {(m) => {
          const Dialogs = m().Dialogs
          return <Dialogs />
        }}
      </Show>
    </Suspense>
  )
}
