// Every write route, fed the inputs PostgreSQL refuses or a careless client sends: each is answered 4xx in the one
// error shape, and nothing in the database changes (row counts, row contents, audit rows).
import { beforeAll, describe, expect, it } from 'vitest'
import { ConsentTemplate } from '../../../shared/consent'
import * as z from 'zod'
import { startTestApp, type TestApp } from '../../support/app'
import { badInputs, type Route } from './bad-inputs'
import {
  createCareTeam,
  createClinic,
  createClinician,
  exchangeLink,
  scheduleCaseConference,
  scheduleSession,
  signIn,
} from '../../support/people'

let t: TestApp
let host: string
let patient: string
let ids: Record<
  'clinician' | 'patient' | 'joint' | 'conference' | 'participant' | 'template',
  string
>

beforeAll(async () => {
  t = await startTestApp()
  const clinicId = (await createClinic(t)).id
  const admin = await createClinician(t, clinicId, { role: 'admin', discipline: 'primary_care' })
  const other = await createClinician(t, clinicId)
  const p = await createCareTeam(t, clinicId, [admin, other])
  host = await signIn(t, admin)
  const { session, links } = await scheduleSession(t, host, {
    patientId: p.id,
    invitePatient: true,
  })
  patient = await exchangeLink(t, links[0]!.url, '1985-06-01')
  const conference = await scheduleCaseConference(t, { clinicId, patientId: p.id, host: admin })
  const templates = z
    .array(ConsentTemplate)
    .parse(await (await t.request('/api/consent-templates', { cookie: host })).json())
  ids = {
    clinician: other.id,
    patient: p.id,
    joint: session.id,
    conference: conference.id,
    participant: links[0]!.participantId,
    template: templates.find((x) => x.kind === 'joint_session')!.id,
  }
})

