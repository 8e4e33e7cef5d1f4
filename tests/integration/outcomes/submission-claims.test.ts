// A submission checks what its sender holds inside its own transaction (server/outcomes/submission-store.ts), not
// through the API's sign-in middleware: the same guest sessions and questionnaire links must open it, and nothing
// else. Each refusal stores nothing.
import { beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../support/app'
import { createCareTeam, createClinic, createClinician, signIn } from '../../support/people'
import { answers, offeredQuestionnaires } from '../../support/questionnaires'

let t: TestApp
let gpCookie: string
let patientId: string
const DOB = '1985-06-01'

beforeAll(async () => {
  t = await startTestApp()
  const clinicId = (await createClinic(t)).id
  const gp = await createClinician(t, clinicId)
  gpCookie = await signIn(t, gp)
  patientId = (await createCareTeam(t, clinicId, [gp])).id
})

const offered = () => offeredQuestionnaires(t, gpCookie, patientId, DOB)
const gad7 = answers('gad7', 7, () => 1)
const send = (responseId: string, auth: { cookie?: string; bearer?: string }) =>
  t.request(`/api/questionnaires/${responseId}/submission`, {
    method: 'POST',
    cookie: auth.cookie,
    headers: auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : {},
    json: { answers: gad7 },
  })
const refusal = async (res: Response) => ({
  status: res.status,
  message: ((await res.json()) as { error: { message: string } }).error.message,
})
const stored = async () => {
  const [row] = await t.owner.sql<{ scores: number; submitted: number; audited: number }[]>`
    select (select count(*)::int from scores) as scores,
      (select count(*)::int from responses where status = 'submitted') as submitted,
      (select count(*)::int from audit_events where action = 'responses.submitted') as audited`
  return row!
}
const participantOf = async (responseId: string) =>
  (
    await t.owner.sql<
      { id: string }[]
    >`select participant_id as id from responses where id = ${responseId}`
  )[0]!.id

describe('who may send a questionnaire', () => {
  it('refuses a guest session that has ended or expired', async () => {
    const s = await offered()
    const participant = await participantOf(s.gad7)
    const before = await stored()

    await t.owner
      .sql`update participant_sessions set ended_at = now() where participant_id = ${participant}`
    expect(await refusal(await send(s.gad7, { cookie: s.cookie }))).toEqual({
      status: 401,
      message: 'Please open your questionnaire link to continue.',
    })
    await t.owner.sql`
      update participant_sessions set ended_at = null, expires_at = now() - interval '1 minute'
      where participant_id = ${participant}`
    expect((await send(s.gad7, { cookie: s.cookie })).status).toBe(401)
    // Neither a made-up guest cookie, nor a clinician's alone.
    expect((await send(s.gad7, { cookie: 'gsid=made-up' })).status).toBe(401)
    expect((await send(s.gad7, { cookie: gpCookie })).status).toBe(401)
    expect(await stored()).toEqual(before)
  })

  it('refuses a link that was revoked or has expired, and a link to another person’s questionnaire', async () => {
    const mine = await offered()
    const theirs = await offered()
    const before = await stored()

    // Someone else's questionnaire answers exactly like one that does not exist.
    expect(await refusal(await send(theirs.gad7, { bearer: mine.linkSecret }))).toMatchObject({
      status: 404,
    })
    await t.owner.sql`
      update questionnaire_links set expires_at = now() - interval '1 minute'
      where participant_id = ${await participantOf(mine.gad7)}`
    const expired = await refusal(await send(mine.gad7, { bearer: mine.linkSecret }))
    expect(expired.status).toBe(404)
    expect(expired.message).toMatch(/link is not valid/)
    await t.owner.sql`
      update questionnaire_links set expires_at = now() + interval '1 day', revoked_at = now()
      where participant_id = ${await participantOf(mine.gad7)}`
    expect((await send(mine.gad7, { bearer: mine.linkSecret })).status).toBe(404)
    expect(await stored()).toEqual(before)
  })

  it('takes a guest’s and a link holder’s own submissions, each audited as that participant', async () => {
    const byCookie = await offered()
    const byLink = await offered()
    const before = await stored()

    expect((await send(byCookie.gad7, { cookie: byCookie.cookie })).status).toBe(201)
    expect((await send(byLink.gad7, { bearer: byLink.linkSecret })).status).toBe(201)
    expect(await stored()).toEqual({
      scores: before.scores + 2,
      submitted: before.submitted + 2,
      audited: before.audited + 2,
    })
    for (const responseId of [byCookie.gad7, byLink.gad7]) {
      const [row] = await t.owner.sql<
        { actor_kind: string; actor_id: string; patient_id: string }[]
      >`
        select actor_kind, actor_id, patient_id from audit_events
        where action = 'responses.submitted' and subject_id = ${responseId}`
      expect(row).toEqual({
        actor_kind: 'participant',
        actor_id: await participantOf(responseId),
        patient_id: patientId,
      })
    }
  })
})
