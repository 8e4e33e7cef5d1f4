// Care-plan collaboration for tests: the real app with its document socket on a real HTTP server, and Node clients
// (the same Hocuspocus provider the browser uses) that send a person's cookie and Origin.
import { spawn } from 'node:child_process'
import { type AddressInfo, createServer } from 'node:net'
import { serve } from '@hono/node-server'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { documentName, type PlanPart } from '../../shared/careplan'
import { createApp } from '../../server/app'
import { createCollaboration } from '../../server/careplan/collaboration'
import type { Deps } from '../../server/deps'
import type { TestApp } from './app'
import { acknowledge, exchangeLink, giveJointConsent, scheduleSession } from './people'

export type CollabServer = {
  url: string
  origin: string
  collaboration: ReturnType<typeof createCollaboration>
  stop: () => Promise<void>
}

export async function startCollabServer(deps: Deps): Promise<CollabServer> {
  const collaboration = createCollaboration(deps)
  const app = createApp(deps, { collaboration })
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve(
      {
        fetch: app.fetch,
        port: 0,
        hostname: '127.0.0.1',
        websocket: { server: collaboration.wss },
      },
      () => resolve(s)
    )
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `ws://127.0.0.1:${port}/api/careplan/socket`,
    origin: `http://127.0.0.1:${port}`,
    collaboration,
    stop: async () => {
      await collaboration.stop()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
}

/** A WebSocket class for the provider that sends this person's cookie and the page's Origin, as a browser would. */
export function socketClass(cookie: string, origin: string) {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie, origin } })
      // The provider drops its own listeners before closing a socket that is still connecting (its connect
      // timeout); ws then reports the close as an 'error' event, which must not go unheard.
      this.on('error', () => undefined)
    }
  }
}

export type PartClient = {
  doc: Y.Doc
  provider: HocuspocusProvider
  socket: HocuspocusProviderWebsocket
  /** Close reasons and permission denials received, in order. */
  closed: string[]
  denied: string[]
  destroy: () => void
}

/** Opens one plan part as one person. */
export function openPart(
  url: string,
  origin: string,
  cookie: string,
  patientId: string,
  part: PlanPart,
  sessionId?: string,
  socket?: HocuspocusProviderWebsocket
): PartClient {
  const ws =
    socket ??
    new HocuspocusProviderWebsocket({
      url,
      WebSocketPolyfill: socketClass(cookie, origin),
      // Reconnect quickly in tests that restart the server.
      delay: 100,
      maxDelay: 500,
      minDelay: 100,
      factor: 1.5,
    })
  const doc = new Y.Doc()
  const closed: string[] = []
  const denied: string[] = []
  const provider = new HocuspocusProvider({
    websocketProvider: ws,
    name: documentName(patientId, part),
    document: doc,
    token: sessionId ?? '',
    onClose: ({ event }) => {
      if (event.reason) closed.push(event.reason)
    },
    onAuthenticationFailed: ({ reason }) => denied.push(reason),
  })
  provider.attach()
  return {
    doc,
    provider,
    socket: ws,
    closed,
    denied,
    destroy: () => {
      provider.destroy()
      if (!socket) ws.destroy()
    },
  }
}

/** Polls until the check passes (tests wait by polling, never by fixed sleeps alone). */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 15_000) {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`timed out waiting for ${what}`)
}

export const synced = (c: PartClient) =>
  until(() => c.provider.isSynced, `${c.provider.configuration.name} to sync`)

/** The test database's URL as the app's own role sees it (as startTestApp connects). */
export function appDatabaseUrl(
  adminUrl: string,
  appUser: { user: string; password: string } | null,
  databaseName: string
) {
  const u = new URL(adminUrl)
  u.pathname = `/${databaseName}`
  if (appUser) {
    u.username = appUser.user
    u.password = appUser.password
  }
  return u.toString()
}

export type ServerProcess = { stop: () => Promise<void>; kill: () => Promise<void> }

/** Starts tests/support/careplan-server.ts and waits for it to listen. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/careplan-server.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve())
    child.once('exit', (code) => reject(new Error(`the care-plan server exited with ${code}`)))
  })
  return {
    stop: async () => {
      child.kill('SIGTERM')
      await exited
    },
    kill: async () => {
      child.kill('SIGKILL')
      await exited
    },
  }
}

/** A free loopback port, to start a server on the same port again after killing it. */
export async function freePort(): Promise<number> {
  const s = createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()))
  const { port } = s.address() as AddressInfo
  await new Promise<void>((r) => s.close(() => r()))
  return port
}

/**
 * A live session of the patient's with the host (cookie), the patient and a partner admitted, the partner shown
 * sexual-health history and medications only.
 */
export async function startLiveSession(t: TestApp, hostCookie: string, patientId: string) {
  const post = (path: string, cookie: string, json?: unknown) =>
    t.request(path, { method: 'POST', cookie, json })
  const { session, links } = await scheduleSession(t, hostCookie, {
    patientId,
    clinicianIds: [],
    invitePatient: true,
    partner: { displayName: 'Kim', email: null },
  })
  const link = (role: string) => links.find((l) => l.role === role)!
  const patient = {
    id: link('patient').participantId,
    cookie: await exchangeLink(t, link('patient').url, '1985-06-01'),
  }
  const partner = {
    id: link('partner').participantId,
    cookie: await exchangeLink(t, link('partner').url),
  }
  await post(`/api/sessions/${session.id}/arrival`, hostCookie)
  for (const p of [patient, partner]) await post(`/api/sessions/${session.id}/arrival`, p.cookie)
  await giveJointConsent(t, session.id, patient.cookie, [
    { participantId: partner.id, categories: ['sexual_health_history', 'medications'] },
  ])
  await acknowledge(t, session.id, partner.cookie)
  for (const p of [patient, partner]) {
    const admitted = await post(`/api/sessions/${session.id}/admissions`, hostCookie, {
      participantId: p.id,
    })
    if (admitted.status !== 204) throw new Error(`admitting failed with ${admitted.status}`)
  }
  return { session, patient, partner }
}
