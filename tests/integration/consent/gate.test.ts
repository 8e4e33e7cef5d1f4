import { beforeAll, describe, expect, it } from 'vitest'
import { Lobby, MyStatus } from '../../../shared/admission'
import { ConsentOverview } from '../../../shared/consent'
import { ServerEvent } from '../../../shared/events'
import { startTestApp, type TestApp } from '../../support/app'
import {
  acknowledge,
  auditActions,
  createClinician,
  exchangeLink,
  giveJointConsent,
  gpAndPsychologistWithPatient,
  pendingTemplate,
  scheduleSession,
  signIn,
  type TestClinician,
} from '../../support/people'

let t: TestApp
let psych: TestClinician
let gpCookie: string
let psychCookie: string
let patientId: string
const DOB = '1985-06-01'
const ALL = [
  'mental_health_history',
  'sexual_health_history',
  'medications',
  'lab_results',
  'psychotherapy_notes',
]

beforeAll(async () => {
  t = await startTestApp({}, { livekit: true })
  ;({ psych, patientId, gpCookie, psychCookie } = await gpAndPsychologistWithPatient(t))
})

const post = (path: string, cookie: string, json?: unknown) =>
  t.request(path, { method: 'POST', cookie, json })
const overview = async (sessionId: string, cookie: string) =>
  ConsentOverview.parse(
    await (await t.request(`/api/sessions/${sessionId}/consent`, { cookie })).json()
  )
const status = async (sessionId: string, cookie: string) =>
  MyStatus.parse(await (await t.request(`/api/sessions/${sessionId}/my-status`, { cookie })).json())

/** A joint session with gp hosting, psych invited, the patient, a partner and an outside specialist, all arrived. */
async function jointSession() {
  const { session, links } = await scheduleSession(t, gpCookie, {
    patientId,
    clinicianIds: [psych.id],
    invitePatient: true,
    partner: { displayName: 'Kim', email: null },
    specialists: [{ displayName: 'Dr Vidal', email: 'v@x.example', discipline: 'urology' }],
  })
  const link = (role: string) => links.find((l) => l.role === role)!
  const people = {
    patient: {
      id: link('patient').participantId,
      cookie: await exchangeLink(t, link('patient').url, DOB),
    },
    partner: {
      id: link('partner').participantId,
      cookie: await exchangeLink(t, link('partner').url),
    },
    specialist: {
      id: link('specialist').participantId,
      cookie: await exchangeLink(t, link('specialist').url),
    },
    psych: {
      id: session.participants.find((p) => p.clinicianId === psych.id)!.id,
      cookie: psychCookie,
    },
  }
  await post(`/api/sessions/${session.id}/arrival`, gpCookie)
  for (const p of Object.values(people)) await post(`/api/sessions/${session.id}/arrival`, p.cookie)
  return { session, ...people }
}

