// "New session" from Home: choose the patient, then the schedule form (a session is always about one patient).
import { createAsync, revalidate } from '@solidjs/router'
import { Show } from 'solid-js'
import { listMyPatients } from '../patients/api'
import { PatientList } from '../patients/PatientList'
import { AsyncBoundary } from '../ui/AsyncBoundary'
import { PageHeader } from '../ui/PageHeader'

export default function NewSessionPage() {
  const patients = createAsync(() => listMyPatients())
  return (
    <>
      <PageHeader title="New session">
        <p class="muted">Who is the session for?</p>
      </PageHeader>
      <AsyncBoundary
        loading="Loading your patients…"
        retry={() => void revalidate(listMyPatients.key)}
      >
        <Show when={patients()}>
          {(patients) => (
            <PatientList
              patients={patients()}
              hrefFor={(patient) => `/patients/${patient.id}/schedule`}
            />
          )}
        </Show>
      </AsyncBoundary>
    </>
  )
}
