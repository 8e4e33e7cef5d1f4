import { beforeAll, describe, expect, it } from 'vitest'
import { acknowledge, auditActions, giveJointConsent } from '../../support/people'
import { consentSteps, startConsentCast, type ConsentCast } from './consent-cast'

let cast: ConsentCast
beforeAll(async () => {
  cast = await startConsentCast()
})
const { post, overview, status, jointSession } = consentSteps(() => cast)

describe('drop-in, withdrawal and step-out', () => {
  async function inCall() {
    const s = await jointSession()
    await giveJointConsent(cast.t, s.session.id, s.patient.cookie, [
      { participantId: s.psych.id },
      { participantId: s.partner.id },
    ])
    await acknowledge(cast.t, s.session.id, s.partner.cookie)
    await acknowledge(cast.t, s.session.id, s.specialist.cookie)
    for (const who of [s.patient, s.partner, s.psych])
      expect(
        (
          await post(`/api/sessions/${s.session.id}/admissions`, cast.gpCookie, {
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
        await post(`/api/sessions/${s.session.id}/admissions`, cast.gpCookie, {
          participantId: s.specialist.id,
        })
      ).status
    ).toBe(409)
    const request = await post(`/api/sessions/${s.session.id}/consent/requests`, cast.gpCookie, {
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
        await post(`/api/sessions/${s.session.id}/admissions`, cast.gpCookie, {
          participantId: s.specialist.id,
        })
      ).status
    ).toBe(204)
    expect((await overview(s.session.id, s.specialist.cookie)).myCategories).toEqual([
      'lab_results',
    ])
    expect((await auditActions(cast.t, s.specialist.id)).map((a) => a.action)).toEqual(
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
    const [admission] = await cast.t.owner.sql<
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
        await post(`/api/sessions/${s.session.id}/admissions`, cast.gpCookie, {
          participantId: s.psych.id,
        })
      ).status
    ).toBe(409)
    const actions = (await auditActions(cast.t, s.psych.id)).map((a) => a.action)
    expect(actions).toEqual(
      expect.arrayContaining([
        'admission.ended_by_consent',
        'admission.token_refused',
        'admission.refused_consent',
      ])
    )
    expect((await auditActions(cast.t, s.session.id)).map((a) => a.action)).toContain(
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
    expect((await post(`/api/sessions/${s.session.id}/token`, cast.gpCookie)).status).toBe(403)
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
      (
        await post(`/api/sessions/${s.session.id}/consent/withdrawals`, cast.gpCookie, {
          scope: 'all',
        })
      ).status
    ).toBe(403)
  })

  it('steps the patient and partner out and re-admits them without repeating consent', async () => {
    const s = await inCall()
    const res = await post(`/api/sessions/${s.session.id}/step-out`, cast.gpCookie, {
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
        await post(`/api/sessions/${s.session.id}/admissions`, cast.gpCookie, {
          participantId: s.patient.id,
        })
      ).status
    ).toBe(204)
    expect((await post(`/api/sessions/${s.session.id}/token`, s.patient.cookie)).status).toBe(200)
    expect((await auditActions(cast.t, s.session.id)).map((a) => a.action)).toContain(
      'admission.stepped_out'
    )
  })

  it('refuses a token to a stale admission whose consent is no longer active, and audits it', async () => {
    const s = await inCall()
    // A stale admission: the cover ended without the admission ending (as a bug or a race would leave it).
    await cast.t.owner
      .sql`update consent_covers set permitted = false where participant_id = ${s.partner.id} and category is null and withdrawn_at is null`
    const res = await post(`/api/sessions/${s.session.id}/token`, s.partner.cookie)
    expect(res.status).toBe(403)
    const refused = (await auditActions(cast.t, s.partner.id)).filter(
      (a) => a.action === 'admission.token_refused'
    )
    expect(refused.at(-1)?.detail).toEqual({ reason: 'consent_inactive' })
  })
})
