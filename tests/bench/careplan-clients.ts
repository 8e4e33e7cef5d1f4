// The editors of `npm run bench -- careplan`, in their own process (forked by careplan.ts): people's browsers are
// not in the server's process, and clients sharing the server's event loop would measure their own queueing.
// The app's editors and the peer relay's editors live here alike, so both are measured the same way.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { documentName } from '../../shared/careplan'
import { itemsOf, newItem } from '../../shared/careplan-ydoc'
import { socketClass } from '../support/careplan'

export type ClientsJob = {
  appUrl: string
  origin: string
  relayUrl: string
  cookies: string[]
  patients: string[]
  edits: number
  rounds: number
}
export type ClientsResult = { app: number[]; peer: number[] }

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
async function measure(plans: Editor[][], edits: number): Promise<number[]> {
  const samples: number[] = []
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
                  samples.push(performance.now() - start)
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
    syncProtocol.readSyncMessage(decoding.createDecoder(new Uint8Array(data)), e, doc, ws)
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

async function appEditors(job: ClientsJob, patientId: string, p: number) {
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
    })
    provider.attach()
    return { doc, provider, close: () => (provider.destroy(), socket.destroy()) }
  })
  await waitFor(() => editors.every((e) => e.provider.isSynced))
  itemsOf(editors[0]!.doc).push([newItem('goals', `g${p}`, { text: 'goal' })])
  await waitFor(() => editors.every((e) => itemsOf(e.doc).length === 1))
  return editors
}

async function peerEditors(job: ClientsJob, p: number) {
  const editors = await Promise.all(job.cookies.map(() => relayClient(`${job.relayUrl}/plan-${p}`)))
  itemsOf(editors[0]!.doc).push([newItem('goals', `g${p}`, { text: 'goal' })])
  await waitFor(() => editors.every((e) => itemsOf(e.doc).length === 1))
  return editors
}

async function run(job: ClientsJob): Promise<ClientsResult> {
  const n = job.patients.length * job.cookies.length
  log(`connecting ${n} editors through the app`)
  const appPlans = await Promise.all(job.patients.map((id, p) => appEditors(job, id, p)))
  log(`connecting ${n} editors through the raw relay`)
  const peerPlans = await Promise.all(job.patients.map((_, p) => peerEditors(job, p)))
  // Alternate, so machine noise falls on both alike; the first round of each warms up and is dropped.
  const result: ClientsResult = { app: [], peer: [] }
  for (let round = 0; round < job.rounds; round++) {
    const a = await measure(appPlans, job.edits)
    const b = await measure(peerPlans, job.edits)
    if (round > 0) {
      result.app.push(...a)
      result.peer.push(...b)
    }
    log(`round ${round}: app p99 ${pct(a, 99)} ms, peer p99 ${pct(b, 99)} ms`)
  }
  for (const e of [...appPlans.flat(), ...peerPlans.flat()]) e.close()
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
