// Submissions run as pipelined transactions (server/db/pipelined.ts): many at once, with alerts, duplicates and
// refusals among them, must still leave one audit row per stored score on its patient's chain, and a trail that
// verifies.
import { beforeAll, describe, expect, it } from 'vitest'
import * as audit from '../../../server/audit/service'
import { startTestApp, type TestApp } from '../../support/app'
import { createCareTeam, createClinic, createClinician, signIn } from '../../support/people'
import { answers, offeredQuestionnaires } from '../../support/questionnaires'

let t: TestApp
let gpCookie: string
let patientIds: string[]
const DOB = '1985-06-01'

beforeAll(async () => {
  t = await startTestApp()
  const clinicId = (await createClinic(t)).id
  const gp = await createClinician(t, clinicId, { discipline: 'primary_care' })
  gpCookie = await signIn(t, gp)
  patientIds = [
    (await createCareTeam(t, clinicId, [gp])).id,
    (await createCareTeam(t, clinicId, [gp])).id,
  ]
})

const offered = (patientId: string) => offeredQuestionnaires(t, gpCookie, patientId, DOB)

describe('questionnaire submissions at once', () => {
  it('store each score once with its audit row on the patient’s chain, alerts included, and the trail verifies', async () => {
    const sessions = await Promise.all(
      [0, 1, 0, 1, 0, 1].map((i) => offered(patientIds[i]!).then((s) => ({ ...s, i })))
    )
    const submit = (responseId: string, cookie: string, body: Record<string, number>) =>
      t.request(`/api/questionnaires/${responseId}/submission`, {
        method: 'POST',
        cookie,
        json: { answers: body },
      })
    const results = await Promise.all(
      sessions.flatMap((s, n) => [
        // Item 9 above 0 in every other PHQ-9: an alert and a second audit row on the same chain.
        submit(
          s.phq9,
          s.cookie,
          answers('phq9', 10, (k) => (k === 9 ? n % 2 : 1))
        ),
        submit(
          s.gad7,
          s.cookie,
          answers('gad7', 7, () => 2)
        ),
        // The same GAD-7 twice at once: one is stored, the other refused.
        submit(
          s.gad7,
          s.cookie,
          answers('gad7', 7, () => 2)
        ),
        // Refused after its locked read: a missing answer.
        submit(s.phq9, s.cookie, { phq9_1: 1 }),
      ])
    )
    const statuses = results.map((r) => r.status)
    for (let n = 0; n < sessions.length; n++) {
      const [phq9, gad7a, gad7b, incomplete] = statuses.slice(n * 4, n * 4 + 4)
      expect(phq9).toBe(201)
      expect([gad7a, gad7b].sort()).toEqual([201, 409])
      // Checked before or after the PHQ-9 above was stored: incomplete, or already sent.
      expect([400, 409]).toContain(incomplete)
    }

    const rows = await t.owner.sql<{ action: string; patient_id: string; subject_id: string }[]>`
      select action, patient_id, subject_id from audit_events
      where action in ('responses.submitted', 'safety_alerts.raised') order by seq`
    const scores = await t.owner.sql<{ response_id: string; patient_id: string }[]>`
      select response_id, patient_id from scores`
    expect(scores).toHaveLength(sessions.length * 2)
    const submitted = rows.filter((r) => r.action === 'responses.submitted')
    expect(submitted.map((r) => [r.subject_id, r.patient_id]).sort()).toEqual(
      scores.map((s) => [s.response_id, s.patient_id]).sort()
    )
    const alerts = await t.owner.sql<{ id: string; patient_id: string }[]>`
      select id, patient_id from safety_alerts`
    expect(alerts).toHaveLength(sessions.length / 2)
    expect(
      rows
        .filter((r) => r.action === 'safety_alerts.raised')
        .map((r) => [r.subject_id, r.patient_id])
        .sort()
    ).toEqual(alerts.map((a) => [a.id, a.patient_id]).sort())

    expect(await audit.verify(t.deps.db)).toMatchObject({ ok: true })
  })

  it('store nothing when one of the writes fails: the response stays open and no audit row is added', async () => {
    const s = await offered(patientIds[0]!)
    // A score already there for this response: the submission's score insert breaks its unique index, after the
    // response's update in the same statement.
    await t.owner.sql`
      insert into scores (id, response_id, patient_id, respondent_role, instrument_key, total, positive_screen,
        safety_alert, scored_at)
      select gen_random_uuid(), id, patient_id, respondent_role, instrument_key, 0, false, false, now()
      from responses where id = ${s.gad7}`
    const auditRows = async () =>
      (
        await t.owner.sql`
          select count(*)::int as n from audit_events
          where action = 'responses.submitted' and subject_id = ${s.gad7}`
      )[0]!.n as number
    const res = await t.request(`/api/questionnaires/${s.gad7}/submission`, {
      method: 'POST',
      cookie: s.cookie,
      json: { answers: answers('gad7', 7, () => 2) },
    })
    expect(res.status).toBe(500)
    const [response] = await t.owner.sql<{ status: string; answers: unknown }[]>`
      select status, answers from responses where id = ${s.gad7}`
    expect(response).toEqual({ status: 'open', answers: {} })
    expect(await auditRows()).toBe(0)

    // Without the stray score the same submission goes through, once, with its audit row.
    await t.owner.sql`delete from scores where response_id = ${s.gad7}`
    const again = await t.request(`/api/questionnaires/${s.gad7}/submission`, {
      method: 'POST',
      cookie: s.cookie,
      json: { answers: answers('gad7', 7, () => 2) },
    })
    expect(again.status).toBe(201)
    expect(await auditRows()).toBe(1)
    expect(await audit.verify(t.deps.db)).toMatchObject({ ok: true })
  })

  it('share one chain with the other audited writes about the patient: progress saved at the same time still verifies', async () => {
    // The submission takes the chain's lock inside its locked read (submission-store.ts), progress through
    // audit.record(): the same lock for the same patient, or the two would fork the chain.
    const sessions = await Promise.all([0, 0, 0, 0].map(() => offered(patientIds[1]!)))
    const results = await Promise.all(
      sessions.flatMap((s) => [
        t.request(`/api/questionnaires/${s.gad7}/submission`, {
          method: 'POST',
          cookie: s.cookie,
          json: { answers: answers('gad7', 7, () => 1) },
        }),
        t.request(`/api/questionnaires/${s.phq9}/answers`, {
          method: 'PUT',
          cookie: s.cookie,
          json: { answers: { phq9_1: 2 } },
        }),
      ])
    )
    expect(results.map((r) => r.status)).toEqual(sessions.flatMap(() => [201, 204]))
    const [stored] = await t.owner.sql<{ n: number }[]>`
      select count(*)::int as n from audit_events
      where patient_id = ${patientIds[1]!} and action in ('responses.submitted', 'responses.progress_saved')
        and subject_id in ${t.owner.sql(sessions.flatMap((s) => [s.gad7, s.phq9]))}`
    expect(stored?.n).toBe(sessions.length * 2)
    expect(await audit.verify(t.deps.db)).toMatchObject({ ok: true })
  })
})