describe('the consent gate', () => {
  it('admits no one but hosts before the patient consents, and says why in the lobby', async () => {
    const s = await jointSession()
    const res = await post(`/api/sessions/${s.session.id}/admissions`, gpCookie, {
      participantId: s.patient.id,
    })
    expect(res.status).toBe(409)
    expect(await res.json()).toEqual({
      error: { code: 'consent_required', message: expect.stringMatching(/not given consent/) },
    })
    const lobby = Lobby.parse(
      await (await t.request(`/api/sessions/${s.session.id}/lobby`, { cookie: gpCookie })).json()
    )
    const specialist = lobby.entries.find((e) => e.participantId === s.specialist.id)!
    expect(specialist.consent).toEqual({
      admissible: false,
      reasons: expect.arrayContaining([expect.stringMatching(/acknowledged confidentiality/)]),
    })
    expect((await auditActions(t, s.patient.id)).map((a) => a.action)).toContain(
      'admission.refused_consent'
    )
  })

  it('keeps out a specialist the patient declined, even with a crafted admit request', async () => {
    const s = await jointSession()
    await giveJointConsent(t, s.session.id, s.patient.cookie, [
      { participantId: s.psych.id },
      { participantId: s.partner.id, categories: ['medications'] },
      { participantId: s.specialist.id, present: false },
    ])
    await acknowledge(t, s.session.id, s.specialist.cookie)
    await acknowledge(t, s.session.id, s.partner.cookie)
    expect(
      (
        await post(`/api/sessions/${s.session.id}/admissions`, gpCookie, {
          participantId: s.specialist.id,
        })
      ).status
    ).toBe(409)
    expect(
      (await post(`/api/sessions/${s.session.id}/admissions/clinicians`, gpCookie)).status
    ).toBe(200)
    expect((await status(s.session.id, s.specialist.cookie)).state).toBe('waiting')
    expect((await status(s.session.id, s.psych.cookie)).state).toBe('admitted')
    for (const who of [s.patient, s.partner])
      expect(
        (
          await post(`/api/sessions/${s.session.id}/admissions`, gpCookie, {
            participantId: who.id,
          })
        ).status
      ).toBe(204)
    expect((await post(`/api/sessions/${s.session.id}/token`, s.partner.cookie)).status).toBe(200)
    // The partner sees only what the patient shared with them.
    expect((await overview(s.session.id, s.partner.cookie)).myCategories).toEqual(['medications'])
  })

  it('needs the partner’s own agreement and an outside clinician’s acknowledgement', async () => {
    const s = await jointSession()
    await giveJointConsent(t, s.session.id, s.patient.cookie, [
      { participantId: s.partner.id },
      { participantId: s.specialist.id },
    ])
    expect(
      (
        await post(`/api/sessions/${s.session.id}/admissions`, gpCookie, {
          participantId: s.partner.id,
        })
      ).status
    ).toBe(409)
    expect(
      (
        await post(`/api/sessions/${s.session.id}/admissions`, gpCookie, {
          participantId: s.specialist.id,
        })
      ).status
    ).toBe(409)
    await acknowledge(t, s.session.id, s.partner.cookie)
    await acknowledge(t, s.session.id, s.specialist.cookie)
    expect(
      (
        await post(`/api/sessions/${s.session.id}/admissions`, gpCookie, {
          participantId: s.partner.id,
        })
      ).status
    ).toBe(204)
    expect(
      (
        await post(`/api/sessions/${s.session.id}/admissions`, gpCookie, {
          participantId: s.specialist.id,
        })
      ).status
    ).toBe(204)
  })

  it('keeps the exact version and text hash agreed to, and refuses an outdated version', async () => {
    const s = await jointSession()
    const old = await pendingTemplate(t, s.session.id, s.patient.cookie)
    const admin = await createClinician(
      t,
      (
        await t.owner.sql<
          { clinic_id: string }[]
        >`select clinic_id from patients where id = ${patientId}`
      )[0]!.clinic_id,
      { role: 'admin' }
    )
    const edited = await post(
      '/api/consent-templates/joint_session/versions',
      await signIn(t, admin),
      {
        title: 'Joint session, revised',
        body: 'A revised text that people read and agree to before joining.',
      }
    )
    expect(edited.status).toBe(201)
    expect(await edited.json()).toMatchObject({ version: old!.version + 1 })
    const stale = await post(`/api/sessions/${s.session.id}/consent`, s.patient.cookie, {
      templateId: old!.id,
      decision: 'given',
      signature: 'Pat',
      covers: [],
    })
    expect(stale.status).toBe(409)
    await giveJointConsent(t, s.session.id, s.patient.cookie, [])
    const [record] = await t.owner.sql<
      { template_version: number; body_hash: string }[]
    >`select template_version, body_hash from consent_records where session_id = ${s.session.id}`
    expect(record!.template_version).toBe(old!.version + 1)
    expect(record!.body_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(record!.body_hash).not.toBe(old!.bodyHash)
  })
})

describe('drop-in, withdrawal and step-out', () => {
  async function inCall() {
    const s = await jointSession()
    await giveJointConsent(t, s.session.id, s.patient.cookie, [
      { participantId: s.psych.id },
      { participantId: s.partner.id },
    ])
    await acknowledge(t, s.session.id, s.partner.cookie)
    await acknowledge(t, s.session.id, s.specialist.cookie)
    for (const who of [s.patient, s.partner, s.psych])
      expect(
        (
          await post(`/api/sessions/${s.session.id}/admissions`, gpCookie, {
            participantId: who.id,
          })
        ).status
      ).toBe(204)
    return s
  }

  it('lets the patient approve a drop-in specialist mid-call, which makes them admissible', async () => {
    const s = await inCall()
    expect(
      (
        await post(`/api/sessions/${s.session.id}/admissions`, gpCookie, {
          participantId: s.specialist.id,
        })
      ).status
    ).toBe(409)
    const request = await post(`/api/sessions/${s.session.id}/consent/requests`, gpCookie, {
      participantId: s.specialist.id,
    })
    expect(request.status).toBe(201)
    const { id } = (await request.json()) as { id: string }
    const asked = await overview(s.session.id, s.patient.cookie)
    expect(asked.openRequests).toEqual([
      { id, participantId: s.specialist.id, displayName: 'Dr Vidal', discipline: 'urology' },
    ])
    expect(
      (
        await post(`/api/sessions/${s.session.id}/consent/requests/${id}`, s.partner.cookie, {
          decision: 'approved',
        })
      ).status
    ).toBe(404)
    expect(
      (
        await post(`/api/sessions/${s.session.id}/consent/requests/${id}`, s.patient.cookie, {
          decision: 'approved',
          categories: ['lab_results'],
        })
      ).status
    ).toBe(204)
    expect(
      (
        await post(`/api/sessions/${s.session.id}/admissions`, gpCookie, {
          participantId: s.specialist.id,
        })
      ).status
    ).toBe(204)
    expect((await overview(s.session.id, s.specialist.cookie)).myCategories).toEqual([
      'lab_results',
    ])
    expect((await auditActions(t, s.specialist.id)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['consent.requested', 'consent.drop_in_approved'])
    )
  })

  it('removes a participant whose cover the patient withdraws, at once, and keeps them out', async () => {
    const s = await inCall()
    expect((await post(`/api/sessions/${s.session.id}/token`, s.psych.cookie)).status).toBe(200)
    const res = await post(`/api/sessions/${s.session.id}/consent/withdrawals`, s.patient.cookie, {
      scope: 'participant',
      participantId: s.psych.id,
    })
    expect(res.status).toBe(204)
    const [admission] = await t.owner.sql<
      { ended_at: Date | null; end_reason: string }[]
    >`select ended_at, end_reason from admissions where participant_id = ${s.psych.id}`
    expect(admission).toMatchObject({ end_reason: 'consent_withdrawn' })
    const token = await post(`/api/sessions/${s.session.id}/token`, s.psych.cookie)
    expect(token.status).toBe(403)
    expect(await status(s.session.id, s.psych.cookie)).toMatchObject({
      state: 'left',
      leftBecause: 'consent_withdrawn',
    })
    await post(`/api/sessions/${s.session.id}/arrival`, s.psych.cookie)
    expect(
      (
        await post(`/api/sessions/${s.session.id}/admissions`, gpCookie, {
          participantId: s.psych.id,
        })
      ).status
    ).toBe(409)
    const actions = (await auditActions(t, s.psych.id)).map((a) => a.action)
    expect(actions).toEqual(
      expect.arrayContaining([
        'admission.ended_by_consent',
        'admission.token_refused',
        'admission.refused_consent',
      ])
    )
    expect((await auditActions(t, s.session.id)).map((a) => a.action)).toContain(
      'consent.withdrawn'
    )
  })

  it('hides a withdrawn category from everyone it was shared with, without removing anyone', async () => {
    const s = await inCall()
    expect((await overview(s.session.id, s.partner.cookie)).myCategories).toContain(
      'sexual_health_history'
    )
    await post(`/api/sessions/${s.session.id}/consent/withdrawals`, s.patient.cookie, {
      scope: 'category',
      category: 'sexual_health_history',
    })
    expect((await overview(s.session.id, s.partner.cookie)).myCategories).not.toContain(
      'sexual_health_history'
    )
    expect((await status(s.session.id, s.partner.cookie)).state).toBe('admitted')
  })

  it('ends the session for everyone when the patient withdraws entirely', async () => {
    const s = await inCall()
    await post(`/api/sessions/${s.session.id}/consent/withdrawals`, s.patient.cookie, {
      scope: 'all',
    })
    expect((await status(s.session.id, s.psych.cookie)).sessionStatus).toBe('ended')
    expect((await post(`/api/sessions/${s.session.id}/token`, gpCookie)).status).toBe(403)
  })

  it('lets only the patient withdraw in a joint session', async () => {
    const s = await inCall()
    expect(
      (
        await post(`/api/sessions/${s.session.id}/consent/withdrawals`, s.partner.cookie, {
          scope: 'all',
        })
      ).status
    ).toBe(403)
    expect(
      (await post(`/api/sessions/${s.session.id}/consent/withdrawals`, gpCookie, { scope: 'all' }))
        .status
    ).toBe(403)
  })

  it('steps the patient and partner out and re-admits them without repeating consent', async () => {
    const s = await inCall()
    const res = await post(`/api/sessions/${s.session.id}/step-out`, gpCookie, {
      message: 'The team is talking briefly; we will bring you back in a few minutes.',
    })
    expect(await res.json()).toEqual({ steppedOut: 2 })
    expect(await status(s.session.id, s.patient.cookie)).toMatchObject({
      state: 'stepped_out',
      message: expect.stringMatching(/bring you back/),
    })
    expect((await post(`/api/sessions/${s.session.id}/token`, s.patient.cookie)).status).toBe(403)
    expect((await status(s.session.id, s.psych.cookie)).state).toBe('admitted')
    expect(
      (
        await post(`/api/sessions/${s.session.id}/admissions`, gpCookie, {
          participantId: s.patient.id,
        })
      ).status
    ).toBe(204)
    expect((await post(`/api/sessions/${s.session.id}/token`, s.patient.cookie)).status).toBe(200)
    expect((await auditActions(t, s.session.id)).map((a) => a.action)).toContain(
      'admission.stepped_out'
    )
  })

  it('refuses a token to a stale admission whose consent is no longer active, and audits it', async () => {
    const s = await inCall()
    // A stale admission: the cover ended without the admission ending (as a bug or a race would leave it).
    await t.owner
      .sql`update consent_covers set permitted = false where participant_id = ${s.partner.id} and category is null and withdrawn_at is null`
    const res = await post(`/api/sessions/${s.session.id}/token`, s.partner.cookie)
    expect(res.status).toBe(403)
    const refused = (await auditActions(t, s.partner.id)).filter(
      (a) => a.action === 'admission.token_refused'
    )
    expect(refused.at(-1)?.detail).toEqual({ reason: 'consent_inactive' })
  })
})

describe('consent records', () => {
  it('exports the patient’s records as FHIR R4 Consent resources, for the care team only', async () => {
    const s = await jointSession()
    await giveJointConsent(t, s.session.id, s.patient.cookie, [
      { participantId: s.psych.id, categories: ['medications'] },
      { participantId: s.specialist.id, present: false },
    ])
    const res = await t.request(`/api/patients/${patientId}/consents/fhir`, { cookie: gpCookie })
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
      patient: { reference: `Patient/${patientId}` },
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
      t,
      (
        await t.owner.sql<
          { clinic_id: string }[]
        >`select clinic_id from patients where id = ${patientId}`
      )[0]!.clinic_id
    )
    expect(
      (
        await t.request(`/api/patients/${patientId}/consents/fhir`, {
          cookie: await signIn(t, outsider),
        })
      ).status
    ).toBe(404)
  })

  it('gives the patient a copy of what they agreed to', async () => {
    const s = await jointSession()
    await giveJointConsent(t, s.session.id, s.patient.cookie, [
      { participantId: s.psych.id, categories: ALL.slice(0, 2) },
    ])
    const res = await t.request(`/api/sessions/${s.session.id}/consent/copy`, {
      cookie: s.patient.cookie,
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/attachment/)
    const text = await res.text()
    expect(text).toMatch(/Signed: Pat Patient/)
    expect(text).toMatch(/may join; shared: mental_health_history, sexual_health_history/)
  })

  it('lets a host record a patient’s information-sharing consent for a case conference', async () => {
    const { session } = await scheduleSession(t, gpCookie, {
      patientId,
      kind: 'case_conference',
      clinicianIds: [psych.id],
      specialists: [
        { displayName: 'Dr Remote', email: 'r@x.example', discipline: 'endocrinology' },
      ],
    })
    const psychId = session.participants.find((p) => p.clinicianId === psych.id)!.id
    await post(`/api/sessions/${session.id}/arrival`, psychCookie)
    expect(
      (await post(`/api/sessions/${session.id}/admissions`, gpCookie, { participantId: psychId }))
        .status
    ).toBe(409)
    const template = (await (
      await t.request('/api/consent-templates', { cookie: gpCookie })
    ).json()) as { id: string; kind: string }[]
    const res = await post(`/api/sessions/${session.id}/consent/recorded`, gpCookie, {
      templateId: template.find((x) => x.kind === 'information_sharing')!.id,
      statement: 'Agreed in clinic on 20 November, form on file.',
      signature: 'Dr Host',
      covers: [{ participantId: psychId, present: true, categories: ALL }],
    })
    expect(res.status).toBe(204)
    expect(
      (await post(`/api/sessions/${session.id}/admissions`, gpCookie, { participantId: psychId }))
        .status
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
