// The cast of the consent tests: a GP and a psychologist with one patient, and a joint session in which the patient,
// a partner and an outside specialist have all arrived, waiting for consent.
import { ConsentOverview } from '../../../shared/consent'
import { MyStatus } from '../../../shared/admission'
import { startTestApp, type TestApp } from '../../support/app'
import {
  exchangeLink,
  gpAndPsychologistWithPatient,
  scheduleSession,
  type TestClinician,
} from '../../support/people'

export const DOB = '1985-06-01'
export const ALL = [
  'mental_health_history',
  'sexual_health_history',
  'medications',
  'lab_results',
  'psychotherapy_notes',
]

export type ConsentCast = {
  t: TestApp
  psych: TestClinician
  gpCookie: string
  psychCookie: string
  patientId: string
}

export async function startConsentCast(): Promise<ConsentCast> {
  const t = await startTestApp({}, { livekit: true })
  return { t, ...(await gpAndPsychologistWithPatient(t)) }
}

/** Requests and the joint session, for the cast `cast()` returns once started. */
export function consentSteps(cast: () => ConsentCast) {
  const post = (path: string, cookie: string, json?: unknown) =>
    cast().t.request(path, { method: 'POST', cookie, json })
  const overview = async (sessionId: string, cookie: string) =>
    ConsentOverview.parse(
      await (await cast().t.request(`/api/sessions/${sessionId}/consent`, { cookie })).json()
    )
  const status = async (sessionId: string, cookie: string) =>
    MyStatus.parse(
      await (await cast().t.request(`/api/sessions/${sessionId}/my-status`, { cookie })).json()
    )

  /** A joint session with gp hosting, psych invited, the patient, a partner and an outside specialist, all arrived. */
  async function jointSession() {
    const { t, gpCookie, psych, psychCookie, patientId } = cast()
    const { session, links } = await scheduleSession(t, gpCookie, {
      patientId,
      clinicianIds: [psych.id],
      invitePatient: true,
      partner: { displayName: 'Kim', email: null },
      specialists: [{ displayName: 'Dr Vidal', email: 'v@x.example', discipline: 'urology' }],
    })
    const link = (role: string) => links.find((l) => l.role === role)!
    const people = {
      patient: {
        id: link('patient').participantId,
        cookie: await exchangeLink(t, link('patient').url, DOB),
      },
      partner: {
        id: link('partner').participantId,
        cookie: await exchangeLink(t, link('partner').url),
      },
      specialist: {
        id: link('specialist').participantId,
        cookie: await exchangeLink(t, link('specialist').url),
      },
      psych: {
        id: session.participants.find((p) => p.clinicianId === psych.id)!.id,
        cookie: psychCookie,
      },
    }
    await post(`/api/sessions/${session.id}/arrival`, gpCookie)
    for (const p of Object.values(people))
      await post(`/api/sessions/${session.id}/arrival`, p.cookie)
    return { session, ...people }
  }

  return { post, overview, status, jointSession }
}
