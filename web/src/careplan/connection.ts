// One WebSocket per open plan, carrying one Yjs document per plan part the person may read (the server decides;
// see server/careplan/collaboration.ts). Tracks saved / saving / offline for the whole plan.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { createSignal, onCleanup } from 'solid-js'
import * as Y from 'yjs'
import { documentName, type PlanPart } from '../../../shared/careplan'
import type { Id } from '../../../shared/ids'

export type SaveState = 'saved' | 'saving' | 'offline'

export type PartConnection = {
  part: PlanPart
  doc: Y.Doc
  provider: HocuspocusProvider
  /** Why the server closed this part, in plain words, once it has. */
  closedBecause: () => string | undefined
}

const reasons: Record<string, string> = {
  'not-shared': 'This part of the plan is no longer shared with you.',
  'consent-withdrawn': 'Consent for you to take part was withdrawn, so the plan is closed.',
  removed: 'You were removed from the session, so the plan is closed.',
  'stepped-out':
    'The clinicians are talking on their own for a moment; the plan will be back when you are.',
  'session-ended': 'The session has ended. The plan as agreed has been saved.',
  'invalid-update': 'A change could not be saved. Please reload the page.',
  'message-too-large': 'A change was too large to save. Please reload the page.',
  'document-full':
    'This part of the plan is full, so your last change was not saved. Remove something to make room.',
}

export function connectPlan(opts: {
  patientId: Id
  sessionId?: Id
  parts: PlanPart[]
  user: { name: string; color: string }
}) {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/careplan/socket`
  const socket = new HocuspocusProviderWebsocket({ url })
  const [online, setOnline] = createSignal(false)
  const [unsynced, setUnsynced] = createSignal(0)
  const counts = new Map<PlanPart, number>()
  socket.on('status', ({ status }: { status: string }) => setOnline(status === 'connected'))

  const parts = opts.parts.map((part): PartConnection => {
    const doc = new Y.Doc()
    const [closedBecause, setClosed] = createSignal<string>()
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: documentName(opts.patientId, part),
      document: doc,
      token: opts.sessionId ?? '',
      onClose: ({ event }) => {
        if (event.reason && reasons[event.reason]) setClosed(reasons[event.reason])
      },
      onAuthenticationFailed: () => setClosed(reasons['not-shared']),
      onUnsyncedChanges: ({ number }) => {
        counts.set(part, number)
        setUnsynced([...counts.values()].reduce((a, b) => a + b, 0))
      },
    })
    provider.attach()
    provider.setAwarenessField('user', opts.user)
    return { part, doc, provider, closedBecause }
  })

  const saveState = (): SaveState => (!online() ? 'offline' : unsynced() > 0 ? 'saving' : 'saved')
  onCleanup(() => {
    for (const p of parts) p.provider.destroy()
    socket.destroy()
  })
  return { parts, saveState }
}
