// Where a benchmark phase's time goes: CPU used by this Node process and by the embedded PostgreSQL it started
// (server and backends, read from /proc on Linux), and optionally a V8 CPU profile of the phase alone.
import fs from 'node:fs'
import inspector from 'node:inspector/promises'

const TICKS_PER_S = 100 // USER_HZ, 100 on every Linux the project runs on

/** utime + stime (ms) of this process's PostgreSQL descendants (server and backends); 0 without /proc. */
function postgresCpuMs(): number {
  let entries: string[]
  try {
    entries = fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e))
  } catch {
    return 0
  }
  const parent = new Map<number, number>()
  const ticks = new Map<number, number>()
  const isPostgres = new Set<number>()
  for (const e of entries) {
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8')
      // The command name may hold spaces: fields are counted after its closing parenthesis.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).startsWith('postgres'))
        isPostgres.add(Number(e))
      parent.set(Number(e), Number(f[1]))
      ticks.set(Number(e), Number(f[11]) + Number(f[12]))
    } catch {
      // The process ended meanwhile.
    }
  }
  let total = 0
  for (const [pid, t] of ticks) {
    if (!isPostgres.has(pid)) continue
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) {
      if (p === process.pid) {
        total += t
        break
      }
    }
  }
  return (total * 1000) / TICKS_PER_S
}

export type CpuSplit = { node_cpu_ms: number; postgres_cpu_ms: number; wall_ms: number }

/** Measures one phase; `profileTo` also writes a V8 CPU profile of just that phase (open it in Chrome DevTools). */
export async function measureCpu<T>(
  work: () => Promise<T>,
  profileTo?: string
): Promise<{ result: T; cpu: CpuSplit }> {
  let session: inspector.Session | undefined
  if (profileTo) {
    session = new inspector.Session()
    session.connect()
    await session.post('Profiler.enable')
    await session.post('Profiler.setSamplingInterval', { interval: 200 })
    await session.post('Profiler.start')
  }
  const pg0 = postgresCpuMs()
  const node0 = process.cpuUsage()
  const t0 = performance.now()
  const result = await work()
  const wall = performance.now() - t0
  const node = process.cpuUsage(node0)
  const pg = postgresCpuMs() - pg0
  if (session && profileTo) {
    const { profile } = await session.post('Profiler.stop')
    fs.writeFileSync(profileTo, JSON.stringify(profile))
    session.disconnect()
  }
  return {
    result,
    cpu: {
      node_cpu_ms: Math.round((node.user + node.system) / 1000),
      postgres_cpu_ms: Math.round(pg),
      wall_ms: Math.round(wall),
    },
  }
}
