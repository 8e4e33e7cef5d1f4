import { beforeAll, describe, expect, it } from 'vitest'
import { keepAliveInCall, resolveClinicianSession } from '../../../server/accounts/service'
import { isAdmitted } from '../../../server/admission/service'
import { startTestApp, type TestApp } from '../../support/app'
import {
  createCareTeam,
  createClinic,
  createClinician,
  scheduleSession,
  signIn,
} from '../../support/people'

let t: TestApp

beforeAll(async () => {
  t = await startTestApp()
})

describe('idle logoff during a call', () => {
  it('keeps a clinician who is in a call signed in, but not one who is only looking', async () => {
    const clinicId = (await createClinic(t)).id
    const gp = await createClinician(t, clinicId)
    const psych = await createClinician(t, clinicId)
    const patientId = (await createCareTeam(t, clinicId, [gp, psych])).id
    const [inCall, looking] = [await signIn(t, gp), await signIn(t, psych)]
    const { session } = await scheduleSession(t, inCall, {
      patientId,
      kind: 'case_conference',
      clinicianIds: [psych.id],
    })
    await t.request(`/api/sessions/${session.id}/arrival`, { method: 'POST', cookie: inCall })

    const realClock = t.deps.clock
    const idle = t.deps.config.idleTimeoutSeconds * 1000
    try {
      let offset = 0
      t.deps.clock = () => new Date(Date.now() + offset)
      // As an event stream does: the caller is resolved once when the stream opens, then only heartbeats follow.
      const streams = await Promise.all(
        [inCall, looking].map(
          async (cookie) => (await resolveClinicianSession(t.deps, cookie.split('=')[1]!))!
        )
      )
      offset = idle - 60_000
      for (const actor of streams)
        await keepAliveInCall(t.deps, actor, () => isAdmitted(t.deps.db, actor, session.id))
      offset = idle + 30_000
      expect((await t.request('/api/me', { cookie: inCall })).status).toBe(200)
      expect((await t.request('/api/me', { cookie: looking })).status).toBe(401)
    } finally {
      t.deps.clock = realClock
    }
  })
})
