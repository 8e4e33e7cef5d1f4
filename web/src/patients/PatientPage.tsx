import { A, createAsync, revalidate } from '@solidjs/router'
import { For, lazy, Show } from 'solid-js'
import { disciplineLabel } from '../../../shared/enums'
import type { Id } from '../../../shared/ids'
import type { Patient } from '../../../shared/patients'
import { formatCalendarDate } from '../lib/format'
import { OutcomesSection } from '../outcomes/OutcomesSection'
import { SessionList } from '../sessions/SessionList'
import { AsyncBoundary } from '../ui/AsyncBoundary'
import { PageHeader } from '../ui/PageHeader'
import { RecordPage } from '../ui/RecordPage'
import { getPatient, listPatientSessions } from './api'

// The plan editor (and Yjs with it) loads after the patient's details, as its own chunk.
const CarePlan = lazy(() => import('../careplan/CarePlan').then((m) => ({ default: m.CarePlan })))

export default function PatientPage() {
  return (
    <RecordPage
      noun="Patient"
      notFound="We couldn't find this patient, or you don't have access to their record."
      loading="Loading patient…"
      retry={(id) => void revalidate(getPatient.keyFor(id))}
    >
      {(id) => <PatientDetails id={id} />}
    </RecordPage>
  )
}

function PatientDetails(props: { id: Id }) {
  const patient = createAsync(() => getPatient(props.id))
  const sessions = createAsync(() => listPatientSessions(props.id))

  return (
    <Show when={patient()}>
      {(patient) => (
        <>
          <PageHeader title={patient().displayName} tabTitle="Patient">
            <dl class="facts">
              <div>
                <dt>Date of birth</dt>
                <dd>
                  <time datetime={patient().dateOfBirth}>
                    {formatCalendarDate(patient().dateOfBirth)}
                  </time>
                </dd>
              </div>
            </dl>
          </PageHeader>
          <p>
            <A href={`/patients/${props.id}/schedule`} class="button button-primary">
              Schedule a session
            </A>
          </p>
          <CareTeam patient={patient()} />
          <CarePlan patientId={props.id} />
          <OutcomesSection patientId={props.id} />
          <section class="section" aria-labelledby="patient-sessions">
            <h2 id="patient-sessions">Upcoming sessions</h2>
            <AsyncBoundary
              loading="Loading sessions…"
              retry={() => void revalidate(listPatientSessions.keyFor(props.id))}
            >
              <Show when={sessions()}>
                {(sessions) => (
                  <SessionList
                    sessions={sessions()}
                    empty="No upcoming sessions are scheduled for this patient."
                    showPatient={false}
                  />
                )}
              </Show>
            </AsyncBoundary>
          </section>
        </>
      )}
    </Show>
  )
}

function CareTeam(props: { patient: Patient }) {
  return (
    <section class="section" aria-labelledby="care-team">
      <h2 id="care-team">Care team</h2>
      <Show
        when={props.patient.careTeam.length > 0}
        fallback={<p class="empty">No one is on this patient's care team yet.</p>}
      >
        <ul class="member-list">
          <For each={props.patient.careTeam}>
            {(member) => (
              <li class="member">
                <span class="member-name">{member.displayName}</span>
                <span class="member-detail">{disciplineLabel[member.discipline]}</span>
                <Show when={member.isCareNavigator}>
                  <span class="tag tag-accent">Care navigator</span>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}
