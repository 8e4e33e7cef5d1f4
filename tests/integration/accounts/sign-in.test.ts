import { beforeAll, describe, expect, it } from 'vitest'
import { Me } from '../../../shared/accounts'
import { startTestApp, type TestApp } from '../../support/app'
import {
  auditActions,
  createClinic,
  createClinician,
  PASSWORD,
  signIn,
  type TestClinician,
} from '../../support/people'

let t: TestApp
let clinicId: string
let clinician: TestClinician

beforeAll(async () => {
  t = await startTestApp()
  clinicId = (await createClinic(t)).id
  clinician = await createClinician(t, clinicId, { discipline: 'urology' })
})

describe('signing in', () => {
  it('signs a clinician in with an HttpOnly SameSite cookie and records it', async () => {
    const res = await t.request('/api/auth/sign-in', {
      method: 'POST',
      json: { email: clinician.email.toUpperCase(), password: PASSWORD },
    })
    expect(res.status).toBe(200)
    expect(Me.parse(await res.json()).clinician).toMatchObject({
      id: clinician.id,
      discipline: 'urology',
    })
    const cookie = res.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^sid=[A-Za-z0-9_-]{40,};/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect((await auditActions(t, clinician.id)).map((a) => a.action)).toContain('auth.signed_in')
  })

  it('stores only a hash of the session secret', async () => {
    const cookie = await signIn(t, clinician)
    const secret = cookie.split('=')[1]!
    const rows = await t.owner
      .sql`select token_hash from auth_sessions where token_hash = ${secret}`
    expect(rows).toHaveLength(0)
    const me = await t.request('/api/me', { cookie })
    expect(me.status).toBe(200)
  })

  it('answers a wrong password and an unknown email alike, and audits both', async () => {
    const other = await createClinician(t, clinicId)
    const wrong = await t.request('/api/auth/sign-in', {
      method: 'POST',
      json: { email: other.email, password: 'nope-nope-nope' },
    })
    const unknown = await t.request('/api/auth/sign-in', {
      method: 'POST',
      json: { email: 'nobody@test.clinic', password: 'nope-nope-nope' },
    })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(await wrong.json()).toEqual(await unknown.json())
    const failed = (await auditActions(t)).filter((a) => a.action === 'auth.sign_in_failed')
    expect(failed.map((a) => a.detail.reason)).toEqual(
      expect.arrayContaining(['wrong_password', 'unknown_email'])
    )
    expect(JSON.stringify(failed)).not.toContain('nope-nope-nope')
  })

  it('refuses a deactivated account', async () => {
    const gone = await createClinician(t, clinicId, { active: false })
    const res = await t.request('/api/auth/sign-in', {
      method: 'POST',
      json: { email: gone.email, password: PASSWORD },
    })
    expect(res.status).toBe(401)
  })

  it('limits repeated failed attempts with a clear message and Retry-After', async () => {
    const target = await createClinician(t, clinicId)
    for (let i = 0; i < 5; i++) {
      const res = await t.request('/api/auth/sign-in', {
        method: 'POST',
        json: { email: target.email, password: `guess-${i}` },
      })
      expect(res.status).toBe(401)
    }
    // Even the right password is refused while the limit holds.
    const limited = await t.request('/api/auth/sign-in', {
      method: 'POST',
      json: { email: target.email, password: PASSWORD },
    })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('900')
    expect(await limited.json()).toEqual({
      error: { code: 'rate_limited', message: expect.stringMatching(/wait 15 minutes/) },
    })
  })

  it('rejects malformed input with 400 and a message', async () => {
    const res = await t.request('/api/auth/sign-in', {
      method: 'POST',
      json: { email: 'not-an-email', password: 'x' },
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: { code: 'invalid_input', message: expect.stringMatching(/email/i) },
    })
  })
})

describe('signing out and session lifetime', () => {
  it('signs out: the cookie no longer works, and the sign-out is audited', async () => {
    const cookie = await signIn(t, clinician)
    const out = await t.request('/api/auth/sign-out', { method: 'POST', cookie })
    expect(out.status).toBe(204)
    expect((await t.request('/api/me', { cookie })).status).toBe(401)
    expect((await auditActions(t, clinician.id)).map((a) => a.action)).toContain('auth.signed_out')
  })

  it('logs off after the idle timeout', async () => {
    const cookie = await signIn(t, clinician)
    const realClock = t.deps.clock
    try {
      t.deps.clock = () => new Date(Date.now() + t.deps.config.idleTimeoutSeconds * 1000 + 1000)
      const res = await t.request('/api/me', { cookie })
      expect(res.status).toBe(401)
      expect(await res.json()).toEqual({
        error: { code: 'unauthenticated', message: expect.any(String) },
      })
    } finally {
      t.deps.clock = realClock
    }
    expect((await t.request('/api/me', { cookie })).status).toBe(401)
    const ended = (await auditActions(t, clinician.id)).filter(
      (a) => a.action === 'auth.session_ended'
    )
    expect(ended.map((a) => a.detail.reason)).toContain('idle')
  })

  it('keeps a session alive while it is used, but not past its absolute lifetime', async () => {
    const cookie = await signIn(t, clinician)
    const realClock = t.deps.clock
    try {
      const halfIdle = (t.deps.config.idleTimeoutSeconds * 1000) / 2
      let offset = 0
      t.deps.clock = () => new Date(Date.now() + offset)
      for (let i = 0; i < 3; i++) {
        offset += halfIdle
        expect((await t.request('/api/me', { cookie })).status).toBe(200)
      }
      offset = t.deps.config.sessionMaxSeconds * 1000 + 1000
      expect((await t.request('/api/me', { cookie })).status).toBe(401)
    } finally {
      t.deps.clock = realClock
    }
  })
})
