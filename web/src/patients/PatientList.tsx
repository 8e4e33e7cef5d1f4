import { A } from '@solidjs/router'
import { For, Show } from 'solid-js'
import type { PatientSummary } from '../../../shared/patients'
import { formatCalendarDate } from '../lib/format'

export function PatientList(props: {
  patients: PatientSummary[]
  /** Where each patient leads: their page, or straight to scheduling a session for them. */
  hrefFor?: (patient: PatientSummary) => string
}) {
  return (
    <Show
      when={props.patients.length > 0}
      fallback={<p class="empty">You're not on any patient's care team yet.</p>}
    >
      <ul class="link-list">
        <For each={props.patients}>
          {(patient) => (
            <li>
              <A
                href={props.hrefFor?.(patient) ?? `/patients/${patient.id}`}
                class="link-list-item"
              >
                <span class="link-list-title">{patient.displayName}</span>
                <span class="link-list-detail">
                  Born{' '}
                  <time datetime={patient.dateOfBirth}>
                    {formatCalendarDate(patient.dateOfBirth)}
                  </time>
                </span>
              </A>
            </li>
          )}
        </For>
      </ul>
    </Show>
  )
}
