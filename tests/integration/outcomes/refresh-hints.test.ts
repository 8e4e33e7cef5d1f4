// `outcomes.changed` only tells open pages to refetch: a burst of one patient's submissions gives the first change's
// hint at once and folds the rest into one more (server/realtime/hints.ts), so pages neither refetch per change nor
// miss the last one.
import { beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../support/app'
import { createCareTeam, createClinic, createClinician, signIn } from '../../support/people'
import { answers, offeredQuestionnaires } from '../../support/questionnaires'
import type { ServerEvent } from '../../../shared/events'
import { readEventsUntil } from '../../support/sse'

let t: TestApp
let gpCookie: string
let patientId: string
let otherPatientId: string
const DOB = '1985-06-01'

beforeAll(async () => {
  t = await startTestApp()
  const clinicId = (await createClinic(t)).id
  const gp = await createClinician(t, clinicId)
  gpCookie = await signIn(t, gp)
  patientId = (await createCareTeam(t, clinicId, [gp])).id
  otherPatientId = (await createCareTeam(t, clinicId, [gp])).id
})

describe('refresh hints for outcomes', () => {
  it('fold a burst of one patient’s submissions into fewer hints, the last change included', async () => {
    const sessions = await Promise.all(
      [0, 1, 2].map(() => offeredQuestionnaires(t, gpCookie, patientId, DOB))
    )
    const other = await offeredQuestionnaires(t, gpCookie, otherPatientId, DOB)
    const stream = await t.request('/api/team-events', { cookie: gpCookie })
    expect(stream.status).toBe(200)
    let seen: ServerEvent[] = []
    const hintsFor = (id: string) =>
      seen.filter((e) => e.type === 'outcomes.changed' && e.patientId === id).length
    // Read until the other patient's hint (below) arrives.
    const reading = readEventsUntil(stream, (events) => {
      seen = events
      return hintsFor(otherPatientId) > 0
    })

    const submit = (responseId: string, cookie: string, body: Record<string, number>) =>
      t.request(`/api/questionnaires/${responseId}/submission`, {
        method: 'POST',
        cookie,
        json: { answers: body },
      })
    const statuses = await Promise.all(
      sessions.flatMap((s) => [
        submit(
          s.phq9,
          s.cookie,
          answers('phq9', 10, () => 0)
        ),
        submit(
          s.gad7,
          s.cookie,
          answers('gad7', 7, () => 1)
        ),
      ])
    )
    expect(statuses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201])
    // The first at once, then one for the rest when the window closes.
    await expect.poll(() => hintsFor(patientId)).toBe(2)

    // Another patient's change is not held back by this patient's window.
    expect(
      (
        await submit(
          other.gad7,
          other.cookie,
          answers('gad7', 7, () => 1)
        )
      ).status
    ).toBe(201)
    await reading
    expect(hintsFor(otherPatientId)).toBe(1)
    expect(hintsFor(patientId)).toBe(2)
  })
})
