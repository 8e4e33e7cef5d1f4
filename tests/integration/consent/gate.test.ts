import { beforeAll, describe, expect, it } from 'vitest'
import { Lobby } from '../../../shared/admission'
import {
  acknowledge,
  auditActions,
  createClinician,
  giveJointConsent,
  pendingTemplate,
  signIn,
} from '../../support/people'
import { consentSteps, startConsentCast, type ConsentCast } from './consent-cast'

let cast: ConsentCast
beforeAll(async () => {
  cast = await startConsentCast()
})
const { post, overview, status, jointSession } = consentSteps(() => cast)

describe('the consent gate', () => {
  it('admits no one but hosts before the patient consents, and says why in the lobby', async () => {
    const s = await jointSession()
    const res = await post(`/api/sessions/${s.session.id}/admissions`, cast.gpCookie, {
      participantId: s.patient.id,
    })
    expect(res.status).toBe(409)
    expect(await res.json()).toEqual({
      error: { code: 'consent_required', message: expect.stringMatching(/not given consent/) },
    })
    const lobby = Lobby.parse(
      await (
        await cast.t.request(`/api/sessions/${s.session.id}/lobby`, { cookie: cast.gpCookie })
      ).json()
    )
    const specialist = lobby.entries.find((e) => e.participantId === s.specialist.id)!
    expect(specialist.consent).toEqual({
      admissible: false,
      reasons: expect.arrayContaining([expect.stringMatching(/acknowledged confidentiality/)]),
    })
    expect((await auditActions(cast.t, s.patient.id)).map((a) => a.action)).toContain(
      'admission.refused_consent'
    )
  })

  it('keeps out a specialist the patient declined, even with a crafted admit request', async () => {
    const s = await jointSession()
    await giveJointConsent(cast.t, s.session.id, s.patient.cookie, [
      { participantId: s.psych.id },
      { participantId: s.partner.id, categories: ['medications'] },
      { participantId: s.specialist.id, present: false },
    ])
    await acknowledge(cast.t, s.session.id, s.specialist.cookie)
    await acknowledge(cast.t, s.session.id, s.partner.cookie)
    expect(
      (
        await post(`/api/sessions/${s.session.id}/admissions`, cast.gpCookie, {
          participantId: s.specialist.id,
        })
      ).status
    ).toBe(409)
    expect(
      (await post(`/api/sessions/${s.session.id}/admissions/clinicians`, cast.gpCookie)).status
    ).toBe(200)
    expect((await status(s.session.id, s.specialist.cookie)).state).toBe('waiting')
    expect((await status(s.session.id, s.psych.cookie)).state).toBe('admitted')
    for (const who of [s.patient, s.partner])
      expect(
        (
          await post(`/api/sessions/${s.session.id}/admissions`, cast.gpCookie, {
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
    await giveJointConsent(cast.t, s.session.id, s.patient.cookie, [
      { participantId: s.partner.id },
      { participantId: s.specialist.id },
    ])
    expect(
      (
        await post(`/api/sessions/${s.session.id}/admissions`, cast.gpCookie, {
          participantId: s.partner.id,
        })
      ).status
    ).toBe(409)
    expect(
      (
        await post(`/api/sessions/${s.session.id}/admissions`, cast.gpCookie, {
          participantId: s.specialist.id,
        })
      ).status
    ).toBe(409)
    await acknowledge(cast.t, s.session.id, s.partner.cookie)
    await acknowledge(cast.t, s.session.id, s.specialist.cookie)
    expect(
      (
        await post(`/api/sessions/${s.session.id}/admissions`, cast.gpCookie, {
          participantId: s.partner.id,
        })
      ).status
    ).toBe(204)
    expect(
      (
        await post(`/api/sessions/${s.session.id}/admissions`, cast.gpCookie, {
          participantId: s.specialist.id,
        })
      ).status
    ).toBe(204)
  })

  it('keeps the exact version and text hash agreed to, and refuses an outdated version', async () => {
    const s = await jointSession()
    const old = await pendingTemplate(cast.t, s.session.id, s.patient.cookie)
    const admin = await createClinician(
      cast.t,
      (
        await cast.t.owner.sql<
          { clinic_id: string }[]
        >`select clinic_id from patients where id = ${cast.patientId}`
      )[0]!.clinic_id,
      { role: 'admin' }
    )
    const edited = await post(
      '/api/consent-templates/joint_session/versions',
      await signIn(cast.t, admin),
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
    await giveJointConsent(cast.t, s.session.id, s.patient.cookie, [])
    const [record] = await cast.t.owner.sql<
      { template_version: number; body_hash: string }[]
    >`select template_version, body_hash from consent_records where session_id = ${s.session.id}`
    expect(record!.template_version).toBe(old!.version + 1)
    expect(record!.body_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(record!.body_hash).not.toBe(old!.bodyHash)
  })
})
