// In the call, for clinicians: the patient's measures and goal progress beside the video, folded by default so
// the host tools stay in view.
import type { Id } from '../../../shared/ids'
import { OutcomesSection } from './OutcomesSection'

export function MeasuresPanel(props: { patientId: Id }) {
  return (
    <details class="measures-panel">
      <summary>Measures and goal progress</summary>
      <OutcomesSection patientId={props.patientId} compact />
    </details>
  )
}
