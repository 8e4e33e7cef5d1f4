import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../../server/config'
import { clientIp } from '../../../server/http/actor'

function problems(env: Record<string, string>) {
  try {
    loadConfig(env)
  } catch (err) {
    if (err instanceof ConfigError) return err.problems
    throw err
  }
  return []
}

describe('configuration', () => {
  it('starts with embedded defaults when nothing is set', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      livekit: undefined,
      idleTimeoutSeconds: 900,
      seedDemo: true,
      secureCookies: false,
    })
    expect(config.publicUrl).toBe('http://localhost:3000')
  })

  it.each([
    [{ PORT: 'eighty' }, /^PORT must be a number/],
    [{ PORT: '70000' }, /^PORT must be between 1 and 65535/],
    [
      { DATABASE_URL: 'mysql://x' },
      /^DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//,
    ],
    [
      { LIVEKIT_URL: 'ws://127.0.0.1:7880' },
      /^LIVEKIT_URL goes together with LIVEKIT_API_KEY and LIVEKIT_API_SECRET/,
    ],
    [
      { LIVEKIT_URL: 'ws://lk:7880', LIVEKIT_API_KEY: 'key', LIVEKIT_API_SECRET: 'short' },
      /^LIVEKIT_API_SECRET must be at least 32 characters/,
    ],
    [{ PUBLIC_URL: 'care.example.org' }, /^PUBLIC_URL must be a full URL/],
    [{ IDLE_TIMEOUT_MINUTES: '0' }, /^IDLE_TIMEOUT_MINUTES must be positive/],
    [{ TRUST_PROXY: 'yes' }, /^TRUST_PROXY must be true or false/],
  ])('names the variable and the fix for %j', (env, message) => {
    expect(problems(env as Record<string, string>)).toEqual([expect.stringMatching(message)])
  })

  it('reports every mistake at once', () => {
    expect(problems({ PORT: 'x', PUBLIC_URL: 'y' })).toHaveLength(2)
  })

  it('uses secure cookies behind an https public URL, and seeds no demo people into a given database', () => {
    const config = loadConfig({
      PUBLIC_URL: 'https://care.example.org/',
      DATABASE_URL: 'postgres://u:p@db/care',
    })
    expect(config).toMatchObject({
      publicUrl: 'https://care.example.org',
      secureCookies: true,
      seedDemo: false,
    })
  })

  it('trusts no proxy unless TRUST_PROXY=true', () => {
    expect(loadConfig({}).trustProxy).toBe(false)
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false)
    expect(loadConfig({ TRUST_PROXY: '' }).trustProxy).toBe(false)
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true)
  })
})

describe('client address (TRUST_PROXY)', () => {
  const PROXY = '172.18.0.9'
  const request = (forwardedFor?: string) => ({
    env: { incoming: { socket: { remoteAddress: PROXY } } },
    req: {
      header: (name: string) =>
        name.toLowerCase() === 'x-forwarded-for' ? forwardedFor : undefined,
    },
  })
  const behindProxy = loadConfig({ TRUST_PROXY: 'true' })
  const direct = loadConfig({})

  it('takes the right-most X-Forwarded-For entry, the one our proxy added, never a client-supplied one', () => {
    expect(clientIp(request('203.0.113.7'), behindProxy)).toBe('203.0.113.7')
    // The client sent "X-Forwarded-For: 10.0.0.1, 198.51.100.2" itself; the proxy appended what it saw.
    expect(clientIp(request('10.0.0.1, 198.51.100.2, 203.0.113.7'), behindProxy)).toBe(
      '203.0.113.7'
    )
    expect(clientIp(request('10.0.0.1,2001:db8::7'), behindProxy)).toBe('2001:db8::7')
  })

  it('falls back to the connection peer when the proxy added nothing usable', () => {
    expect(clientIp(request(undefined), behindProxy)).toBe(PROXY)
    expect(clientIp(request(''), behindProxy)).toBe(PROXY)
    expect(clientIp(request('203.0.113.7, '), behindProxy)).toBe(PROXY)
    expect(clientIp(request('203.0.113.7, not-an-address'), behindProxy)).toBe(PROXY)
    expect(clientIp(request('203.0.113.7:4711'), behindProxy)).toBe(PROXY)
  })

  it('ignores X-Forwarded-For entirely without TRUST_PROXY', () => {
    expect(clientIp(request('203.0.113.7'), direct)).toBe(PROXY)
    expect(clientIp({ req: request().req }, direct)).toBeNull()
  })
})
