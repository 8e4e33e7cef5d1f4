// Least disclosure in the consent view: each person sees what concerns them; hosts see what runs the session.
import { beforeAll, describe, expect, it } from 'vitest'
import { ConsentOverview } from '../../../shared/consent'
import { startTestApp, type TestApp } from '../../support/app'
import {
  exchangeLink,
  giveJointConsent,
  gpAndPsychologistWithPatient,
  scheduleSession,
  type TestClinician,
} from '../../support/people'

let t: TestApp
let psych: TestClinician
let gpCookie: string
let psychCookie: string
let patientId: string

beforeAll(async () => {
  t = await startTestApp()
  ;({ psych, patientId, gpCookie, psychCookie } = await gpAndPsychologistWithPatient(t))
})

const view = async (sessionId: string, cookie: string) => {
  const res = await t.request(`/api/sessions/${sessionId}/consent`, { cookie })
  expect(res.status).toBe(200)
  return ConsentOverview.parse(await res.json())
}

describe('the consent view', () => {
  it('shows a partner and an excluded specialist only their own cover; the patient, host and team all', async () => {
    const { session, links } = await scheduleSession(t, gpCookie, {
      patientId,
      clinicianIds: [psych.id],
      invitePatient: true,
      partner: { displayName: 'Kim', email: null },
      specialists: [{ displayName: 'Dr Vidal', email: 'v@x.example', discipline: 'urology' }],
    })
    const link = (role: string) => links.find((l) => l.role === role)!
    const patient = await exchangeLink(t, link('patient').url, '1985-06-01')
    const partner = await exchangeLink(t, link('partner').url)
    const specialist = await exchangeLink(t, link('specialist').url)
    const psychId = session.participants.find((p) => p.clinicianId === psych.id)!.id
    const partnerId = link('partner').participantId
    const specialistId = link('specialist').participantId
    await giveJointConsent(t, session.id, patient, [
      { participantId: psychId, categories: ['medications', 'sexual_health_history'] },
      { participantId: partnerId, categories: [] },
      { participantId: specialistId, present: false },
    ])

    const everyone = (v: ConsentOverview) => v.participants.map((p) => p.participantId).sort()
    const all = (await view(session.id, gpCookie)).participants.map((p) => p.participantId).sort()
    expect(all).toEqual(expect.arrayContaining([psychId, partnerId, specialistId]))
    for (const cookie of [patient, gpCookie, psychCookie])
      expect(everyone(await view(session.id, cookie))).toEqual(all)

    const partnerView = await view(session.id, partner)
    expect(partnerView.participants).toEqual([
      expect.objectContaining({ participantId: partnerId, present: true, categories: [] }),
    ])
    expect(partnerView.myCategories).toEqual([])
    expect(JSON.stringify(partnerView)).not.toContain(psychId)

    const specialistView = await view(session.id, specialist)
    expect(specialistView.participants).toEqual([
      expect.objectContaining({ participantId: specialistId, present: false }),
    ])
    expect(JSON.stringify(specialistView)).not.toContain(psychId)
  })
})
