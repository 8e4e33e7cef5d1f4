import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../../server/config'

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
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, livekit: undefined, idleTimeoutSeconds: 900, seedDemo: true, secureCookies: false })
    expect(config.publicUrl).toBe('http://localhost:3000')
  })

  it.each([
    [{ PORT: 'eighty' }, /^PORT must be a number/],
    [{ PORT: '70000' }, /^PORT must be between 1 and 65535/],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//],
    [{ LIVEKIT_URL: 'ws://127.0.0.1:7880' }, /^LIVEKIT_URL goes together with LIVEKIT_API_KEY and LIVEKIT_API_SECRET/],
    [{ LIVEKIT_URL: 'ws://lk:7880', LIVEKIT_API_KEY: 'key', LIVEKIT_API_SECRET: 'short' }, /^LIVEKIT_API_SECRET must be at least 32 characters/],
    [{ PUBLIC_URL: 'care.example.org' }, /^PUBLIC_URL must be a full URL/],
    [{ IDLE_TIMEOUT_MINUTES: '0' }, /^IDLE_TIMEOUT_MINUTES must be positive/],
  ])('names the variable and the fix for %j', (env, message) => {
    expect(problems(env as Record<string, string>)).toEqual([expect.stringMatching(message)])
  })

  it('reports every mistake at once', () => {
    expect(problems({ PORT: 'x', PUBLIC_URL: 'y' })).toHaveLength(2)
  })

  it('uses secure cookies behind an https public URL, and seeds no demo people into a given database', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://care.example.org/', DATABASE_URL: 'postgres://u:p@db/care' })
    expect(config).toMatchObject({ publicUrl: 'https://care.example.org', secureCookies: true, seedDemo: false })
  })
})
