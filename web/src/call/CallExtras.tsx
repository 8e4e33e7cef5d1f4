// What the call adds once its first frame is in: the care plan beside the video, and the side panels for those who
// see them. Neither is needed for the first frame, so neither may hold it up (after-first-frame.ts).
import { lazy, Show } from 'solid-js'
import { hasSidePanels, SidePanels, type SidePanelContext } from './side-panels'

// The care plan (and Yjs with it) loads when the call does, not on pages before it.
const CarePlan = lazy(() => import('../careplan/CarePlan').then((m) => ({ default: m.CarePlan })))

type CallExtrasProps = {
  /** From the others' first frame on (createAfterFirstFrame). */
  shown: boolean
  /** The session, who this is, and whether they host: the same for the care plan as for the side panels. */
  ctx: SidePanelContext
}

export function CallExtras(props: CallExtrasProps) {
  return (
    <>
      <Show when={props.shown && props.ctx.detail}>
        {(detail) => (
          <aside class="call-plan" aria-label="Care plan">
            <CarePlan patientId={detail().patientId} sessionId={props.ctx.sessionId} />
          </aside>
        )}
      </Show>

      <Show when={props.shown && hasSidePanels(props.ctx)}>
        <SidePanels ctx={props.ctx} />
      </Show>
    </>
  )
}
