// The collaboration server: Hocuspocus on the app's own HTTP server (see routes.ts for the upgrade). Every document
// connection is authorised from the caller (named by the cookie at upgrade), the plan part and the consent scope
// before Hocuspocus sends a byte of the document; live changes to consent or admission close what is no longer allowed.
import type { IncomingMessage } from 'node:http'
import {
  type Connection,
  type Document,
  type Extension,
  Hocuspocus,
  type onAuthenticatePayload,
  type onChangePayload,
  type onLoadDocumentPayload,
  type onStoreDocumentPayload,
  type beforeHandleMessagePayload,
  type afterUnloadDocumentPayload,
} from '@hocuspocus/server'
import { WebSocketServer, type WebSocket } from 'ws'
import * as Y from 'yjs'
import { type PlanPart, parseDocumentName } from '../../shared/careplan'
import { Id } from '../../shared/ids'
import type { SessionEvent } from '../../shared/events'
import * as audit from '../audit/service'
import type { Deps } from '../deps'
import type { Actor } from '../identity/actor'
import { planAccess } from './access'
import { DocumentSocket } from './document-socket'
import { createGuard, type Guard, MAX_MESSAGE_BYTES, tooLarge } from './message-guard'
import { type Editor, loadState, storeState } from './persistence'
import { checkPresence } from './presence'
import { redisExtension } from './redis'
import { saveSessionVersion } from './service'

/** What each document connection carries after authorisation. */
type PartContext = {
  actor: Actor
  patientId: string
  part: PlanPart
  sessionId: string | null
  /** The name this caller's presence must carry. */
  presenceName: string
  changed?: boolean
}

export type Collaboration = {
  /** For serve({ websocket: { server } }): upgrades are handled by the app's route, on the app's port. */
  wss: WebSocketServer
  handle: (ws: WebSocket, request: IncomingMessage, actor: Actor) => void
  /** Stores every loaded document of one patient now (or all, without an id). */
  flush: (patientId?: string) => Promise<void>
  stop: () => Promise<void>
}

// Reasons the browser shows in plain words (web/src/careplan).
export const closeReasons = {
  consent_withdrawn: 'consent-withdrawn',
  removed: 'removed',
  stepped_out: 'stepped-out',
  session_ended: 'session-ended',
  not_shared: 'not-shared',
  /** Consent for the part's category was withdrawn (the browser names the category). */
  category_withdrawn: 'category-withdrawn',
} as const

const denied = () => ({ reason: 'permission-denied' })
const STORE_DEBOUNCE_MS = 300
const STORE_MAX_DEBOUNCE_MS = 2000
const RETRY_STORE_MS = 1000

