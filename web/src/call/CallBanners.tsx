// The lines above the video that say what is going on: a weak connection, connecting again, paused sound, the
// patient's drop-in requests, withheld information, and the last note or error.
import { lazy, Show, Suspense } from 'solid-js'
import type { Id } from '../../../shared/ids'
import type { Role } from '../../../shared/enums'
import type { SessionDetail } from '../../../shared/sessions'
import { WithheldNotice } from '../consent/WithheldNotice'
import { ErrorMessage } from '../ui/ErrorMessage'
import { LiveUpdatesStatus } from '../ui/LiveUpdatesStatus'
import { StatusBanner } from '../ui/StatusBanner'
import { Button } from '../ui/Button'
import type { AudioOnly } from './audio-only'
import type { CallRoom } from './room'

// The patient's consent controls load for the patient of a joint session only (BENCHMARKS.md, "bundle"), after the
// first frame: loading them in the call's first render was a fifth of its time (BENCHMARKS.md, "join").
const DropInRequests = lazy(() =>
  import('../consent/PatientControls').then((m) => ({ default: m.DropInRequests }))
)

type CallBannersProps = {
  sessionId: Id
  call: CallRoom
  connecting: boolean
  /** From the others' first frame on: what can wait for it (a lazy chunk's loading) waits. */
  settled: boolean
  audioOnly: AudioOnly
  detail: SessionDetail | undefined
  myRole: Role | undefined
  isPatientHere: boolean
  note: string | undefined
  error: unknown
}

export function CallBanners(props: CallBannersProps) {
  return (
    <div class="call-banners">
      <Show when={props.audioOnly.offered()}>
        <div class="call-banner call-banner-warning" role="status">
          <p>Your connection is weak. Switch to audio only to keep talking clearly?</p>
          <Button class="button-small" onClick={() => void props.audioOnly.set(true)}>
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
          <Button onClick={() => void props.call.room.startAudio()}>Turn on sound</Button>
        </div>
      </Show>
      <Show when={props.isPatientHere && props.settled}>
        <Suspense>
          <DropInRequests sessionId={props.sessionId} />
        </Suspense>
      </Show>
      <Show when={props.detail && props.myRole !== undefined && props.myRole !== 'patient'}>
        <WithheldNotice sessionId={props.sessionId} patientName={props.detail!.patientName} />
      </Show>
      <StatusBanner message={props.note} />
      <Show when={props.error}>{(error) => <ErrorMessage error={error()} />}</Show>
    </div>
  )
}
