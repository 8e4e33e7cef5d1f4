// One WebSocket per open plan, carrying one Yjs document per plan part the person may read (the server decides;
// see server/careplan/collaboration.ts). Tracks saved / saving / offline for the whole plan.
import { HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { type Accessor, createSignal, onCleanup } from 'solid-js'
import type { PlanPart } from '../../../shared/careplan'
import type { DataCategory } from '../../../shared/consent'
import type { Id } from '../../../shared/ids'
import { linkPart, type PartCopy } from './part-link'
import { closeWords, refusalWords } from './refusal-words'

export type SaveState = 'saved' | 'saving' | 'offline'

export type PartConnection = {
  part: PlanPart
  /** The part's live copy; a new one after the server refuses a change (part-link.ts). */
  copy: Accessor<PartCopy>
  /** Why the server closed this part, in plain words, once it has. */
  closedBecause: Accessor<string | undefined>
  /** What happened when the server refused a change here, in plain words, until the next one. */
  notice: Accessor<string | undefined>
}

export function connectPlan(opts: {
  patientId: Id
  sessionId?: Id
  parts: PlanPart[]
  /** What each readable part's consent category covers (PlanView). */
  categories: DataCategory[]
  user: { name: string; color: string }
  /** Each live copy as it opens, e.g. to follow who is here. */
  onCopy?: (copy: PartCopy) => void
}) {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/careplan/socket`
  const socket = new HocuspocusProviderWebsocket({ url })
  const [online, setOnline] = createSignal(false)
  const [unsynced, setUnsynced] = createSignal(0)
  const counts = new Map<PlanPart, number>()
  socket.on('status', ({ status }: { status: string }) => setOnline(status === 'connected'))

  const links: ReturnType<typeof linkPart>[] = []
  const parts = opts.parts.map((part): PartConnection => {
    const [copy, setCopy] = createSignal<PartCopy>()
    const [closedBecause, setClosed] = createSignal<string>()
    const [notice, setNotice] = createSignal<string>()
    links.push(
      linkPart({
        socket,
        patientId: opts.patientId,
        part,
        sessionId: opts.sessionId,
        user: opts.user,
        onCopy: (c) => {
          setCopy(c)
          opts.onCopy?.(c)
        },
        onRefused: (reason) => setNotice(refusalWords[reason]),
        onClosed: (reason) => setClosed(closeWords(reason, part, opts.categories)),
        onUnsynced: (number) => {
          counts.set(part, number)
          setUnsynced([...counts.values()].reduce((a, b) => a + b, 0))
        },
      })
    )
    return { part, copy: copy as Accessor<PartCopy>, closedBecause, notice }
  })

  const saveState = (): SaveState => (!online() ? 'offline' : unsynced() > 0 ? 'saving' : 'saved')
  onCleanup(() => {
    for (const l of links) l.destroy()
    socket.destroy()
  })
  return { parts, saveState }
}
