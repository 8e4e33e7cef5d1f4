// `npm run bench -- careplan [--plans=50] [--editors=5] [--edits=20] [--rounds=15] [--settle=1000]`: edit
// propagation latency (one editor's keystroke observed by each other editor of the same plan part) with plans ×
// editors all connected at once, through the app's collaboration server (cookie auth, consent-scoped access, update
// guard, persistence), against the peer of a raw y-protocols relay (no auth, no persistence) measured in the same
// run with clients as light as each other; the app is also measured through @hocuspocus/provider on plans of its own.
// The servers (app and relay) run in this process, the editors of all in a forked one (careplan-clients.ts).
import fs from 'node:fs/promises'
import { createServer } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { fork } from 'node:child_process'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import type WebSocket from 'ws'
import { WebSocketServer } from 'ws'
import * as Y from 'yjs'
import * as accounts from '../../server/accounts/service'
import * as accountsStore from '../../server/accounts/store'
import { loadConfig } from '../../server/config'
import { connect } from '../../server/db/client'
import { freePort, startEmbeddedPostgres } from '../../server/db/embedded'
import { migrateDatabase } from '../../server/db/migrate'
import { createDeps, type Deps } from '../../server/deps'
import { createLogger } from '../../server/log'
import * as patientsStore from '../../server/patients/store'
import { createEventHub } from '../../server/realtime/events'
import { startCollabServer } from '../support/careplan'
import { type ClientsJob, type ClientsResult, pct } from './careplan-clients'

const log = (msg: string) => process.stderr.write(`[careplan] ${msg}\n`)
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100
const arg = (args: string[], name: string, fallback: number) =>
  Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback)

/** Runs the editors in their own process and waits for their samples. */
function runClients(job: ClientsJob): Promise<ClientsResult> {
  const child = fork(
    fileURLToPath(new URL('careplan-clients.ts', import.meta.url)),
    ['--bench-clients'],
    {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }
  )
  return new Promise((resolve, reject) => {
    child.once('message', (result) => resolve(result as ClientsResult))
    child.once('exit', (code) => reject(new Error(`the bench's editors exited with ${code}`)))
    child.send(job)
  })
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

export async function run(args: string[]): Promise<number> {
  const nPlans = arg(args, 'plans', 50)
  const nEditors = arg(args, 'editors', 5)
  const edits = arg(args, 'edits', 20)
  const rounds = arg(args, 'rounds', 15)
  const settleMs = arg(args, 'settle', 1000)
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'careteam-bench-careplan-'))
  await fs.chmod(dir, 0o755)
  const pg = await startEmbeddedPostgres(path.join(dir, 'pg'))
  const ownerUrl = pg.urlFor('postgres')
  const { appUrl } = await migrateDatabase(ownerUrl, 'bench-app-password')
  const database = connect(appUrl, { max: 10 })
  const logger = createLogger('warn', (l) => process.stderr.write(l + '\n'))
  const events = await createEventHub(database.sql, logger)
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'warn' })
  const deps: Deps = createDeps({
    config,
    db: database.db,
    livekit: undefined,
    events,
    log: logger,
  })

  // Twice the plans: the app's wire editors open one half, its providers the other.
  log(`seeding ${2 * nPlans} patients with a team of ${nEditors}`)
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
  for (let p = 0; p < 2 * nPlans; p++) {
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
  const relayPort = await freePort()
  const relay = await startRelay(relayPort)
  const loadBefore = os.loadavg()[0]!
  const { app, peer, provider } = await runClients({
    appUrl: server.url,
    origin: server.origin,
    relayUrl: `ws://127.0.0.1:${relayPort}`,
    cookies,
    patients: patients.slice(0, nPlans),
    providerPatients: patients.slice(nPlans),
    edits,
    rounds,
    settleMs,
  })
  const loadAfter = os.loadavg()[0]!

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
    rounds,
    samples: app.all.length,
    p50_ms: pct(app.all, 50),
    p99_ms: pct(app.all, 99),
    peer_p50_ms: pct(peer.all, 50),
    peer_p99_ms: pct(peer.all, 99),
    p99_ratio: ratio(pct(app.all, 99), pct(peer.all, 99)),
    // The same server through the browser's client, 250 providers in the editors' process.
    provider_p50_ms: pct(provider.all, 50),
    provider_p99_ms: pct(provider.all, 99),
    provider_p99_ratio: ratio(pct(provider.all, 99), pct(peer.all, 99)),
    // Each round's first edit, all plans at once: where the p99 comes from when the machine is quiet.
    burst_p50_ms: pct(app.first, 50),
    peer_burst_p50_ms: pct(peer.first, 50),
    provider_burst_p50_ms: pct(provider.first, 50),
    clients:
      'separate process; app and peer: bare y-protocols clients; provider: @hocuspocus/provider',
    load_1m: [loadBefore, loadAfter].map((l) => Math.round(l * 100) / 100),
  }
  process.stdout.write(JSON.stringify(result) + '\n')
  return 0
}