const routes: Record<string, Route> = {
  'sign in': {
    method: 'POST',
    path: () => '/api/auth/sign-in',
    body: () => ({ email: 'nobody@test.clinic', password: 'a password of some length' }),
  },
  'open a personal link': {
    method: 'POST',
    path: () => '/api/invitations/exchange',
    body: () => ({ sessionId: ids.joint, secret: 'x'.repeat(32), dateOfBirth: '1985-06-01' }),
    dates: ['dateOfBirth'],
  },
  'add a clinician': {
    method: 'POST',
    path: () => '/api/clinicians',
    body: () => ({
      email: 'new.person@test.clinic',
      displayName: 'New Person',
      discipline: 'nursing',
      password: 'a long enough password',
    }),
    text: ['displayName'],
  },
  'change a clinician': {
    method: 'PATCH',
    path: () => `/api/clinicians/${ids.clinician}`,
    body: () => ({ displayName: 'Renamed' }),
    text: ['displayName'],
  },
  'add a patient': {
    method: 'POST',
    path: () => '/api/patients',
    body: () => ({ displayName: 'Alex Doe', dateOfBirth: '1970-02-03', email: null }),
    text: ['displayName'],
    dates: ['dateOfBirth'],
  },
  'change a patient': {
    method: 'PATCH',
    path: () => `/api/patients/${ids.patient}`,
    body: () => ({ displayName: 'Alex Renamed', dateOfBirth: '1971-02-03' }),
    text: ['displayName'],
    dates: ['dateOfBirth'],
  },
  'set the care team': {
    method: 'PUT',
    path: () => `/api/patients/${ids.patient}/care-team`,
    body: () => ({ members: [{ clinicianId: ids.clinician, isCareNavigator: true }] }),
  },
  'schedule a session': {
    method: 'POST',
    path: () => '/api/sessions',
    body: () => ({
      kind: 'joint_session',
      patientId: ids.patient,
      startsAt: new Date(Date.now() + 86400_000).toISOString(),
      durationMinutes: 30,
      agenda: 'Plan',
      invitePatient: true,
      partner: { displayName: 'Kim', email: null },
    }),
    text: ['agenda'],
    instants: ['startsAt'],
  },
  'reschedule a session': {
    method: 'PATCH',
    path: () => `/api/sessions/${ids.joint}`,
    body: () => ({ startsAt: new Date(Date.now() + 86400_000).toISOString(), agenda: 'New' }),
    text: ['agenda'],
    instants: ['startsAt'],
  },
  'invite someone': {
    method: 'POST',
    path: () => `/api/sessions/${ids.joint}/participants`,
    body: () => ({
      specialist: { displayName: 'Dr Vidal', email: 'v@x.example', discipline: 'urology' },
    }),
  },
  admit: {
    method: 'POST',
    path: () => `/api/sessions/${ids.joint}/admissions`,
    body: () => ({ participantId: ids.participant }),
  },
  deny: {
    method: 'POST',
    path: () => `/api/sessions/${ids.joint}/denials`,
    body: () => ({ participantId: ids.participant }),
  },
  'let someone wait again': {
    method: 'POST',
    path: () => `/api/sessions/${ids.joint}/lobby/wait-again`,
    body: () => ({ participantId: ids.participant }),
  },
  'message the lobby': {
    method: 'PUT',
    path: () => `/api/sessions/${ids.joint}/lobby/message`,
    body: () => ({ message: 'Five more minutes' }),
    text: ['message'],
  },
  remove: {
    method: 'POST',
    path: () => `/api/sessions/${ids.joint}/removals`,
    body: () => ({ participantId: ids.participant }),
  },
  mute: {
    method: 'POST',
    path: () => `/api/sessions/${ids.joint}/mute`,
    body: () => ({ participantId: ids.participant, source: 'microphone' }),
  },
  'step out': {
    method: 'POST',
    path: () => `/api/sessions/${ids.joint}/step-out`,
    body: () => ({ message: 'Back soon' }),
    text: ['message'],
  },
  'give consent': {
    method: 'POST',
    path: () => `/api/sessions/${ids.joint}/consent`,
    cookie: () => patient,
    body: () => ({
      templateId: ids.template,
      decision: 'given',
      signature: 'Pat Patient',
      covers: [{ participantId: ids.participant, present: true, categories: [] }],
    }),
    text: ['signature'],
  },
  'record consent': {
    method: 'POST',
    path: () => `/api/sessions/${ids.conference}/consent/recorded`,
    body: () => ({
      templateId: ids.template,
      statement: 'Agreed in clinic on 20 November.',
      signature: 'Dr Host',
      covers: [{ participantId: ids.participant, present: true, categories: [] }],
    }),
    text: ['statement', 'signature'],
  },
  'withdraw consent': {
    method: 'POST',
    path: () => `/api/sessions/${ids.joint}/consent/withdrawals`,
    cookie: () => patient,
    body: () => ({ scope: 'all' }),
  },
  'ask for a drop-in': {
    method: 'POST',
    path: () => `/api/sessions/${ids.joint}/consent/requests`,
    body: () => ({ participantId: ids.participant }),
  },
  'decide a drop-in': {
    method: 'POST',
    path: () => `/api/sessions/${ids.joint}/consent/requests/${ids.participant}`,
    cookie: () => patient,
    body: () => ({ decision: 'approved', categories: [] }),
  },
  'review a session': {
    method: 'PUT',
    path: () => `/api/sessions/${ids.joint}/review`,
    body: () => ({
      attendanceConfirmed: true,
      assessment: 'Steady.',
      decisions: 'Keep the plan.',
      nextSteps: 'Review in a month.',
      goalRatings: [],
      followUpOn: null,
      measuresDue: [],
    }),
    text: ['assessment', 'decisions', 'nextSteps'],
    anyDates: ['followUpOn'],
    more: () =>
      ['0000-06-01', '10000-06-01'].map((dueOn) => ({
        what: `${dueOn} in measuresDue`,
        body: JSON.stringify({
          ...routes['review a session']!.body(),
          measuresDue: [{ instrumentKey: 'phq9', dueOn }],
        }),
      })),
  },
  'close a safety alert': {
    method: 'POST',
    path: () => `/api/safety-alerts/${ids.participant}/closure`,
    body: () => ({ note: 'Called the patient; safety plan agreed.' }),
    text: ['note'],
  },
  'offer questionnaires': {
    method: 'POST',
    path: () => `/api/patients/${ids.patient}/questionnaire-offers`,
    body: () => ({ instrumentKeys: ['phq2'] }),
    more: () =>
      [['nope'], ['session_satisfaction'], [''], ['phq9', 7]].map((instrumentKeys) => ({
        what: `instrumentKeys ${JSON.stringify(instrumentKeys)}`,
        body: JSON.stringify({ instrumentKeys }),
      })),
  },
  'save answers': {
    method: 'PUT',
    path: () => `/api/questionnaires/${ids.participant}/answers`,
    cookie: () => patient,
    body: () => ({ answers: { q1: 1 } }),
  },
  'new consent document': {
    method: 'POST',
    path: () => '/api/consent-templates/joint_session/versions',
    body: () => ({ title: 'Joint session', body: 'The full text people agree to, at length.' }),
    text: ['title', 'body'],
  },
}

