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

type CallDialogsContext = {
  sessionId: Id
  room: () => Room
  isPatientHere: () => boolean
  /** A host whose moderation has loaded. */
  hostControls: () => boolean
  moderation: Accessor<HostModeration | undefined>
  onNote: (note: string) => void
}

/** The controls open the dialogs; the dialogs (rendered by `Dialogs`) close themselves. */
export function createCallDialogs(ctx: CallDialogsContext) {
  const [devicesOpen, setDevicesOpen] = createSignal(false)
  // Mounted from its first opening on, so that closing it is the dialog's own close (focus goes back to the button).
  const [devicesWanted, setDevicesWanted] = createSignal(false)
  const [stepOutOpen, setStepOutOpen] = createSignal(false)
  const [consentOpen, setConsentOpen] = createSignal(false)

  const Dialogs = () => (
    <Suspense>
      <Show when={devicesWanted()}>
        <DevicesDialog
          room={ctx.room()}
          open={devicesOpen()}
          onClose={() => setDevicesOpen(false)}
        />
      </Show>
      <Show when={ctx.isPatientHere()}>
        <ConsentDialog
          sessionId={ctx.sessionId}
          open={consentOpen()}
          onClose={() => setConsentOpen(false)}
        />
      </Show>
      <Show when={ctx.hostControls()}>
        <StepOutDialog
          sessionId={ctx.sessionId}
          open={stepOutOpen()}
          onClose={(note) => {
            setStepOutOpen(false)
            if (note) ctx.onNote(note)
          }}
        />
      </Show>
      <Show when={ctx.moderation()}>
        {(m) => {
          const ModerationDialogs = m().Dialogs
          return <ModerationDialogs />
        }}
      </Show>
    </Suspense>
  )

  return {
    openDevices() {
      setDevicesWanted(true)
      setDevicesOpen(true)
    },
    openConsent: () => setConsentOpen(true),
    openStepOut: () => setStepOutOpen(true),
    Dialogs,
  }
}
