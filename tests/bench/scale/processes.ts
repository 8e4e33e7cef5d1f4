// Child processes for the scale benchmark: app instances and the peer, each in its own process group so a stop
// takes everything it started with it.
import { spawn, type ChildProcess } from 'node:child_process'

export type Child = { pid: number; url: string; stop: () => Promise<void> }

function stopper(child: ChildProcess) {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
      process.kill(-child.pid!, 'SIGTERM')
      setTimeout(
        () => child.exitCode === null && process.kill(-child.pid!, 'SIGKILL'),
        10_000
      ).unref()
    })
}

/** One app instance as `npm start` runs it (without the web build), on an existing PostgreSQL and LiveKit. */
export async function startAppInstance(env: Record<string, string>, port: number): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn', SEED_DEMO: 'true' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  })
  const url = `http://127.0.0.1:${port}`
  for (const started = Date.now(); ;) {
    if (child.exitCode !== null) throw new Error(`app instance exited with ${child.exitCode}`)
    const ok = await fetch(url + '/readyz').then(
      (r) => r.ok,
      () => false
    )
    if (ok) break
    if (Date.now() - started > 60_000) throw new Error('app instance not ready within 60 s')
    await new Promise((r) => setTimeout(r, 100))
  }
  return { pid: child.pid!, url, stop: stopper(child) }
}

export async function startPeer(port: number): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/scale/peer.ts'], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  })
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve())
    child.once('exit', (code) => reject(new Error(`peer exited with ${code}`)))
  })
  return { pid: child.pid!, url: `http://127.0.0.1:${port}`, stop: stopper(child) }
}