/** Every table's row count, and a digest of its rows where requests do not touch rows just by being made. */
async function snapshot() {
  const tables = await t.owner.sql<{ name: string }[]>`
    select tablename as name from pg_tables where schemaname = 'public' order by tablename`
  const out: Record<string, string> = {}
  for (const { name } of tables) {
    // Signed-in sessions record their last activity on every request.
    const digest = /^(auth_sessions|participant_sessions)$/.test(name)
      ? `count(*)::text`
      : `count(*)::text || ':' || md5(coalesce(string_agg(x::text, '|' order by x::text), ''))`
    const [row] = await t.owner.sql.unsafe<{ v: string }[]>(
      `select ${digest} as v from "${name}" x`
    )
    out[name] = row!.v
  }
  return out
}

describe('bad input on every write route', () => {
  it('is refused with 4xx in the one error shape, and nothing is written', async () => {
    const before = await snapshot()
    const answers: string[] = []
    for (const [name, route] of Object.entries(routes)) {
      for (const bad of badInputs(route)) {
        const headers: Record<string, string> = { cookie: (route.cookie ?? (() => host))() }
        if (bad.contentType !== '') headers['content-type'] = bad.contentType ?? 'application/json'
        const res = await t.request(route.path(), {
          method: route.method,
          headers,
          // Bytes, so that no Content-Type is added on our behalf.
          body: new TextEncoder().encode(bad.body),
        })
        const body: unknown = await res.json().catch(() => null)
        const shaped = z
          .object({ error: z.object({ code: z.string(), message: z.string().min(1) }) })
          .strict()
          .safeParse(body)
        if (res.status < 400 || res.status >= 500 || !shaped.success)
          answers.push(`${name}, ${bad.what}: ${res.status} ${JSON.stringify(body)}`)
      }
    }
    expect(answers).toEqual([])
    expect(await snapshot()).toEqual(before)
  })

  it('says a body that is not JSON must be JSON', async () => {
    const res = await t.request(`/api/sessions/${ids.joint}/step-out`, {
      method: 'POST',
      cookie: host,
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    })
    expect(res.status).toBe(415)
    expect(await res.json()).toEqual({
      error: { code: 'unsupported_media_type', message: expect.stringMatching(/JSON/) },
    })
  })

  it('names the unknown field it refuses', async () => {
    const res = await t.request(`/api/patients/${ids.patient}`, {
      method: 'PATCH',
      cookie: host,
      json: { displayName: 'Alex', nickname: 'Al' },
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: { code: 'invalid_input', message: expect.stringMatching(/nickname/) },
    })
  })

  it('still accepts the valid bodies the sweep starts from', async () => {
    const res = await t.request(`/api/sessions/${ids.joint}/lobby/message`, {
      method: 'PUT',
      cookie: host,
      json: routes['message the lobby']!.body(),
    })
    expect(res.status).toBe(204)
  })
})
