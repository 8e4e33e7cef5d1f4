// `npm run bench -- outcomes [--submissions=1000] [--rounds=3] [--patients=50] [--concurrency=16]
// [--profile=file.cpuprofile]`: questionnaire submissions per second and p99 of submit → check → score → store → audit
// (one transaction), against a bare Hono JSON POST route served by the same node-server in the same process, in
// interleaved rounds; the medians of both. Prints one JSON line.
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { loadConfig } from '../../server/config'
import { freePort } from '../../server/db/embedded'
import { startServer } from '../../server/main'
import { measureCpu, type CpuSplit } from './cpu'

const log = (msg: string) => process.stderr.write(`[outcomes] ${msg}\n`)
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 100) / 100
}
const arg = (args: string[], name: string, fallback: number) =>
  Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback)

/** Requests sent to each side, unmeasured, before measuring it. */
const WARMUP = 1000
/** The peer's rounds, in requests, against ours. */
const PEER_ROUND_FACTOR = 5

type Job = { url: string; cookie?: string; body: unknown }

/** Runs the jobs with `concurrency` in flight; every answer must be 201. */
async function drive(jobs: Job[], concurrency: number) {
  const latencies: number[] = []
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < jobs.length; i = next++) {
        const job = jobs[i]!
        const t0 = performance.now()
        const res = await fetch(job.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(job.cookie ? { cookie: job.cookie } : {}),
          },
          body: JSON.stringify(job.body),
        })
        await res.arrayBuffer()
        if (res.status !== 201) throw new Error(`submission answered ${res.status}`)
        latencies.push(performance.now() - t0)
      }
    })
  )
  const seconds = (performance.now() - started) / 1000
  return {
    per_s: Math.round((jobs.length / seconds) * 10) / 10,
    p50_ms: pct(latencies, 50),
    p99_ms: pct(latencies, 99),
  }
}

