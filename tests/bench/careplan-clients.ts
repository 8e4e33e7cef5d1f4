// The editors of `npm run bench -- careplan`, in their own process (forked by careplan.ts): people's browsers are
// not in the server's process, and clients sharing the server's event loop would measure their own queueing.
// The app's editors and the peer relay's editors live here alike, so both are measured the same way: each side's
// editors are bare y-protocols clients (the app's speak Hocuspocus's framing, careplan-wire.ts), so both cost the
// same per message here. The app is also measured through @hocuspocus/provider, the browser's client, on plans of
// its own (`provider`): a provider does more per message, which 250 of them in one process add up.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { documentName } from '../../shared/careplan'
import { itemsOf, newItem } from '../../shared/careplan-ydoc'
import { socketClass } from '../support/careplan'
import { wireClient } from './careplan-wire'

export type ClientsJob = {
  appUrl: string
  origin: string
  relayUrl: string
  cookies: string[]
  /** The plans of the app's wire editors; the providers' are `providerPatients`, as many. */
  patients: string[]
  providerPatients: string[]
  edits: number
  /** Measured rounds of each kind; one more warms up and is dropped. */
  rounds: number
  /** Pause after every round, so a round's stores (debounced 0.3 s) fall into no one's measured round. */
  settleMs: number
}
export type Kind = 'app' | 'peer' | 'provider'
/** Every sample, and those of each round's first edit (all plans at once: a burst), per kind. */
export type Samples = { all: number[]; first: number[] }
export type ClientsResult = Record<Kind, Samples>

type Editor = { doc: Y.Doc; close: () => void }

const log = (msg: string) => process.stderr.write(`[careplan] ${msg}\n`)
export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 100) / 100
}

async function waitFor(check: () => boolean) {
  while (!check()) await new Promise((r) => setTimeout(r, 10))
}

/** Runs `edits` rounds per plan, all plans at once: one random editor types, the time until each other sees it. */
async function measure(plans: Editor[][], edits: number): Promise<Samples> {
  const samples: Samples = { all: [], first: [] }
  await Promise.all(
    plans.map(async (editors, p) => {
      for (let e = 0; e < edits; e++) {
        const author = editors[(e + p) % editors.length]!
        const marker = `m${p}-${e}`
        const seen = editors
          .filter((x) => x !== author)
          .map(
            (other) =>
              new Promise<void>((resolve) => {
                const text = itemsOf(other.doc).get(0).get('text') as Y.Text
                const check = () => {
                  if (!text.toString().includes(marker)) return
                  const ms = performance.now() - start
                  samples.all.push(ms)
                  if (e === 0) samples.first.push(ms)
                  text.unobserve(check)
                  resolve()
                }
                text.observe(check)
              })
          )
        const start = performance.now()
        ;(itemsOf(author.doc).get(0).get('text') as Y.Text).insert(0, marker)
        await Promise.all(seen)
        // People type in bursts with pauses; without pauses this measures a saturated queue, not propagation.
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 30))
      }
    })
  )
  return samples
}

/** A client of the relay: the y-protocols sync messages over a plain WebSocket. */
async function relayClient(url: string): Promise<Editor> {
  const doc = new Y.Doc()
  const ws = new WebSocket(url)
  ws.on('message', (data: Buffer) => {
    const e = encoding.createEncoder()
    const d = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    syncProtocol.readSyncMessage(d, e, doc, ws)
    if (encoding.length(e) > 0) ws.send(encoding.toUint8Array(e))
  })
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === ws) return
    const e = encoding.createEncoder()
    syncProtocol.writeUpdate(e, update)
    ws.send(encoding.toUint8Array(e))
  })
  await new Promise((r) => ws.once('open', r))
  const e = encoding.createEncoder()
  syncProtocol.writeSyncStep1(e, doc)
  ws.send(encoding.toUint8Array(e))
  return { doc, close: () => ws.close() }
}

async function withGoal(editors: Editor[], p: number) {
  itemsOf(editors[0]!.doc).push([newItem('goals', `g${p}`, { text: 'goal' })])
  await waitFor(() => editors.every((e) => itemsOf(e.doc).length === 1))
  return editors
}

async function wireEditors(job: ClientsJob, patientId: string, p: number) {
  const name = documentName(patientId, 'goals')
  const editors = await Promise.all(
    job.cookies.map((cookie) => wireClient(job.appUrl, job.origin, cookie, name))
  )
  return withGoal(editors, p)
}

async function providerEditors(job: ClientsJob, patientId: string, p: number) {
  const editors = job.cookies.map((cookie) => {
    const socket = new HocuspocusProviderWebsocket({
      url: job.appUrl,
      WebSocketPolyfill: socketClass(cookie, job.origin),
    })
    const doc = new Y.Doc()
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: documentName(patientId, 'goals'),
      document: doc,
      // No presence: 250 providers made at once renew it together every 15 s, a burst of 1,250 frames that lands in
      // whichever round runs then (app's or peer's alike); edits are what this measures.
      awareness: null,
    })
    provider.attach()
    return { doc, provider, close: () => (provider.destroy(), socket.destroy()) }
  })
  await waitFor(() => editors.every((e) => e.provider.isSynced))
  return withGoal(editors, p)
}

async function peerEditors(job: ClientsJob, p: number) {
  const editors = await Promise.all(job.cookies.map(() => relayClient(`${job.relayUrl}/plan-${p}`)))
  return withGoal(editors, p)
}

async function run(job: ClientsJob): Promise<ClientsResult> {
  const n = job.patients.length * job.cookies.length
  log(`connecting ${n} editors through the app`)
  const app = await Promise.all(job.patients.map((id, p) => wireEditors(job, id, p)))
  log(`connecting ${n} providers through the app`)
  const provider = await Promise.all(
    job.providerPatients.map((id, p) => providerEditors(job, id, p))
  )
  log(`connecting ${n} editors through the raw relay`)
  const peer = await Promise.all(job.patients.map((_, p) => peerEditors(job, p)))
  const plans: Record<Kind, Editor[][]> = { app, peer, provider }
  // Interleaved, so machine noise falls on all alike; the first round of each warms up and is dropped.
  const result: ClientsResult = {
    app: { all: [], first: [] },
    peer: { all: [], first: [] },
    provider: { all: [], first: [] },
  }
  for (let round = 0; round <= job.rounds; round++) {
    const line: string[] = []
    for (const kind of ['app', 'peer', 'provider'] as const) {
      const samples = await measure(plans[kind], job.edits)
      if (round > 0) {
        result[kind].all.push(...samples.all)
        result[kind].first.push(...samples.first)
      }
      line.push(`${kind} p99 ${pct(samples.all, 99)} ms`)
      await new Promise((r) => setTimeout(r, job.settleMs))
    }
    log(`round ${round}: ${line.join(', ')}`)
  }
  for (const e of Object.values(plans).flat(2)) e.close()
  return result
}

// Forked by careplan.ts with an IPC channel: one job in, one result out.
if (process.argv.includes('--bench-clients') && process.send) {
  process.once('message', (job: ClientsJob) => {
    run(job).then(
      (result) => process.send!(result, () => process.exit(0)),
      (err: unknown) => {
        log(`clients failed: ${(err as Error).stack ?? String(err)}`)
        process.exit(1)
      }
    )
  })
}
