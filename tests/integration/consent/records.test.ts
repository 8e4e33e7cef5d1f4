import { beforeAll, describe, expect, it } from 'vitest'
import { ServerEvent } from '../../../shared/events'
import { createClinician, giveJointConsent, scheduleSession, signIn } from '../../support/people'
import { ALL, consentSteps, startConsentCast, type ConsentCast } from './consent-cast'

let cast: ConsentCast
beforeAll(async () => {
  cast = await startConsentCast()
})
const { post, jointSession } = consentSteps(() => cast)

describe('consent records', () => {
  it('exports the patient’s records as FHIR R4 Consent resources, for the care team only', async () => {
    const s = await jointSession()
    await giveJointConsent(cast.t, s.session.id, s.patient.cookie, [
      { participantId: s.psych.id, categories: ['medications'] },
      { participantId: s.specialist.id, present: false },
    ])
    const res = await cast.t.request(`/api/patients/${cast.patientId}/consents/fhir`, {
      cookie: cast.gpCookie,
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/application\/fhir\+json/)
    const bundle = (await res.json()) as {
      resourceType: string
      entry: { resource: Record<string, any> }[]
    }
    expect(bundle.resourceType).toBe('Bundle')
    const consent = bundle.entry
      .map((e) => e.resource)
      .find(
        (r) => r.resourceType === 'Consent' && JSON.stringify(r.provision).includes(s.specialist.id)
      )!
    expect(consent).toMatchObject({
      resourceType: 'Consent',
      status: 'active',
      patient: { reference: `Patient/${cast.patientId}` },
    })
    const provisions = consent.provision.provision as {
      type: string
      actor: { reference: { identifier: { value: string } } }[]
      class?: { code: string }[]
    }[]
    const forSpecialist = provisions.filter(
      (p) => p.actor[0]!.reference.identifier.value === s.specialist.id && !p.class
    )
    expect(forSpecialist.map((p) => p.type)).toEqual(['deny'])
    const psychCategories = provisions
      .filter(
        (p) =>
          p.actor[0]!.reference.identifier.value === s.psych.id && p.class && p.type === 'permit'
      )
      .map((p) => p.class![0]!.code)
    expect(psychCategories).toEqual(['medications'])
    const outsider = await createClinician(
      cast.t,
      (
        await cast.t.owner.sql<
          { clinic_id: string }[]
        >`select clinic_id from patients where id = ${cast.patientId}`
      )[0]!.clinic_id
    )
    expect(
      (
        await cast.t.request(`/api/patients/${cast.patientId}/consents/fhir`, {
          cookie: await signIn(cast.t, outsider),
        })
      ).status
    ).toBe(404)
  })

  it('gives the patient a copy of what they agreed to', async () => {
    const s = await jointSession()
    await giveJointConsent(cast.t, s.session.id, s.patient.cookie, [
      { participantId: s.psych.id, categories: ALL.slice(0, 2) },
    ])
    const res = await cast.t.request(`/api/sessions/${s.session.id}/consent/copy`, {
      cookie: s.patient.cookie,
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/attachment/)
    const text = await res.text()
    expect(text).toMatch(/Signed: Pat Patient/)
    expect(text).toMatch(/may join; shared: mental_health_history, sexual_health_history/)
  })

  it('lets a host record a patient’s information-sharing consent for a case conference', async () => {
    const { session } = await scheduleSession(cast.t, cast.gpCookie, {
      patientId: cast.patientId,
      kind: 'case_conference',
      clinicianIds: [cast.psych.id],
      specialists: [
        { displayName: 'Dr Remote', email: 'r@x.example', discipline: 'endocrinology' },
      ],
    })
    const psychId = session.participants.find((p) => p.clinicianId === cast.psych.id)!.id
    await post(`/api/sessions/${session.id}/arrival`, cast.psychCookie)
    expect(
      (
        await post(`/api/sessions/${session.id}/admissions`, cast.gpCookie, {
          participantId: psychId,
        })
      ).status
    ).toBe(409)
    const template = (await (
      await cast.t.request('/api/consent-templates', { cookie: cast.gpCookie })
    ).json()) as { id: string; kind: string }[]
    const res = await post(`/api/sessions/${session.id}/consent/recorded`, cast.gpCookie, {
      templateId: template.find((x) => x.kind === 'information_sharing')!.id,
      statement: 'Agreed in clinic on 20 November, form on file.',
      signature: 'Dr Host',
      covers: [{ participantId: psychId, present: true, categories: ALL }],
    })
    expect(res.status).toBe(204)
    expect(
      (
        await post(`/api/sessions/${session.id}/admissions`, cast.gpCookie, {
          participantId: psychId,
        })
      ).status
    ).toBe(204)
  })

  it('sends ids and kinds only when consent changes', () => {
    expect(
      ServerEvent.parse({
        type: 'consent.changed',
        sessionId: '00000000-0000-4000-8000-000000000000',
      })
    ).toEqual({ type: 'consent.changed', sessionId: '00000000-0000-4000-8000-000000000000' })
  })
})
