// Questionnaires ready to answer, for the outcome tests that need many of them.
import { MyQuestionnaires } from '../../shared/outcomes'
import type { TestApp } from './app'
import { exchangeLink, scheduleSession } from './people'

/**
 * A session of `patientId` (born `dateOfBirth`) scheduled by the clinician signed in with `clinicianCookie`, whose
 * patient has been offered their questionnaires: the patient's guest cookie, the link to finish later, and the PHQ-9
 * and GAD-7 responses.
 */
export async function offeredQuestionnaires(
  t: TestApp,
  clinicianCookie: string,
  patientId: string,
  dateOfBirth: string
) {
  const { session, links } = await scheduleSession(t, clinicianCookie, {
    patientId,
    clinicianIds: [],
    invitePatient: true,
  })
  const cookie = await exchangeLink(t, links.find((l) => l.role === 'patient')!.url, dateOfBirth)
  const res = await t.request(`/api/sessions/${session.id}/questionnaires`, {
    method: 'POST',
    cookie,
  })
  const q = MyQuestionnaires.parse(await res.json())
  const idOf = (key: string) => q.questionnaires.find((x) => x.instrument.key === key)!.responseId
  return { cookie, linkSecret: q.link?.secret, phq9: idOf('phq9'), gad7: idOf('gad7') }
}

/** Answers `prefix_1` … `prefix_count`, each `value(n)`. */
export const answers = (prefix: string, count: number, value: (n: number) => number) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}_${i + 1}`, value(i + 1)]))
