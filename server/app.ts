// Builds the Hono app from its dependencies. main.ts and the tests build the same app with real dependencies.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
// Every server (main.ts, the compiled build, the tests) builds this app: its 400s are worded in classic zod's English.
import '../shared/zod-messages'
import { accountsRoutes } from './accounts/routes'
import { admissionRoutes } from './admission/routes'
import { attendanceRoutes } from './attendance/routes'
import type { Collaboration } from './careplan/collaboration'
import { careplanRoutes } from './careplan/routes'
import { clinicRoutes } from './clinic/routes'
import { consentRoutes } from './consent/routes'
import type { AppEnv, Deps } from './deps'
import { healthRoutes } from './health/routes'
import { resolveActor } from './http/actor'
import { actorFromCookies } from './identity/resolve'
import { requestDeadline } from './http/deadline'
import { notFoundJson, onError } from './http/errors'
import { limitBody, noStore, requestId, sameOrigin, securityHeaders } from './http/security'
import { livekitRoutes } from './livekit/routes'
import { outcomesRoutes, submissionRoutes } from './outcomes/routes'
import { patientsRoutes } from './patients/routes'
import { realtimeRoutes } from './realtime/routes'
import { sessionsRoutes } from './sessions/routes'

/** Past this, an API request is answered 503 + Retry-After (longer than one statement may run, see db/client.ts). */
const REQUEST_DEADLINE_MS = 10_000

export const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/web')

/** `collaboration`: the care-plan document socket, mounted when the app runs on a real HTTP server. `webRoot`:
 * where the built client is (tests point it elsewhere). */
export function createApp(
  deps: Deps,
  opts: { collaboration?: Collaboration; webRoot?: string } = {}
) {
  const app = new Hono<AppEnv>()
  app.use(
    '*',
    requestId(),
    securityHeaders({ publicUrl: deps.config.publicUrl, livekitUrl: deps.livekit?.url })
  )
  app.onError(onError(deps.log))
  app.route('/', healthRoutes(deps))

  const api = new Hono<AppEnv>()
  api.use(
    '*',
    noStore(),
    requestDeadline(REQUEST_DEADLINE_MS),
    limitBody(),
    sameOrigin(deps.config.publicUrl)
  )
  // Two API routes come before the caller is named: the webhook, signed by LiveKit and carrying no cookie, and the
  // questionnaire submission, which checks its sender inside its own transaction (outcomes/routes.ts).
  api.route('/', livekitRoutes(deps))
  api.route('/', submissionRoutes(deps))
  api.use(
    '*',
    resolveActor(deps.config, (cookies, ip) => actorFromCookies(deps, cookies, ip))
  )
  api.route('/', accountsRoutes(deps))
  api.route('/', patientsRoutes(deps))
  api.route('/', sessionsRoutes(deps))
  api.route('/', admissionRoutes(deps))
  api.route('/', attendanceRoutes(deps))
  api.route('/', consentRoutes(deps))
  api.route('/', outcomesRoutes(deps))
  api.route('/', realtimeRoutes(deps))
  api.route('/', clinicRoutes(deps))
  api.route('/', careplanRoutes(deps, opts.collaboration))
  app.route('/api', api)
  // Unknown API paths answer in JSON, never with the web client's index.html.
  app.all('/api/*', notFoundJson)
  app.notFound(notFoundJson)

  const root = opts.webRoot ?? webRoot
  if (existsSync(root)) serveWeb(app, root)
  return app
}

// The built client: hashed assets cached forever, every other path gets index.html for the client router.
function serveWeb(app: Hono<AppEnv>, webDir: string) {
  const root = path.relative(process.cwd(), webDir)
  app.use('/assets/*', async (c, next) => {
    await next()
    if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable')
  })
  app.use('*', serveStatic({ root }))
  // A missing asset (a page from an older build asking for a file this build replaced) is a 404, never
  // index.html that a cache would keep for a year as that file.
  app.all('/assets/*', notFoundJson)
  app.get('*', serveStatic({ root, path: 'index.html' }))
}