export function createCollaboration(deps: Deps): Collaboration {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    WebSocket: DocumentSocket,
  })
  /** Documents whose load succeeded: only these are ever stored. */
  const loaded = new WeakSet<Y.Doc>()
  /** Connections whose first change is not yet in a stored state, per document. */
  const pendingEditors = new Map<string, Editor[]>()
  /** Per loaded document, the shadow copy incoming updates are tried on (message-guard.ts). */
  const guards = new Map<string, Guard>()
  let stopping = false
  /** After the final flush on shutdown: everything is stored, and the database may be closing. */
  let stopped = false

  /** Stores in progress, so a shutdown waits for them before the database closes. */
  const inFlight = new Set<Promise<void>>()
  function persist(name: string, document: Y.Doc): Promise<void> {
    const p = persistNow(name, document).finally(() => inFlight.delete(p))
    inFlight.add(p)
    return p
  }

  async function persistNow(name: string, document: Y.Doc) {
    const parsed = parseDocumentName(name)
    if (stopped || !parsed || !loaded.has(document)) return
    const state = Y.encodeStateAsUpdate(document)
    const editors = pendingEditors.get(name) ?? []
    pendingEditors.delete(name)
    try {
      await storeState(deps, parsed.patientId, parsed.part, state, editors)
    } catch (err) {
      // Kept in memory (and in every open client) until a retry succeeds; never thrown into Hocuspocus's timer.
      pendingEditors.set(name, [...editors, ...(pendingEditors.get(name) ?? [])])
      deps.log.warn('storing a care-plan document failed; retrying', {
        name: (err as Error).name,
        // A SQLSTATE, never a message: messages can quote data.
        code: (err as { code?: unknown }).code,
      })
      if (!stopping) setTimeout(() => void persist(name, document), RETRY_STORE_MS).unref()
    }
  }

  const planExtension: Extension = {
    // Before the Redis extension (1000): every instance stores, and storing merges, so no lock is needed.
    priority: 2000,
    async onAuthenticate(data: onAuthenticatePayload) {
      const { actor } = data.context as { actor: Actor }
      const name = parseDocumentName(data.documentName)
      const token = Id.safeParse(data.token)
      if (!name || (data.token !== '' && !token.success)) throw denied()
      const sessionId = token.success ? token.data : null
      const access = await deps.db.transaction(async (tx) => {
        const found = await planAccess(tx, actor, name.patientId, sessionId)
        const readable = found?.readable.includes(name.part) ?? false
        await audit.record(tx, actor, readable ? 'careplan.opened' : 'careplan.refused', {
          subjectKind: 'careplan_part',
          subjectId: name.patientId,
          patientId: readable ? name.patientId : undefined,
          detail: { part: name.part, sessionId, readOnly: !found?.writable.includes(name.part) },
        })
        return readable ? found : undefined
      })
      if (!access) throw denied()
      data.connectionConfig.readOnly = !access.writable.includes(name.part)
      return {
        patientId: name.patientId,
        part: name.part,
        sessionId,
        presenceName: access.displayName,
      } satisfies Omit<PartContext, 'actor'>
    },
    async onLoadDocument({ documentName, document }: onLoadDocumentPayload) {
      const name = parseDocumentName(documentName)
      if (!name) throw denied()
      // A failure here throws: Hocuspocus closes the connections and unloads, and nothing is stored.
      const state = await loadState(deps, name.patientId, name.part)
      if (state) Y.applyUpdate(document, state)
      loaded.add(document)
      guards.get(documentName)?.destroy()
      const guard = createGuard(name.part, document)
      guards.set(documentName, guard)
      // Updates that did not come through this instance's guard (another instance's, through Redis) are taught
      // to the shadow as they are applied, synchronously, before any later message is checked.
      document.on('update', (update: Uint8Array, origin: unknown) => {
        if (typeof origin !== 'object' || origin === null) guard.observe(update)
      })
    },
    async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload) {
      guards.get(documentName)?.destroy()
      guards.delete(documentName)
    },
    async beforeHandleMessage(data: beforeHandleMessagePayload) {
      const { update, documentName, connection, document, context } = data
      // Checked here, synchronously in arrival order (see message-guard.ts).
      const guard = guards.get(documentName)
      const ctx = context as PartContext
      const refusal =
        (guard ? guard.check(update) : update.byteLength > MAX_MESSAGE_BYTES && tooLarge) ||
        checkPresence(update, () => ({
          name: ctx.presenceName,
          part: ctx.part,
          readOnly: connection.readOnly,
          clients: document.getClients(connection.webSocket),
          awareness: document.awareness,
          ownedElsewhere: (id) =>
            [...document.connections.values()].some(
              (c) => c.connection !== connection && c.clients.has(id)
            ),
        }))
      if (refusal) throw refusal
      // Applied next (read-only connections' updates are not): its echo to this socket carries nothing new.
      if (!connection.readOnly && connection.webSocket instanceof DocumentSocket)
        connection.webSocket.expectEcho(update)
    },
    async onChange({ documentName, context, transactionOrigin, socketId }: onChangePayload) {
      const ctx = context as Partial<PartContext>
      // Only edits from a client connection are audited, once per connection, in the transaction that stores them.
      if (!ctx.actor || ctx.changed || typeof transactionOrigin !== 'object') return
      ctx.changed = true
      const list = pendingEditors.get(documentName) ?? []
      list.push({ actor: ctx.actor, sessionId: ctx.sessionId ?? null, socketId })
      pendingEditors.set(documentName, list)
    },
    async onStoreDocument({ documentName, document }: onStoreDocumentPayload) {
      await persist(documentName, document)
    },
  }

  const extensions: Extension[] = [planExtension]
  const redis = deps.config.redisUrl ? redisExtension(deps.config.redisUrl) : undefined
  if (redis) extensions.push(redis)

  const hocuspocus = new Hocuspocus({
    name: `careplan-${process.pid}`,
    quiet: true,
    debounce: STORE_DEBOUNCE_MS,
    maxDebounce: STORE_MAX_DEBOUNCE_MS,
    extensions,
  })

  const connectionsOf = (sessionId: string) => {
    const found: { document: Document; connection: Connection; ctx: PartContext }[] = []
    for (const document of hocuspocus.documents.values())
      for (const connection of document.getConnections()) {
        const ctx = connection.context as PartContext
        if (ctx.sessionId === sessionId) found.push({ document, connection, ctx })
      }
    return found
  }

  async function flush(patientId?: string) {
    const docs = [...hocuspocus.documents.values()].filter(
      (d) => !patientId || parseDocumentName(d.name)?.patientId === patientId
    )
    await Promise.all(docs.map((d) => persist(d.name, d)))
  }

  /** Re-decides every connection that came through this session; closes what is no longer allowed, with why. */
  async function recheck(event: SessionEvent) {
    const affected = connectionsOf(event.sessionId)
    const byActor = new Map<string, typeof affected>()
    for (const a of affected) {
      const key = JSON.stringify([a.ctx.actor, a.ctx.patientId])
      byActor.set(key, [...(byActor.get(key) ?? []), a])
    }
    for (const group of byActor.values()) {
      const { actor, patientId } = group[0]!.ctx
      const access = await deps.db.transaction((tx) =>
        planAccess(tx, actor, patientId, event.sessionId)
      )
      for (const { connection, ctx } of group) {
        if (access?.readable.includes(ctx.part)) {
          if (!access.writable.includes(ctx.part)) connection.readOnly = true
          continue
        }
        const reason =
          event.type === 'admission.removed'
            ? closeReasons[event.reason]
            : event.type === 'session.ended'
              ? closeReasons.session_ended
              : // Still admitted but not to this part: consent no longer covers its category.
                access
                ? closeReasons.category_withdrawn
                : closeReasons.not_shared
        connection.close({ code: 4403, reason })
      }
    }
  }

  async function sessionEnded(sessionId: string, patientIds: string[]) {
    // The instance holding the live documents stores them first; the others give it time to do so.
    if (patientIds.length) await Promise.all(patientIds.map((id) => flush(id)))
    else await new Promise((r) => setTimeout(r, STORE_MAX_DEBOUNCE_MS + 1000))
    await saveSessionVersion(deps, sessionId)
  }

  const unsubscribe = deps.events.subscribe((event) => {
    if (stopping || !('sessionId' in event)) return
    const patientIds = [...new Set(connectionsOf(event.sessionId).map((c) => c.ctx.patientId))]
    const work = async () => {
      if (event.type === 'session.ended') await sessionEnded(event.sessionId, patientIds)
      if (patientIds.length) await recheck(event)
    }
    work().catch((err) =>
      deps.log.warn('care-plan reaction to a session event failed', { name: (err as Error).name })
    )
  })

  return {
    wss,
    handle: (ws, request, actor) => hocuspocus.handleConnection(ws, request, { actor }),
    flush,
    async stop() {
      stopping = true
      unsubscribe()
      // Closing connections makes Hocuspocus store pending documents now; the flush stores every one still loaded.
      hocuspocus.closeConnections()
      await flush()
      stopped = true
      await Promise.all(inFlight)
      for (const client of wss.clients) client.terminate()
      wss.close()
      await redis?.onDestroy()
    },
  }
}
