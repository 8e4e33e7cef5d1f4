// After a host changes a session, every list that shows it is fetched again.
import { revalidate } from '@solidjs/router'
import type { SessionDetail } from '../../../shared/sessions'
import { listPatientSessions } from '../patients/api'
import { getSession, listMySessions } from './api'

export async function refreshLists(s: SessionDetail) {
  await Promise.all([
    revalidate(getSession.keyFor(s.id)),
    revalidate(listMySessions.keyFor('upcoming')),
    revalidate(listMySessions.keyFor('past')),
    revalidate(listPatientSessions.keyFor(s.patientId)),
  ])
}
