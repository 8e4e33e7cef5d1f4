import { A, createAsync, revalidate } from '@solidjs/router'
import { Show } from 'solid-js'
import { listMyPatients } from '../patients/api'
import { PatientList } from '../patients/PatientList'
import { AsyncBoundary } from '../ui/AsyncBoundary'
import { PageHeader } from '../ui/PageHeader'
import { listMySessions } from './api'
import { SessionList } from './SessionList'

export default function HomePage() {
  const sessions = createAsync(() => listMySessions('upcoming'))
  const past = createAsync(() => listMySessions('past'))
  const patients = createAsync(() => listMyPatients())

  return (
    <>
      <PageHeader title="Home" hideTitle />
      <div class="actions actions-top">
        <A href="/schedule" class="button button-primary">
          New session
        </A>
      </div>
      <section class="section" aria-labelledby="upcoming-sessions">
        <h2 id="upcoming-sessions">Upcoming sessions</h2>
        <AsyncBoundary
          loading="Loading your upcoming sessions…"
          retry={() => void revalidate(listMySessions.keyFor('upcoming'))}
        >
          <Show when={sessions()}>
            {(sessions) => (
              <SessionList
                sessions={sessions()}
                empty="You have no upcoming sessions."
                showPatient
              />
            )}
          </Show>
        </AsyncBoundary>
      </section>
      <section class="section" aria-labelledby="past-sessions">
        <h2 id="past-sessions">Past sessions</h2>
        <AsyncBoundary
          loading="Loading your past sessions…"
          retry={() => void revalidate(listMySessions.keyFor('past'))}
        >
          <Show when={past()}>
            {(past) => (
              <SessionList
                sessions={past()}
                empty="No past sessions yet. After a session ends, its attendance shows here."
                showPatient
              />
            )}
          </Show>
        </AsyncBoundary>
      </section>
      <section class="section" aria-labelledby="my-patients">
        <h2 id="my-patients">My patients</h2>
        <AsyncBoundary
          loading="Loading your patients…"
          retry={() => void revalidate(listMyPatients.key)}
        >
          <Show when={patients()}>{(patients) => <PatientList patients={patients()} />}</Show>
        </AsyncBoundary>
      </section>
    </>
  )
}
