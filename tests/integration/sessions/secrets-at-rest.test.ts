// No table keeps a usable secret: passwords, cookie secrets and personal-link secrets exist only as hashes.
import { describe, expect, it } from 'vitest'
import { startTestApp } from '../../support/app'
import {
  createCareTeam,
  createClinic,
  createClinician,
  exchangeLink,
  linkParts,
  PASSWORD,
  scheduleSession,
  signIn,
} from '../../support/people'
import { placesHolding } from '../../support/secrets'

describe('secrets at rest', () => {
  it('stores no password, cookie secret or link secret in any table', async () => {
    const t = await startTestApp()
    const clinicId = (await createClinic(t)).id
    const gp = await createClinician(t, clinicId)
    const patientId = (await createCareTeam(t, clinicId, [gp])).id
    const gpCookie = await signIn(t, gp)
    const { session, links } = await scheduleSession(t, gpCookie, {
      patientId,
      invitePatient: true,
      partner: { displayName: 'Kim', email: 'kim@example.org' },
      specialists: [{ displayName: 'Dr Vidal', email: 'v@x.example', discipline: 'urology' }],
    })
    const link = (role: string) => links.find((l) => l.role === role)!
    const renewed = await t.request(
      `/api/sessions/${session.id}/participants/${link('partner').participantId}/invitation`,
      { method: 'POST', cookie: gpCookie }
    )
    expect(renewed.status).toBe(201)
    const renewedUrl = ((await renewed.json()) as { url: string }).url
    const guestCookies = [
      await exchangeLink(t, link('patient').url, '1985-06-01'),
      await exchangeLink(t, link('specialist').url),
    ]
    const secrets = [
      PASSWORD,
      gpCookie.split('=')[1]!,
      ...guestCookies.map((c) => c.split('=')[1]!),
      ...[...links.map((l) => l.url), renewedUrl].map((u) => linkParts(u).secret),
    ]
    expect(secrets.every((s) => s.length >= 20)).toBe(true)
    expect(await placesHolding(t, secrets)).toEqual([])
  })
})
