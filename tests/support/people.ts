// Domain-named seeds for integration tests. Each returns named values.
import { randomUUID } from 'node:crypto'
import type { Discipline } from '../../shared/enums'
import { ConsentOverview } from '../../shared/consent'
import { ScheduledSession } from '../../shared/sessions'
import { hashPassword } from '../../server/accounts/password'
import * as accountsStore from '../../server/accounts/store'
import * as patientsStore from '../../server/patients/store'
import * as sessionsStore from '../../server/sessions/store'
import type { TestApp } from './app'

export const PASSWORD = 'correct horse battery staple'
let passwordHash: Promise<string> | undefined

export type TestClinician = {
  id: string
  clinicId: string
  email: string
  displayName: string
  discipline: Discipline
}

export async function createClinic(t: TestApp, name = 'Test clinic') {
  return accountsStore.insertClinic(t.deps.db, name)
}

export async function createClinician(
  t: TestApp,
  clinicId: string,
  opts: {
    role?: 'admin' | 'clinician'
    discipline?: Discipline
    active?: boolean
    name?: string
  } = {}
): Promise<TestClinician> {
  const email = `c-${randomUUID().slice(0, 8)}@test.clinic`
  const row = await accountsStore.insertClinician(t.deps.db, {
    clinicId,
    email,
    displayName: opts.name ?? `Clinician ${email.slice(2, 6)}`,
    discipline: opts.discipline ?? 'psychology',
    role: opts.role ?? 'clinician',
    active: opts.active ?? true,
    passwordHash: await (passwordHash ??= hashPassword(PASSWORD)),
  })
  return { id: row.id, clinicId, email, displayName: row.displayName, discipline: row.discipline }
}

/** Signs in over HTTP and returns the Cookie header value to send with later requests. */
export async function signIn(
  t: TestApp,
  who: { email: string },
  password = PASSWORD
): Promise<string> {
  const res = await t.request('/api/auth/sign-in', {
    method: 'POST',
    json: { email: who.email, password },
  })
  if (res.status !== 200) throw new Error(`sign-in failed with ${res.status}: ${await res.text()}`)
  const setCookie = res.headers.get('set-cookie') ?? ''
  return setCookie.split(';')[0]!
}

export async function createCareTeam(
  t: TestApp,
  clinicId: string,
  members: TestClinician[],
  navigator?: TestClinician
) {
  const patient = await patientsStore.insertPatient(t.deps.db, {
    clinicId,
    displayName: `Patient ${randomUUID().slice(0, 4)}`,
    dateOfBirth: '1985-06-01',
    email: null,
  })
  const all = navigator ? [...members, navigator] : members
  await patientsStore.replaceCareTeam(
    t.deps.db,
    patient.id,
    all.map((m) => ({ clinicianId: m.id, isCareNavigator: m === navigator }))
  )
  return patient
}

/** The usual cast: a clinic with a GP and a psychologist, both signed in, caring for one patient. */
export async function gpAndPsychologistWithPatient(t: TestApp) {
  const clinicId = (await createClinic(t)).id
  const gp = await createClinician(t, clinicId, { discipline: 'primary_care' })
  const psych = await createClinician(t, clinicId, { discipline: 'psychology' })
  const patientId = (await createCareTeam(t, clinicId, [gp, psych])).id
  const [gpCookie, psychCookie] = await Promise.all([signIn(t, gp), signIn(t, psych)])
  return { clinicId, gp, psych, patientId, gpCookie, psychCookie }
}

export async function scheduleCaseConference(
  t: TestApp,
  opts: {
    clinicId: string
    patientId: string
    host: TestClinician
    others?: TestClinician[]
    startsAt?: Date
  }
) {
  const session = await sessionsStore.insertSession(t.deps.db, {
    clinicId: opts.clinicId,
    kind: 'case_conference',
    patientId: opts.patientId,
    startsAt: opts.startsAt ?? new Date(Date.now() + 3600_000),
    durationMinutes: 30,
    agenda: 'Review',
    createdBy: opts.host.id,
  })
  await sessionsStore.insertParticipants(t.deps.db, [
    {
      sessionId: session.id,
      role: 'host',
      clinicianId: opts.host.id,
      displayName: opts.host.displayName,
      discipline: opts.host.discipline,
    },
    ...(opts.others ?? []).map((o) => ({
      sessionId: session.id,
      role: 'clinician' as const,
      clinicianId: o.id,
      displayName: o.displayName,
      discipline: o.discipline,
    })),
  ])
  return session
}

