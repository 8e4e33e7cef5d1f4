// One plan part's live document on the plan's shared socket. When the server refuses a change it closes the part;
// the copy here then holds something the server will never take, so it is dropped and the part opened again from
// the server's state: the person keeps working without reloading the page, and is told what happened.
import { HocuspocusProvider, type HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import * as Y from 'yjs'
import { documentName, type PlanPart } from '../../../shared/careplan'

/** Reasons the server closes a part because of a change this copy made (server/careplan/message-guard.ts). */
export const refusals = [
  'invalid-update',
  'message-too-large',
  'document-full',
  'invalid-presence',
] as const
export type Refusal = (typeof refusals)[number]
const isRefusal = (reason: string): reason is Refusal =>
  (refusals as readonly string[]).includes(reason)

export type PartCopy = { doc: Y.Doc; provider: HocuspocusProvider }

export function linkPart(opts: {
  socket: HocuspocusProviderWebsocket
  patientId: string
  part: PlanPart
  sessionId?: string
  user: { name: string; color: string }
  /** Each copy as it is made: the first, then one after each refusal. */
  onCopy: (copy: PartCopy) => void
  /** The server refused a change; the new copy is already open. */
  onRefused: (reason: Refusal) => void
  /** Closed for another reason (consent, removal, session end), or never opened: `not-shared`. */
  onClosed: (reason: string) => void
  onUnsynced: (count: number) => void
}) {
  let current: PartCopy
  let destroyed = false
  const open = () => {
    const doc = new Y.Doc()
    const provider: HocuspocusProvider = new HocuspocusProvider({
      websocketProvider: opts.socket,
      name: documentName(opts.patientId, opts.part),
      document: doc,
      token: opts.sessionId ?? '',
      onClose: ({ event }) => {
        if (destroyed || current.provider !== provider || !event.reason) return
        if (!isRefusal(event.reason)) return opts.onClosed(event.reason)
        // The server has closed this part already: a "close" from the old copy would reach the server after the
        // new copy asks to open it, and close that instead. So the socket forgets the old copy before dropping it.
        opts.socket.configuration.providerMap.delete(provider.configuration.name)
        drop(current)
        open()
        opts.onRefused(event.reason)
      },
      onAuthenticationFailed: () => opts.onClosed('not-shared'),
      onUnsyncedChanges: ({ number }) => {
        if (current.provider === provider) opts.onUnsynced(number)
      },
    })
    provider.attach()
    provider.setAwarenessField('user', opts.user)
    current = { doc, provider }
    opts.onUnsynced(0)
    opts.onCopy(current)
  }
  const drop = (copy: PartCopy) => {
    copy.provider.destroy()
    copy.doc.destroy()
  }
  open()
  return {
    current: () => current,
    destroy() {
      destroyed = true
      drop(current)
    },
  }
}
