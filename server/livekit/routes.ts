import { Hono } from 'hono'
import type { AppEnv, Deps } from '../deps'
import { unauthenticated, unavailable } from '../http/errors'

export function livekitRoutes(deps: Deps) {
  return new Hono<AppEnv>().post('/livekit/webhook', async (c) => {
    const livekit = deps.livekit
    if (!livekit) throw unavailable('Video is not configured on this server.')
    // The signature covers the exact bytes sent, so verify the raw text before anything parses it.
    const body = await c.req.text()
    try {
      await livekit.receiveWebhook(body, c.req.header('Authorization'))
    } catch {
      throw unauthenticated('The webhook signature is not valid.')
    }
    // TODO(#4): record attendance (dedupe on event id; reconcile with listParticipants).
    return c.json({ received: true })
  })
}
