// `npm run bench -- careplan [--plans=50] [--editors=5] [--edits=20]`: edit propagation latency (one editor's
// keystroke observed by each other editor of the same plan part) with plans × editors all connected at once,
// through the app's collaboration server (cookie auth, consent-scoped access, update guard, persistence), against
// the peer of a raw y-protocols relay (no auth, no persistence) measured in the same run with the same clients.
import fs from 'node:fs/promises'
import { createServer } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import WebSocket, { WebSocketServer } from 'ws'
import * as Y from 'yjs'
import { documentName } from '../../shared/careplan'
import { itemsOf, newItem } from '../../shared/careplan-ydoc'
import * as accounts from '../../server/accounts/service'
import * as accountsStore from '../../server/accounts/store'
import { loadConfig } from '../../server/config'
import { connect } from '../../server/db/client'
import { freePort, startEmbeddedPostgres } from '../../server/db/embedded'
import { migrateDatabase } from '../../server/db/migrate'
import type { Deps } from '../../server/deps'
import { createLogger } from '../../server/log'
import * as patientsStore from '../../server/patients/store'
import { createEventHub } from '../../server/realtime/events'
import { socketClass, startCollabServer } from '../support/careplan'

const log = (msg: string) => process.stderr.write(`[careplan] ${msg}\n`)
const arg = (args: string[], name: string, fallback: number) =>
  Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback)
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 100) / 100
}

type Editor = { doc: Y.Doc; close: () => void }

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

async function waitFor(check: () => boolean) {
  while (!check()) await new Promise((r) => setTimeout(r, 10))
}

/** The peer: a bare y-protocols relay. One Y.Doc per room, sync + update forwarding, nothing else. */
function startRelay(port: number) {
  const rooms = new Map<string, { doc: Y.Doc; peers: Set<WebSocket> }>()
  const server = createServer()
  const wss = new WebSocketServer({ server })
  wss.on('connection', (ws, req) => {
    const name = req.url ?? '/'
    let room = rooms.get(name)
    if (!room) {
      const doc = new Y.Doc()
      room = { doc, peers: new Set() }
      const r = room
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        const e = encoding.createEncoder()
        syncProtocol.writeUpdate(e, update)
        const msg = encoding.toUint8Array(e)
        for (const peer of r.peers) if (peer !== origin) peer.send(msg)
      })
      rooms.set(name, room)
    }
    const r = room
    r.peers.add(ws)
    ws.on('message', (data: Buffer) => {
      const e = encoding.createEncoder()
      syncProtocol.readSyncMessage(decoding.createDecoder(new Uint8Array(data)), e, r.doc, ws)
      if (encoding.length(e) > 0) ws.send(encoding.toUint8Array(e))
    })
    ws.on('close', () => r.peers.delete(ws))
    const e = encoding.createEncoder()
    syncProtocol.writeSyncStep1(e, r.doc)
    ws.send(encoding.toUint8Array(e))
  })
  return new Promise<{ close: () => void }>((resolve) =>
    server.listen(port, '127.0.0.1', () => resolve({ close: () => (wss.close(), server.close()) }))
  )
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

export async function run(args: string[]): Promise<number> {
  const nPlans = arg(args, 'plans', 50)
  const nEditors = arg(args, 'editors', 5)
  const edits = arg(args, 'edits', 20)
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'careteam-bench-careplan-'))
  await fs.chmod(dir, 0o755)
  const pg = await startEmbeddedPostgres(path.join(dir, 'pg'))
  const ownerUrl = pg.urlFor('postgres')
  const { appUrl } = await migrateDatabase(ownerUrl, 'bench-app-password')
  const database = connect(appUrl, { max: 10 })
  const logger = createLogger('warn', (l) => process.stderr.write(l + '\n'))
  const events = await createEventHub(database.sql, logger)
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'warn' })
  const deps: Deps = {
    config,
    db: database.db,
    livekit: undefined,
    events,
    log: logger,
    clock: () => new Date(),
  }

  log(`seeding ${nPlans} patients with a team of ${nEditors}`)
  const clinic = await accountsStore.insertClinic(deps.db, 'Bench clinic')
  const password = 'bench password for care plan'
  const { hashPassword } = await import('../../server/accounts/password')
  const hash = await hashPassword(password)
  const team = await Promise.all(
    Array.from({ length: nEditors }, (_, i) =>
      accountsStore.insertClinician(deps.db, {
        clinicId: clinic.id,
        email: `bench-${i}@bench.example`,
        displayName: `Editor ${i}`,
        discipline: 'psychology',
        role: 'clinician',
        active: true,
        passwordHash: hash,
      })
    )
  )
  const cookies = await Promise.all(
    team.map(async (c) => {
      const r = await accounts.signIn(deps, '127.0.0.1', { email: c.email, password })
      return `${accounts.sessionCookieName(config)}=${r.token}`
    })
  )
  const patients = []
  for (let p = 0; p < nPlans; p++) {
    const patient = await patientsStore.insertPatient(deps.db, {
      clinicId: clinic.id,
      displayName: `Bench ${p}`,
      dateOfBirth: '1980-01-01',
      email: null,
    })
    await patientsStore.replaceCareTeam(
      deps.db,
      patient.id,
      team.map((c) => ({ clinicianId: c.id, isCareNavigator: false }))
    )
    patients.push(patient.id)
  }

  const server = await startCollabServer(deps)
  log(`connecting ${nPlans * nEditors} editors through the app`)
  const appPlans: Editor[][] = await Promise.all(
    patients.map(async (patientId, p) => {
      const editors = cookies.map((cookie) => {
        const socket = new HocuspocusProviderWebsocket({
          url: server.url,
          WebSocketPolyfill: socketClass(cookie, server.origin),
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
    })
  )

  const relayPort = await freePort()
  const relay = await startRelay(relayPort)
  log(`connecting ${nPlans * nEditors} editors through the raw relay`)
  const peerPlans: Editor[][] = await Promise.all(
    patients.map(async (_, p) => {
      const editors = await Promise.all(
        cookies.map(() => relayClient(`ws://127.0.0.1:${relayPort}/plan-${p}`))
      )
      itemsOf(editors[0]!.doc).push([newItem('goals', `g${p}`, { text: 'goal' })])
      await waitFor(() => editors.every((e) => itemsOf(e.doc).length === 1))
      return editors
    })
  )

  // Alternate, so machine noise falls on both alike; the first round of each warms up and is dropped.
  const app: number[] = []
  const peer: number[] = []
  for (let round = 0; round < 4; round++) {
    const a = await measure(appPlans, edits)
    const b = await measure(peerPlans, edits)
    if (round > 0) {
      app.push(...a)
      peer.push(...b)
    }
    log(`round ${round}: app p99 ${pct(a, 99)} ms, peer p99 ${pct(b, 99)} ms`)
  }

  for (const e of [...appPlans.flat(), ...peerPlans.flat()]) e.close()
  relay.close()
  await server.stop()
  await events.close()
  await database.close()
  await pg.stop()
  await fs.rm(dir, { recursive: true, force: true })

  const result = {
    bench: 'careplan',
    plans: nPlans,
    editors: nEditors,
    samples: app.length,
    p50_ms: pct(app, 50),
    p99_ms: pct(app, 99),
    peer_p50_ms: pct(peer, 50),
    peer_p99_ms: pct(peer, 99),
    p99_ratio: Math.round((pct(app, 99) / pct(peer, 99)) * 100) / 100,
  }
  process.stdout.write(JSON.stringify(result) + '\n')
  return 0
}
