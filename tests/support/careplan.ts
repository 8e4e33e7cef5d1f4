// Care-plan collaboration for tests: the real app with its document socket on a real HTTP server, and Node clients
// (the same Hocuspocus provider the browser uses) that send a person's cookie and Origin.
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { documentName, type PlanPart } from '../../shared/careplan'
import { createApp } from '../../server/app'
import { createCollaboration } from '../../server/careplan/collaboration'
import type { Deps } from '../../server/deps'

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
