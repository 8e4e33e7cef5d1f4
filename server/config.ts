// Environment, validated once at start. Each mistake gets its own line naming the variable and the fix.
import path from 'node:path'
import * as z from 'zod'

const port = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535')

const minutes = z.coerce
  .number({ message: 'must be a number of minutes' })
  .int()
  .positive('must be positive')

const url = (what: string, protocols: string[]) =>
  z.url({ message: `must be a full URL, e.g. ${what}` }).refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol)
      } catch {
        return true // already reported as not a URL
      }
    },
    `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`
  )

const Env = z
  .object({
    PORT: port.default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().min(1).default('.data'),
    DATABASE_URL: url('postgres://app:secret@db:5432/careteam', [
      'postgres:',
      'postgresql:',
    ]).optional(),
    LIVEKIT_URL: url('ws://127.0.0.1:7880', ['ws:', 'wss:', 'http:', 'https:']).optional(),
    LIVEKIT_API_KEY: z.string().min(3, 'must be at least 3 characters').optional(),
    LIVEKIT_API_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    PUBLIC_URL: url('https://care.example.org', ['http:', 'https:']).optional(),
    IDLE_TIMEOUT_MINUTES: minutes.default(15),
    SESSION_MAX_HOURS: z.coerce.number().int().positive('must be positive').default(12),
    SEED_DEMO: z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    TRUST_PROXY: z.enum(['true', 'false'], { message: 'must be true or false' }).default('false'),
    REDIS_URL: url('redis://redis:6379', ['redis:', 'rediss:']).optional(),
    CLINIC_NAME: z.string().max(120).default('Your clinic'),
    CLINIC_PHONE: z.string().max(40).optional(),
    CLINIC_EMAIL: z.email('must be an email address').optional(),
  })
  .superRefine((env, ctx) => {
    const lk = [env.LIVEKIT_URL, env.LIVEKIT_API_KEY, env.LIVEKIT_API_SECRET]
    const given = lk.filter((v) => v !== undefined).length
    if (given > 0 && given < 3) {
      ctx.addIssue({
        code: 'custom',
        path: ['LIVEKIT_URL'],
        message:
          'goes together with LIVEKIT_API_KEY and LIVEKIT_API_SECRET: set all three, or none to start a local LiveKit',
      })
    }
  })

export type Config = {
  port: number
  host: string
  dataDir: string
  databaseUrl: string | undefined
  livekit: { url: string; apiKey: string; apiSecret: string } | undefined
  publicUrl: string
  idleTimeoutSeconds: number
  sessionMaxSeconds: number
  seedDemo: boolean
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent'
  secureCookies: boolean
  /**
   * Requests arrive through our own reverse proxy, which appends the address it saw to X-Forwarded-For: the client's
   * address is that header's right-most entry (the entries left of it are whatever the client sent).
   */
  trustProxy: boolean
  /** Care-plan documents fan out across app instances through this Redis; unset, one instance serves them. */
  redisUrl: string | undefined
  /** Shown where a visit ends (session over, removed, declined), so people know whom to call. */
  clinic: { name: string; phone: string | null; email: string | null }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset, as a shell `FOO= npm start` means.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== '')
  )
  const parsed = Env.safeParse(cleaned)
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${String(i.path[0] ?? 'environment')} ${i.message}`)
    )
  }
  const e = parsed.data
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '')
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    livekit:
      e.LIVEKIT_URL && e.LIVEKIT_API_KEY && e.LIVEKIT_API_SECRET
        ? { url: e.LIVEKIT_URL, apiKey: e.LIVEKIT_API_KEY, apiSecret: e.LIVEKIT_API_SECRET }
        : undefined,
    publicUrl,
    idleTimeoutSeconds: e.IDLE_TIMEOUT_MINUTES * 60,
    sessionMaxSeconds: e.SESSION_MAX_HOURS * 3600,
    // Demo people have published passwords: seeded by default only into the embedded database.
    seedDemo: e.SEED_DEMO ? e.SEED_DEMO === 'true' : !e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    secureCookies: publicUrl.startsWith('https:'),
    trustProxy: e.TRUST_PROXY === 'true',
    redisUrl: e.REDIS_URL,
    clinic: { name: e.CLINIC_NAME, phone: e.CLINIC_PHONE ?? null, email: e.CLINIC_EMAIL ?? null },
  }
}
