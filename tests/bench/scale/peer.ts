// The scale benchmark's peer: a bare Hono SSE fan-out (no database, no auth): `GET /events/:topic` subscribes,
// `POST /publish/:topic` writes one event to that topic's streams. Shaped like the app's stream handler (a queue
// and a wake-up per stream, the same heartbeat period), indexed by topic. Run as a child: PORT in the environment,
// prints "ready" on stdout.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'

type Subscriber = (data: string) => void
const topics = new Map<string, Set<Subscriber>>()
const HEARTBEAT_MS = 20_000

const app = new Hono()
  .get('/events/:topic', (c) => {
    const topic = c.req.param('topic')
    return streamSSE(c, async (stream) => {
      const queue: string[] = []
      let wake: (() => void) | undefined
      const subscriber: Subscriber = (data) => {
        queue.push(data)
        wake?.()
      }
      const set = topics.get(topic) ?? new Set()
      topics.set(topic, set.add(subscriber))
      stream.onAbort(() => {
        set.delete(subscriber)
        wake?.()
      })
      await stream.writeSSE({ event: 'ready', data: '{}' })
      while (!stream.aborted) {
        const data = queue.shift()
        if (data) {
          await stream.writeSSE({ event: 'message', data })
          continue
        }
        await new Promise<void>((resolve) => {
          wake = resolve
          setTimeout(resolve, HEARTBEAT_MS)
        })
        wake = undefined
        if (queue.length === 0 && !stream.aborted) await stream.write(': heartbeat\n\n')
      }
      set.delete(subscriber)
    })
  })
  .post('/publish/:topic', (c) => {
    const topic = c.req.param('topic')
    const data = JSON.stringify({ type: 'lobby.changed', sessionId: topic })
    for (const subscriber of topics.get(topic) ?? []) subscriber(data)
    return c.body(null, 204)
  })

const server = serve(
  { fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' },
  () => process.stdout.write('ready\n')
)
process.on('SIGTERM', () => server.close(() => process.exit(0)))
