// Attempt limits under bursts of parallel requests, and lockouts that stay on the attacker's network.
import { beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../support/app'
import {
  auditActions,
  createCareTeam,
  createClinic,
  createClinician,
  linkParts,
  PASSWORD,
  scheduleSession,
  signIn,
} from '../../support/people'

let t: TestApp
let clinicId: string
let hostCookie: string
let patientId: string
const DOB = '1985-06-01'
const ATTACKER = '203.0.113.7'
const HOME = '198.51.100.20'

beforeAll(async () => {
  // Behind our own proxy, so each request can say which address it comes from.
  t = await startTestApp({ trustProxy: true })
  clinicId = (await createClinic(t)).id
  const gp = await createClinician(t, clinicId)
  patientId = (await createCareTeam(t, clinicId, [gp])).id
  hostCookie = await signIn(t, gp)
})

const from = (ip: string) => ({ 'x-forwarded-for': ip })
const signInFrom = (ip: string, email: string, password: string) =>
  t.request('/api/auth/sign-in', { method: 'POST', headers: from(ip), json: { email, password } })
const exchangeFrom = (ip: string, body: Record<string, unknown>) =>
  t.request('/api/invitations/exchange', { method: 'POST', headers: from(ip), json: body })
const statuses = async (answers: Promise<Response>[]) => {
  const all = await Promise.all(answers)
  const count = (status: number) => all.filter((r) => r.status === status).length
  return { checked: count(401) + count(409), limited: count(429), total: all.length }
}
const patientLink = async () => {
  const { links } = await scheduleSession(t, hostCookie, { patientId, invitePatient: true })
  return linkParts(links.find((l) => l.role === 'patient')!.url)
}

describe('sign-in limits', () => {
  it('checks exactly 5 of 24 parallel wrong passwords for one account', async () => {
    const target = await createClinician(t, clinicId)
    const answers = Array.from({ length: 24 }, (_, i) =>
      signInFrom(ATTACKER, target.email, `guess-${i}-wrong`)
    )
    expect(await statuses(answers)).toEqual({ checked: 5, limited: 19, total: 24 })
    const failed = (await auditActions(t, target.id)).filter(
      (a) => a.action === 'auth.sign_in_failed'
    )
    expect(failed).toHaveLength(5)
  })

  it('checks exactly 30 of 45 parallel attempts from one address', async () => {
    const ip = '192.0.2.45'
    const answers = Array.from({ length: 45 }, (_, i) =>
      signInFrom(ip, `nobody-${i}@test.clinic`, 'wrong-password')
    )
    expect(await statuses(answers)).toEqual({ checked: 30, limited: 15, total: 45 })
  })

  it('does not lock the account out on another network, nor count a different spelling apart', async () => {
    const target = await createClinician(t, clinicId)
    for (let i = 0; i < 5; i++)
      expect((await signInFrom(ATTACKER, target.email, `guess-${i}-wrong`)).status).toBe(401)
    expect(
      (await signInFrom('203.0.113.99', target.email.toUpperCase(), PASSWORD)).status,
      'the same /24 network is still limited, whatever the spelling'
    ).toBe(429)
    expect((await signInFrom(HOME, target.email, PASSWORD)).status).toBe(200)
  })
})

describe('date-of-birth limits on a patient link', () => {
  it('checks exactly 5 of 24 parallel wrong dates of birth', async () => {
    const link = await patientLink()
    const answers = Array.from({ length: 24 }, (_, i) =>
      exchangeFrom(ATTACKER, { ...link, dateOfBirth: `1990-01-${String(i + 1).padStart(2, '0')}` })
    )
    expect(await statuses(answers)).toEqual({ checked: 5, limited: 19, total: 24 })
    const mismatches = (await auditActions(t, link.sessionId)).filter(
      (a) => a.detail.reason === 'date_of_birth_mismatch'
    )
    expect(mismatches).toHaveLength(5)
  })

  it('lets the patient in from home after wrong dates from elsewhere', async () => {
    const link = await patientLink()
    for (let i = 0; i < 5; i++)
      expect(
        (await exchangeFrom(ATTACKER, { ...link, dateOfBirth: `1990-02-0${i + 1}` })).status
      ).toBe(409)
    expect((await exchangeFrom(ATTACKER, { ...link, dateOfBirth: DOB })).status).toBe(429)
    expect((await exchangeFrom(HOME, { ...link, dateOfBirth: DOB })).status).toBe(200)
  })
})
