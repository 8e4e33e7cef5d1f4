import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { itemsOf, newItem, projectDoc } from '../../../shared/careplan-ydoc'
import { PatientOutcomes } from '../../../shared/outcomes'
import { SessionReview, SessionSummary } from '../../../shared/session-review'
import * as careplanStore from '../../../server/careplan/store'
import { startTestApp, type TestApp } from '../../support/app'
import {
  createCareTeam,
  createClinic,
  createClinician,
  scheduleSession,
  signIn,
} from '../../support/people'

let t: TestApp
let gpCookie: string
let outsiderCookie: string
let patientId: string

beforeAll(async () => {
  t = await startTestApp()
  const clinicId = (await createClinic(t)).id
  const gp = await createClinician(t, clinicId, { discipline: 'primary_care' })
  patientId = (await createCareTeam(t, clinicId, [gp])).id
  gpCookie = await signIn(t, gp)
  outsiderCookie = await signIn(t, await createClinician(t, clinicId))
  const doc = new Y.Doc()
  itemsOf(doc).push([
    newItem('goals', 'g1', { text: 'Feel less low', target: 'PHQ-9 below 10' }),
    newItem('goals', 'g2', { text: 'Sleep through most nights', target: '5 nights a week' }),
  ])
  await careplanStore.upsertDocument(t.deps.db, {
    patientId,
    part: 'goals',
    state: Y.encodeStateAsUpdate(doc),
    projection: projectDoc('goals', doc),
    updatedAt: new Date(),
  })
})

const form = {
  attendanceConfirmed: true,
  assessment: 'Mood lower since the move.',
  decisions: 'Start weekly sessions with psychology.',
  nextSteps: 'PHQ-9 again in four weeks.',
  goalRatings: [
    { goalId: 'g1', rating: 1 },
    { goalId: 'g2', rating: 1 },
  ],
  followUpOn: '2026-12-20',
  measuresDue: [{ instrumentKey: 'phq9', dueOn: '2026-12-20' }],
}

describe('post-session form and session summary', () => {
  it('stores the form with goal attainment over the plan goals and shows it in the summary', async () => {
    const { session } = await scheduleSession(t, gpCookie, {
      patientId,
      clinicianIds: [],
      invitePatient: true,
    })
    const saved = await t.request(`/api/sessions/${session.id}/review`, {
      method: 'PUT',
      cookie: gpCookie,
      json: form,
    })
    expect(saved.status).toBe(200)
    // Two equal goals one better than expected: 50 + 10·2 / √(0.7·2 + 0.3·4) = 62.4
    expect(SessionReview.parse(await saved.json())).toMatchObject({ gasTScore: 62.4 })

    const summary = SessionSummary.parse(
      await (await t.request(`/api/sessions/${session.id}/summary`, { cookie: gpCookie })).json()
    )
    expect(summary.review).toMatchObject({ decisions: form.decisions, followUpOn: '2026-12-20' })
    expect(summary.goals.map((g) => g.id)).toEqual(['g1', 'g2'])
    expect(summary.planChanges.map((c) => [c.part, c.kind])).toEqual([
      ['goals', 'added'],
      ['goals', 'added'],
    ])
    expect(summary.attendance.lines.map((l) => l.role).sort()).toEqual(['host', 'patient'])

    const outcomes = PatientOutcomes.parse(
      await (await t.request(`/api/patients/${patientId}/outcomes`, { cookie: gpCookie })).json()
    )
    expect(outcomes.goals).toMatchObject([{ sessionId: session.id, tScore: 62.4 }])
  })

  it('refuses unknown goals, out-of-range ratings and clinicians outside the team, storing nothing', async () => {
    const { session } = await scheduleSession(t, gpCookie, {
      patientId,
      clinicianIds: [],
      invitePatient: true,
    })
    const put = (json: unknown, cookie = gpCookie) =>
      t.request(`/api/sessions/${session.id}/review`, { method: 'PUT', cookie, json })
    const unknownGoal = await put({ ...form, goalRatings: [{ goalId: 'nope', rating: 0 }] })
    expect(unknownGoal.status).toBe(400)
    expect(((await unknownGoal.json()) as { error: { message: string } }).error.message).toMatch(
      /not in the patient's care plan/
    )
    const outOfRange = await put({ ...form, goalRatings: [{ goalId: 'g1', rating: 3 }] })
    expect(outOfRange.status).toBe(400)
    expect(((await outOfRange.json()) as { error: { message: string } }).error.message).toMatch(
      /−2 to \+2/
    )
    expect((await put(form, outsiderCookie)).status).toBe(404)
    const [row] = await t.owner.sql<
      { n: number }[]
    >`select count(*)::int as n from session_reviews where session_id = ${session.id}`
    expect(row!.n).toBe(0)
  })
})
