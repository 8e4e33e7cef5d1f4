// A separate app process serving only what a care-plan test needs, so a test can kill it with SIGKILL and start it
// again. Env: DATABASE_URL (the app's role on the test database), PORT, optional REDIS_URL. Prints "ready" once
// listening; SIGTERM is the graceful shutdown (documents stored, sockets closed).
import { serve } from '@hono/node-server'
import { createApp } from '../../server/app'
import { createCollaboration } from '../../server/careplan/collaboration'
import { loadConfig } from '../../server/config'
import { connect } from '../../server/db/client'
import { createDeps, type Deps } from '../../server/deps'
import { createLogger } from '../../server/log'
import { createEventHub } from '../../server/realtime/events'

const config = loadConfig({ ...process.env, DATA_DIR: '/nonexistent', LOG_LEVEL: 'warn' })
const log = createLogger('warn', (line) => process.stderr.write(line + '\n'))
const database = connect(process.env.DATABASE_URL!, { max: 5 })
const events = await createEventHub(database.sql, log)
const deps: Deps = createDeps({
  config,
  db: database.db,
  livekit: undefined,
  events,
  log,
})
const collaboration = createCollaboration(deps)
const app = createApp(deps, { collaboration })
const server = serve(
  {
    fetch: app.fetch,
    port: config.port,
    hostname: '127.0.0.1',
    websocket: { server: collaboration.wss },
  },
  () => process.stdout.write('ready\n')
)
process.on('SIGTERM', () => {
  void (async () => {
    await collaboration.stop()
    server.close()
    await events.close()
    await database.close()
    process.exit(0)
  })()
})
