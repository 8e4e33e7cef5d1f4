// Test helpers that speak LiveKit's formats without its SDK: decoding tokens, signing webhooks as livekit-server does.
import { createHash, createHmac } from 'node:crypto'

export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url')

/** An HS256 JWT whose sha256 claim is the base64 SHA-256 of the body. */
export function signWebhook(
  body: string,
  opts: { key: string; secret: string; expiresInSeconds?: number }
) {
  const now = Math.floor(Date.now() / 1000)
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))
  const payload = base64url(
    JSON.stringify({
      iss: opts.key,
      nbf: now - 60,
      exp: now + (opts.expiresInSeconds ?? 300),
      sha256: createHash('sha256').update(body).digest('base64'),
    })
  )
  const signature = createHmac('sha256', opts.secret)
    .update(`${header}.${payload}`)
    .digest('base64url')
  return `${header}.${payload}.${signature}`
}

/** A webhook body in the shape livekit-server sends (protobuf JSON: createdAt as a string of seconds). */
export function webhookBody(e: {
  id: string
  event: string
  room: string
  identity?: string
  at: Date
}) {
  return JSON.stringify({
    id: e.id,
    event: e.event,
    createdAt: String(Math.floor(e.at.getTime() / 1000)),
    room: { name: e.room, sid: 'RM_test' },
    ...(e.identity ? { participant: { identity: e.identity, sid: 'PA_test' } } : {}),
  })
}

/**
 * A client that opens LiveKit's signalling socket with a token and never answers the SDP offer: the shape of an
 * attacker who wants to sit in a room, see who is there and collect refreshed tokens without sending media.
 */
export async function openSignallingOnly(url: string, token: string) {
  const { WebSocket } = await import('ws')
  const u = new URL('/rtc', url.replace(/^http/, 'ws'))
  u.searchParams.set('access_token', token)
  u.searchParams.set('protocol', '15')
  u.searchParams.set('sdk', 'js')
  u.searchParams.set('version', '2.23.0')
  u.searchParams.set('auto_subscribe', '1')
  const ws = new WebSocket(u)
  const state = { open: false, closed: false, messages: 0 }
  ws.on('message', () => state.messages++)
  ws.on('close', () => (state.closed = true))
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => {
      state.open = true
      resolve()
    })
    ws.once('unexpected-response', (_req, res) =>
      reject(new Error(`LiveKit refused the signalling connection: ${res.statusCode}`))
    )
    ws.once('error', reject)
  })
  return { state, close: () => ws.close() }
}
