// Scheduling a case conference or a joint session for one patient, then handing out the personal links (shown once).
import { createAsync, revalidate } from '@solidjs/router'
import { createSignal, Show } from 'solid-js'
import type { Id } from '../../../shared/ids'
import type { ScheduledSession } from '../../../shared/sessions'
import { useMe } from '../accounts/me'
import { useIdParam } from '../lib/route'
import { getPatient } from '../patients/api'
import { AsyncBoundary } from '../ui/AsyncBoundary'
import { PageHeader } from '../ui/PageHeader'
import { ScheduledView } from './schedule/ScheduledView'
import { ScheduleForm } from './schedule/ScheduleForm'

export default function SchedulePage() {
  const id = useIdParam()
  return (
    <Show
      when={id()}
      keyed
      fallback={
        <>
          <PageHeader title="Patient not found" />
          <p>We couldn't find this patient, or you don't have access to their record.</p>
        </>
      }
    >
      {(id) => (
        <AsyncBoundary loading="Loading…" retry={() => void revalidate(getPatient.keyFor(id))}>
          <Loaded id={id} />
        </AsyncBoundary>
      )}
    </Show>
  )
}

function Loaded(props: { id: Id }) {
  const patient = createAsync(() => getPatient(props.id))
  const me = useMe()
  const [scheduled, setScheduled] = createSignal<ScheduledSession>()
  return (
    <Show when={patient()}>
      {(patient) => (
        <Show
          when={scheduled()}
          fallback={<ScheduleForm patient={patient()} me={me()} onScheduled={setScheduled} />}
        >
          {(result) => <ScheduledView result={result()} />}
        </Show>
      )}
    </Show>
  )
}