export async function auditActions(t: TestApp, subjectId?: string) {
  const rows = subjectId
    ? await t.owner.sql<
        { action: string; detail: Record<string, unknown> }[]
      >`select action, detail from audit_events where subject_id = ${subjectId} order by seq`
    : await t.owner.sql<
        { action: string; detail: Record<string, unknown> }[]
      >`select action, detail from audit_events order by seq`
  return rows.map((r) => ({ action: r.action, detail: r.detail }))
}

/** Schedules over HTTP as the given clinician; returns the session and its personal links. */
export async function scheduleSession(t: TestApp, cookie: string, input: Record<string, unknown>) {
  const res = await t.request('/api/sessions', {
    method: 'POST',
    cookie,
    json: {
      kind: 'joint_session',
      startsAt: new Date(Date.now() + 5 * 60_000).toISOString(),
      durationMinutes: 45,
      ...input,
    },
  })
  if (res.status !== 201)
    throw new Error(`scheduling failed with ${res.status}: ${await res.text()}`)
  return ScheduledSession.parse(await res.json())
}

export function linkParts(url: string) {
  const u = new URL(url)
  return { sessionId: u.pathname.split('/').at(-1)!, secret: u.hash.slice(1) }
}

/** Opens a personal link as the browser would; returns the cookie of the person's session. */
export async function exchangeLink(t: TestApp, url: string, dateOfBirth?: string) {
  const res = await t.request('/api/invitations/exchange', {
    method: 'POST',
    json: { ...linkParts(url), dateOfBirth },
  })
  if (res.status !== 200) throw new Error(`exchange failed with ${res.status}: ${await res.text()}`)
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!
}

/** The newest version of the document this caller still has to answer in the session. */
export async function pendingTemplate(t: TestApp, sessionId: string, cookie: string) {
  const overview = ConsentOverview.parse(
    await (await t.request(`/api/sessions/${sessionId}/consent`, { cookie })).json()
  )
  return overview.pending[0]
}

/** The patient agrees to the joint session, covering the given participants (present, sharing all categories by default). */
export async function giveJointConsent(
  t: TestApp,
  sessionId: string,
  patientCookie: string,
  covers: { participantId: string; present?: boolean; categories?: string[] }[]
) {
  const template = await pendingTemplate(t, sessionId, patientCookie)
  if (!template) throw new Error('no pending consent document for the patient')
  const all = [
    'mental_health_history',
    'sexual_health_history',
    'medications',
    'lab_results',
    'psychotherapy_notes',
  ]
  const res = await t.request(`/api/sessions/${sessionId}/consent`, {
    method: 'POST',
    cookie: patientCookie,
    json: {
      templateId: template.id,
      decision: 'given',
      signature: 'Pat Patient',
      covers: covers.map((c) => ({
        participantId: c.participantId,
        present: c.present ?? true,
        categories: c.categories ?? all,
      })),
    },
  })
  if (res.status !== 204) throw new Error(`consent failed with ${res.status}: ${await res.text()}`)
}

/** A partner or an outside clinician answers their own document. */
export async function acknowledge(
  t: TestApp,
  sessionId: string,
  cookie: string,
  decision: 'given' | 'declined' = 'given'
) {
  const template = await pendingTemplate(t, sessionId, cookie)
  if (!template) throw new Error('no pending consent document for this person')
  const res = await t.request(`/api/sessions/${sessionId}/consent`, {
    method: 'POST',
    cookie,
    json: { templateId: template.id, decision, signature: 'Dr Someone' },
  })
  if (res.status !== 204)
    throw new Error(`acknowledgement failed with ${res.status}: ${await res.text()}`)
}
