// The consent export is checked by an independent FHIR validator, as a receiver would check it.
import { beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../support/app'
import { expectValidFhir } from '../../support/fhir'
import {
  createCareTeam,
  createClinic,
  createClinician,
  exchangeLink,
  giveJointConsent,
  pendingTemplate,
  scheduleSession,
  signIn,
} from '../../support/people'

let t: TestApp
let gpCookie: string
let patientId: string
const DOB = '1985-06-01'

type Entry = { fullUrl: string; resource: Record<string, any> }

beforeAll(async () => {
  t = await startTestApp({ publicUrl: 'https://care.example.org' })
  const clinicId = (await createClinic(t)).id
  const gp = await createClinician(t, clinicId, { discipline: 'primary_care' })
  const psych = await createClinician(t, clinicId, { discipline: 'psychology' })
  patientId = (await createCareTeam(t, clinicId, [gp, psych])).id
  gpCookie = await signIn(t, gp)
})

/** A joint session the patient has arrived at; returns the session id and the patient's cookie. */
async function sessionWithPatient() {
  const { session, links } = await scheduleSession(t, gpCookie, {
    patientId,
    clinicianIds: [],
    invitePatient: true,
  })
  const cookie = await exchangeLink(t, links.find((l) => l.role === 'patient')!.url, DOB)
  return { id: session.id as string, cookie }
}

const exportBundle = async () => {
  const res = await t.request(`/api/patients/${patientId}/consents/fhir`, { cookie: gpCookie })
  expect(res.status).toBe(200)
  return (await res.json()) as { resourceType: string; entry: Entry[] }
}

describe('FHIR consent export', () => {
  it('validates, resolves every reference, and exports a refusal as an active deny', async () => {
    const given = await sessionWithPatient()
    await giveJointConsent(t, given.id, given.cookie, [])
    const withdrawn = await sessionWithPatient()
    await giveJointConsent(t, withdrawn.id, withdrawn.cookie, [])
    const w = await t.request(`/api/sessions/${withdrawn.id}/consent/withdrawals`, {
      method: 'POST',
      cookie: withdrawn.cookie,
      json: { scope: 'all' },
    })
    expect(w.status).toBeLessThan(300)
    const declined = await sessionWithPatient()
    const template = await pendingTemplate(t, declined.id, declined.cookie)
    const d = await t.request(`/api/sessions/${declined.id}/consent`, {
      method: 'POST',
      cookie: declined.cookie,
      json: { templateId: template!.id, decision: 'declined', signature: 'Pat Patient' },
    })
    expect(d.status).toBe(204)

    const bundle = await exportBundle()
    expectValidFhir(bundle)

    const patientEntry = bundle.entry.find((e) => e.resource.resourceType === 'Patient')!
    expect(patientEntry.fullUrl).toBe(`https://care.example.org/fhir/Patient/${patientId}`)
    const consents = bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === 'Consent')
    expect(consents).toHaveLength(3)
    for (const c of consents) {
      expect(c.category).toContainEqual({
        coding: [{ system: 'http://loinc.org', code: '59284-0' }],
      })
      expect(c.text.div).toMatch(/^<div xmlns="http:\/\/www.w3.org\/1999\/xhtml">/)
      const doc = bundle.entry.find(
        (e) => e.fullUrl === `https://care.example.org/fhir/${c.sourceReference.reference}`
      )
      expect(doc?.resource.resourceType).toBe('DocumentReference')
    }
    const statusOf = (sessionRecords: (r: Record<string, any>) => boolean) =>
      consents.filter(sessionRecords).map((c) => [c.status, c.provision.type])
    expect(statusOf((c) => c.text.div.includes('declined'))).toEqual([['active', 'deny']])
    expect(statusOf((c) => c.text.div.includes('withdrawn on'))).toEqual([['inactive', 'permit']])
    expect(
      statusOf((c) => !c.text.div.includes('declined') && !c.text.div.includes('withdrawn on'))
    ).toEqual([['active', 'permit']])
  })
})
