import { beforeAll, describe, expect, it } from 'vitest'
import { Readiness } from '../../../shared/health'
import { startTestApp, type TestApp } from '../../support/app'
import { createClinic, createClinician, signIn } from '../../support/people'

let t: TestApp
let cookie: string

beforeAll(async () => {
  t = await startTestApp()
  cookie = await signIn(t, await createClinician(t, (await createClinic(t)).id, { role: 'admin' }))
})

describe('the edges of the API', () => {
  it('answers unknown API paths with the JSON error shape', async () => {
    const res = await t.request('/api/nothing-here', { cookie })
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } })
  })

  it('answers a body that is not JSON with 400', async () => {
    const res = await t.request('/api/auth/sign-in', {
      method: 'POST',
      body: '{"email":',
      headers: { 'content-type': 'application/json' },
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: { code: 'invalid_input', message: expect.any(String) },
    })
  })

  it('refuses an oversized body with 413 before reading it', async () => {
    const res = await t.request('/api/auth/sign-in', {
      method: 'POST',
      body: JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(200_000) }),
      headers: { 'content-type': 'application/json' },
    })
    expect(res.status).toBe(413)
    expect(await res.json()).toEqual({
      error: { code: 'payload_too_large', message: expect.any(String) },
    })
  })

  it('refuses state changes sent from another site', async () => {
    const res = await t.request('/api/auth/sign-out', {
      method: 'POST',
      cookie,
      headers: { origin: 'https://evil.example' },
    })
    expect(res.status).toBe(403)
    expect((await t.request('/api/me', { cookie })).status).toBe(200)
  })

  it('sends security headers and never lets health data be cached', async () => {
    const res = await t.request('/api/me', { cookie })
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/)
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.get('cache-control')).toBe('no-store')
  })

  it('reports liveness and readiness per component', async () => {
    expect((await t.request('/healthz')).status).toBe(200)
    const ready = await t.request('/readyz')
    expect(ready.status).toBe(200)
    const body = Readiness.parse(await ready.json())
    expect(body.database.ok).toBe(true)
    expect(body.livekit).toEqual({ ok: false, detail: expect.stringMatching(/not configured/) })
  })
})
