import { Hono } from 'hono'
import * as attendance from '../attendance/service'
import type { AppEnv, Deps } from '../deps'

export function livekitRoutes(deps: Deps) {
  return new Hono<AppEnv>().post('/livekit/webhook', async (c) => {
    // The signature covers the exact bytes sent, so the raw text is verified before anything parses it.
    await attendance.receiveWebhook(deps, await c.req.text(), c.req.header('Authorization'))
    return c.json({ received: true })
  })
}
