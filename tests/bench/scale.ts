// `npm run bench -- scale`: N open server-event streams on one app instance (waiting patients' and the host's
// tabs across many sessions), admissions and lobby changes driven through the API, per-delivery latency and the
// app's RSS, against a bare Hono SSE fan-out peer with the same streams and events in the same run; then two app
// instances on one PostgreSQL (duplicates, misdelivered, missing), and the cost of one reconciliation round by the
// number of live rooms. Prints one JSON line.
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { ensureLivekitBinary, startLivekit } from '../../scripts/livekit'
import { reconcile } from '../../server/attendance/service'
import { loadConfig } from '../../server/config'
import { connect } from '../../server/db/client'
import { freePort, startEmbeddedPostgres } from '../../server/db/embedded'
import { createLivekitAdapter } from '../../server/livekit/adapter'
import { createLogger } from '../../server/log'
import { createEventHub } from '../../server/realtime/events'
import { drive, pct, type Delivery, type Planned } from './scale/drive'
import { startAppInstance, startPeer, type Child } from './scale/processes'
import { apiAt, seedSessions, signInHost, type SeededSession } from './scale/seed'
import { openMany, rssMb, type Stream } from './scale/streams'
import { createDeps } from '../../server/deps'

const log = (msg: string) => process.stderr.write(`[scale] ${msg}\n`)
const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const summary = (d: Delivery) => ({
  p50_ms: pct(d.latencies, 50),
  p99_ms: pct(d.latencies, 99),
  max_ms: pct(d.latencies, 100),
  deliveries: d.latencies.length,
  duplicates: d.duplicates,
  misdelivered: d.misdelivered,
  missing: d.missing,
})

