// The web edges: writes only from PUBLIC_URL's origin, a CSP that lets the browser reach the configured LiveKit
// and nothing else, HSTS only over https, and a missing asset answered 404 (never index.html cached for a year).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../server/app'
import { startTestApp, type TestApp } from '../../support/app'
import { createClinic, createClinician, signIn } from '../../support/people'

let t: TestApp
let cookie: string
let webDir: string

beforeAll(async () => {
  t = await startTestApp({ publicUrl: 'https://care.example.org' }, { livekit: true })
  cookie = await signIn(t, await createClinician(t, (await createClinic(t)).id))
  webDir = await mkdtemp(path.join(tmpdir(), 'careteam-web-'))
  await mkdir(path.join(webDir, 'assets'))
  await writeFile(path.join(webDir, 'index.html'), '<!doctype html><title>app</title>')
  await writeFile(path.join(webDir, 'assets', 'main-abc123.js'), 'console.log(1)')
})
afterAll(() => rm(webDir, { recursive: true, force: true }))

const signOut = (headers: Record<string, string>) =>
  t.request('http://care.example.org/api/auth/sign-out', { method: 'POST', cookie, headers })

describe('web edges', () => {
  it('refuses a write whose Origin matches a forged Host instead of PUBLIC_URL', async () => {
    const forged = await t.app.request('http://evil.example/api/auth/sign-out', {
      method: 'POST',
      headers: { cookie, host: 'evil.example', origin: 'http://evil.example' },
    })
    expect(forged.status).toBe(403)
    expect(await forged.json()).toEqual({
      error: { code: 'not_allowed', message: expect.any(String) },
    })
    expect((await t.request('/api/me', { cookie })).status).toBe(200)
    expect((await signOut({ origin: 'https://care.example.org' })).status).toBe(204)
  })

  it('lets the browser open sockets to the configured LiveKit only', async () => {
    const csp = (await t.request('/healthz')).headers.get('content-security-policy') ?? ''
    const connect = /connect-src ([^;]*)/.exec(csp)?.[1]?.split(' ') ?? []
    const livekit = new URL(t.deps.livekit!.url)
    expect(connect).toEqual(["'self'", `ws://${livekit.host}`, `http://${livekit.host}`])
  })

  it('sends HSTS over https only', async () => {
    expect((await t.request('/healthz')).headers.get('strict-transport-security')).toMatch(
      /max-age=\d+/
    )
    const plain = await startTestApp({ publicUrl: 'http://localhost:3000' })
    expect((await plain.request('/healthz')).headers.get('strict-transport-security')).toBeNull()
  })

  it('answers a missing asset with 404, not a cached index.html', async () => {
    const web = createApp(t.deps, { webRoot: webDir })
    const found = await web.request('/assets/main-abc123.js')
    expect(found.status).toBe(200)
    expect(found.headers.get('cache-control')).toMatch(/immutable/)
    const missing = await web.request('/assets/main-old999.js')
    expect(missing.status).toBe(404)
    expect(missing.headers.get('cache-control') ?? '').not.toMatch(/immutable|max-age=31536000/)
    expect(await missing.text()).not.toContain('<!doctype html>')
    // The client router still gets index.html for its own paths.
    expect(await (await web.request('/sessions/123')).text()).toContain('<title>app</title>')
  })
})