export async function run(args: string[]): Promise<number> {
  const submissions = arg(args, 'submissions', 1000)
  const rounds = arg(args, 'rounds', 3)
  const concurrency = arg(args, 'concurrency', 16)
  const patientCount = arg(args, 'patients', 50)
  const profileTo = args.find((a) => a.startsWith('--profile='))?.split('=')[1]
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'careteam-bench-outcomes-'))
  await fs.chmod(dir, 0o755)
  const port = await freePort()
  const app = await startServer(
    loadConfig({ DATA_DIR: dir, PORT: String(port), SEED_DEMO: 'true', LOG_LEVEL: 'warn' })
  )
  const peerApp = new Hono().post('/submit', async (c) => {
    const body: unknown = await c.req.json()
    return c.json({ received: typeof body === 'object' }, 201)
  })
  const peerPort = await freePort()
  const peer = serve({ fetch: peerApp.fetch, port: peerPort, hostname: '127.0.0.1' })
  try {
    const base = `http://127.0.0.1:${port}/api`
    const call = async (method: string, p: string, cookie?: string, json?: unknown) => {
      const res = await fetch(base + p, {
        method,
        headers: {
          ...(cookie ? { cookie } : {}),
          ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: json !== undefined ? JSON.stringify(json) : undefined,
      })
      if (!res.ok) throw new Error(`${method} ${p} → ${res.status} ${await res.text()}`)
      return res
    }
    const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0]!
    const host = cookieOf(
      await call('POST', '/auth/sign-in', undefined, {
        email: 'dr.okafor@demo.clinic',
        password: 'demo-care-team-2026',
      })
    )
    const patients = (await (await call('GET', '/patients', host)).json()) as {
      id: string
      displayName: string
    }[]
    const riley = patients.find((p) => p.displayName === 'Riley Chen')!

    // Many patients, as in a clinic: each has its own audit chain. Riley alone stands for "one chain for all".
    const many: string[] = []
    for (let i = 0; i < patientCount; i++) {
      const created = (await (
        await call('POST', '/patients', host, {
          displayName: `Bench patient ${i}`,
          dateOfBirth: '1986-03-14',
        })
      ).json()) as { id: string }
      many.push(created.id)
    }
    // Interleaved rounds (ours, then the peer, `rounds` times) so that both sides see the same machine; each round
    // long enough (seconds, not a fraction of one) to be the steady state rather than a burst.
    const spread = await prepare(WARMUP + rounds * submissions, (i) => many[i % many.length]!)
    const single = await prepare(submissions, () => riley.id)
    const warmup = spread.slice(0, WARMUP)
    // The peer answers about five times as fast: five times the requests make its rounds last about as long.
    const peerJobs = Array.from({ length: PEER_ROUND_FACTOR * submissions }, (_, i) => ({
      url: `http://127.0.0.1:${peerPort}/submit`,
      body: spread[i % submissions]!.body,
    }))
    // Warm both up alike (the JIT compiles the hot paths, pools open).
    await drive(warmup, concurrency)
    await drive(peerJobs.slice(0, WARMUP), concurrency)
    log(
      `${rounds} rounds of ${submissions} questionnaires of ${patientCount} patients, each followed by ${peerJobs.length} peer requests; ${concurrency} in flight`
    )
    const oursRuns: { per_s: number; p50_ms: number; p99_ms: number; cpu: CpuSplit }[] = []
    const peerRuns: typeof oursRuns = []
    for (let r = 0; r < rounds; r++) {
      const jobs = spread.slice(WARMUP + r * submissions, WARMUP + (r + 1) * submissions)
      // The profile, when asked for, covers our first round.
      const ours = await measureCpu(() => drive(jobs, concurrency), r === 0 ? profileTo : undefined)
      oursRuns.push({ ...ours.result, cpu: ours.cpu })
      const peerRun = await measureCpu(() => drive(peerJobs, concurrency))
      peerRuns.push({ ...peerRun.result, cpu: peerRun.cpu })
    }
    log(`submitting ${single.length} questionnaires of one patient (one audit chain)`)
    const oneChain = await drive(single, concurrency)
    const median = (runs: typeof oursRuns) =>
      [...runs].sort((a, b) => a.per_s - b.per_s)[runs.length >> 1]!
    const oursMedian = median(oursRuns)
    const peerMedian = median(peerRuns)
    // CPU per request (ms), this process (the app, the driver and the peer) and PostgreSQL apart, over all rounds.
    const perRequest = (runs: typeof oursRuns, perRound: number) => {
      const sum = (k: keyof CpuSplit) => runs.reduce((a, r) => a + r.cpu[k], 0)
      const n = runs.length * perRound
      const round2 = (x: number) => Math.round((x / n) * 100) / 100
      return {
        node: round2(sum('node_cpu_ms')),
        node_main_thread: round2(sum('main_thread_cpu_ms')),
        pg: round2(sum('postgres_cpu_ms')),
      }
    }
    process.stdout.write(
      JSON.stringify({
        bench: 'outcomes',
        submissions,
        rounds,
        patients: patientCount,
        concurrency,
        per_s: oursMedian.per_s,
        p50_ms: oursMedian.p50_ms,
        p99_ms: oursMedian.p99_ms,
        rounds_per_s: oursRuns.map((r) => r.per_s),
        one_patient_per_s: oneChain.per_s,
        one_patient_p99_ms: oneChain.p99_ms,
        peer: 'bare Hono JSON POST on @hono/node-server, same process',
        peer_per_s: peerMedian.per_s,
        peer_p99_ms: peerMedian.p99_ms,
        peer_rounds_per_s: peerRuns.map((r) => r.per_s),
        peer_over_ours: Math.round((peerMedian.per_s / oursMedian.per_s) * 10) / 10,
        cpu_ms_per_submission: perRequest(oursRuns, submissions),
        peer_cpu_ms_per_request: perRequest(peerRuns, peerJobs.length),
        load_1m: Math.round(os.loadavg()[0]! * 100) / 100,
      }) + '\n'
    )
    return 0

    /** Sessions whose patient has PHQ-9 and GAD-7 open: one submission job for each. */
    async function prepare(count: number, patientFor: (i: number) => string): Promise<Job[]> {
      const sessions = Math.ceil(count / 2)
      log(`preparing ${sessions} sessions with open questionnaires`)
      const jobs: Job[] = []
      for (let i = 0; i < sessions; i++) {
        const scheduled = (await (
          await call('POST', '/sessions', host, {
            kind: 'joint_session',
            patientId: patientFor(i),
            startsAt: new Date(Date.now() + 60_000).toISOString(),
            durationMinutes: 30,
            invitePatient: true,
          })
        ).json()) as { session: { id: string }; links: { role: string; url: string }[] }
        const url = new URL(scheduled.links.find((l) => l.role === 'patient')!.url)
        const patient = cookieOf(
          await call('POST', '/invitations/exchange', undefined, {
            sessionId: scheduled.session.id,
            secret: url.hash.slice(1),
            dateOfBirth: '1986-03-14',
          })
        )
        const offered = (await (
          await call('POST', `/sessions/${scheduled.session.id}/questionnaires`, patient)
        ).json()) as {
          questionnaires: {
            responseId: string
            instrument: { key: string; items: { id: string }[] }
          }[]
        }
        for (const q of offered.questionnaires.filter(
          (x) => x.instrument.key !== 'session_satisfaction'
        )) {
          const answers = Object.fromEntries(
            q.instrument.items.map((item, n) => [item.id, item.id === 'phq9_9' ? 0 : n % 4])
          )
          jobs.push({
            url: `${base}/questionnaires/${q.responseId}/submission`,
            cookie: patient,
            body: { answers, total: 99 },
          })
        }
      }
      return jobs
    }
  } finally {
    peer.close()
    await app.stop()
  }
}