export async function run(): Promise<number> {
  const maxStreams = arg('streams', 10_000)
  const perSession = arg('per-session', 10)
  const events = arg('events', 200)
  const admissions = arg('admissions', 50)
  const twoStreams = arg('two-streams', Math.min(maxStreams, 2_000))
  const levels = [...new Set([Math.min(1_000, maxStreams), maxStreams])]
  const sessionsNeeded = Math.ceil(maxStreams / perSession)

  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'careteam-bench-scale-'))
  await fs.chmod(dir, 0o755)
  const children: Child[] = []
  const stops: (() => Promise<unknown>)[] = []
  try {
    const pg = await startEmbeddedPostgres(path.join(dir, 'postgres'))
    stops.push(pg.stop)
    const admin = connect(pg.urlFor('postgres'), { max: 1 })
    await admin.sql`create database careteam`
    await admin.close()
    const binary = await ensureLivekitBinary()
    if (!binary.ok) throw new Error(binary.reason)
    const lk = await startLivekit({ binaryPath: binary.path })
    stops.push(lk.stop)
    const env = {
      DATABASE_URL: pg.urlFor('careteam'),
      LIVEKIT_URL: lk.url,
      LIVEKIT_API_KEY: lk.apiKey,
      LIVEKIT_API_SECRET: lk.apiSecret,
      DATA_DIR: dir,
    }
    const one = await startAppInstance(env, await freePort())
    children.push(one)
    const peer = await startPeer(await freePort())
    children.push(peer)
    const api = apiAt(one.url)
    const host = await signInHost(api)
    log(`scheduling ${sessionsNeeded} sessions (${admissions} with the patient waiting)`)
    const seeded = await seedSessions(
      api,
      host,
      sessionsNeeded,
      Math.min(admissions, sessionsNeeded)
    )
    // The fan-out figure starts where the app's own publish does (pg_notify, here from the bench's connection, as
    // at a command's commit) and ends on the streams; the command figure adds the API request and its transaction.
    const publisher = connect(env.DATABASE_URL, { max: 2 })
    stops.push(publisher.close)
    const hub = await createEventHub(publisher.sql, createLogger('silent'))
    stops.push(hub.close)
    const notify = (sessionId: string): Planned => ({
      sessionId,
      type: 'lobby.changed',
      send: () => hub.publish(publisher.db, { type: 'lobby.changed', sessionId }),
    })
    const rssIdle = await rssMb(one.pid)
    const peerRssIdle = await rssMb(peer.pid)

    // Streams per session: the patient's and the host's tabs, alternately.
    const specs = (base: string, n: number, sessionUrl: (s: SeededSession) => string) =>
      Array.from({ length: n }, (_, i) => {
        const s = seeded[Math.floor(i / perSession)]!
        return {
          url: base + sessionUrl(s),
          sessionId: s.id,
          cookie: i % 2 ? host : s.patientCookie,
        }
      })
    const lobbyMessage = (base: string, s: string, i: number): Planned => ({
      sessionId: s,
      type: 'lobby.changed',
      send: () =>
        apiAt(base)('PUT', `/sessions/${s}/lobby/message`, host, { message: `Update ${i}` }),
    })
    const closeAll = async (streams: Stream[]) => {
      for (const s of streams) s.close()
      await sleep(1_000)
    }

    const byLevel: Record<string, unknown>[] = []
    let top:
      | { ours: Delivery; commands: Delivery; peer: Delivery; rss: number; peerRss: number }
      | undefined
    for (const n of levels) {
      const sessionsOpen = Math.ceil(n / perSession)
      const last = n === levels.at(-1)
      log(`${n} streams on one instance across ${sessionsOpen} sessions`)
      let opened = performance.now()
      const ours = await openMany(specs(one.url, n, (s) => `/api/sessions/${s.id}/events`))
      const oursOpenMs = performance.now() - opened
      const target = (i: number) => seeded[(i * 7) % sessionsOpen]!.id
      const fanout: Planned[] = Array.from({ length: events }, (_, i) => notify(target(i)))
      // Admissions only at the top level (each waiting patient can be admitted once), spread among lobby messages.
      const plan: Planned[] = Array.from({ length: events }, (_, i) =>
        lobbyMessage(one.url, target(i), i)
      )
      if (last)
        seeded
          .filter((s) => s.waiting && seeded.indexOf(s) < sessionsOpen)
          .forEach((s, i) =>
            plan.splice(Math.min(plan.length, i * 4), 0, {
              sessionId: s.id,
              type: 'admission.granted',
              send: () =>
                api('POST', `/sessions/${s.id}/admissions`, host, {
                  participantId: s.patientParticipantId,
                }),
            })
          )
      const oursResult = await drive(ours, fanout)
      const commandResult = await drive(ours, plan)
      const rss = await rssMb(one.pid)
      await closeAll(ours)

      opened = performance.now()
      const peerStreams = await openMany(
        specs(peer.url, n, (s) => `/events/${s.id}`).map(({ url, sessionId }) => ({
          url,
          sessionId,
        }))
      )
      const peerOpenMs = performance.now() - opened
      const peerPlan = fanout.map((p) => ({
        sessionId: p.sessionId,
        type: 'lobby.changed',
        send: () => fetch(`${peer.url}/publish/${p.sessionId}`, { method: 'POST' }),
      }))
      const peerResult = await drive(peerStreams, peerPlan)
      const peerRss = await rssMb(peer.pid)
      await closeAll(peerStreams)
      byLevel.push({
        streams: n,
        sessions: sessionsOpen,
        ours: { ...summary(oursResult), rss_mb: rss, open_ms: Math.round(oursOpenMs) },
        ours_commands: summary(commandResult),
        peer: { ...summary(peerResult), rss_mb: peerRss, open_ms: Math.round(peerOpenMs) },
      })
      if (last) top = { ours: oursResult, commands: commandResult, peer: peerResult, rss, peerRss }
    }

    log(`two instances: ${twoStreams} streams split between them, events sent through both`)
    const two = await startAppInstance(env, await freePort())
    children.push(two)
    const bases = [one.url, two.url]
    const twoSpecs = specs('', twoStreams, (s) => `/api/sessions/${s.id}/events`).map((s, i) => ({
      ...s,
      url: bases[i % 2] + s.url,
    }))
    const split = await openMany(twoSpecs)
    const twoSessions = Math.ceil(twoStreams / perSession)
    const twoResult = await drive(
      split,
      Array.from({ length: events }, (_, i) =>
        lobbyMessage(bases[i % 2]!, seeded[(i * 7) % twoSessions]!.id, i)
      )
    )
    await closeAll(split)

    log('reconciliation: one round by the number of live rooms')
    const config = loadConfig({
      DATA_DIR: dir,
      DATABASE_URL: env.DATABASE_URL,
      LOG_LEVEL: 'silent',
    })
    const database = connect(env.DATABASE_URL, { max: 2 })
    stops.push(database.close)
    const deps = createDeps({
      config,
      db: database.db,
      livekit: createLivekitAdapter({ url: lk.url, apiKey: lk.apiKey, apiSecret: lk.apiSecret }),
      events: undefined as never,
      log: createLogger('silent'),
    })
    // A host's token makes a session live and creates its room; the admitted sessions' hosts have arrived.
    const arrived = seeded.filter((s) => s.waiting)
    const reconcileByRooms: Record<string, number> = {}
    let live = 0
    for (const target of [0, 10, 25, arrived.length].filter(
      (x, i, a) => x <= arrived.length && a.indexOf(x) === i
    )) {
      for (; live < target; live++) await api('POST', `/sessions/${arrived[live]!.id}/token`, host)
      const rounds: number[] = []
      for (let r = 0; r < 3; r++) {
        const t0 = performance.now()
        await reconcile(deps)
        rounds.push(performance.now() - t0)
      }
      reconcileByRooms[String(target)] = pct(rounds, 50)
    }

    const ours = summary(top!.ours)
    const peerS = summary(top!.peer)
    const twoS = summary(twoResult)
    const commands = summary(top!.commands)
    const out = {
      bench: 'scale',
      streams: maxStreams,
      rss_mb: top!.rss,
      p50_ms: ours.p50_ms,
      p99_ms: ours.p99_ms,
      peer_p50_ms: peerS.p50_ms,
      peer_p99_ms: peerS.p99_ms,
      p99_ratio: Math.round((ours.p99_ms / peerS.p99_ms) * 100) / 100,
      command_p50_ms: commands.p50_ms,
      command_p99_ms: commands.p99_ms,
      peer_rss_mb: top!.peerRss,
      rss_idle_mb: rssIdle,
      peer_rss_idle_mb: peerRssIdle,
      kb_per_stream: Math.round(((top!.rss - rssIdle) * 1024) / maxStreams),
      aim: 'streams >= 10000 && rss_mb <= 1024 && p99_ratio <= 2',
      aim_met: maxStreams >= 10_000 && top!.rss <= 1024 && ours.p99_ms / peerS.p99_ms <= 2,
      instances: 2,
      duplicates: twoS.duplicates + ours.duplicates + commands.duplicates,
      misdelivered: twoS.misdelivered + ours.misdelivered + commands.misdelivered,
      missing: twoS.missing + ours.missing + commands.missing,
      two_instances: { streams: twoStreams, ...twoS },
      by_level: byLevel,
      reconcile_round_ms_by_live_rooms: reconcileByRooms,
      events_per_level: events,
      admissions_at_top_level: Math.min(admissions, sessionsNeeded),
      per_session: perSession,
      machine: { cores: os.cpus().length, node: process.version, loadavg_1m_end: os.loadavg()[0] },
    }
    process.stdout.write(JSON.stringify(out) + '\n')
    return 0
  } finally {
    for (const c of children.reverse()) await c.stop().catch(() => undefined)
    for (const stop of stops.reverse()) await stop().catch(() => undefined)
    await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined)
  }
}
