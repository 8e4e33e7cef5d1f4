// A real Redis for scale-out tests: Debian's redis-server on a free loopback port, nothing written to disk.
import { spawn } from 'node:child_process'
import { freePort } from './careplan'

export async function startRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort()
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  )
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('Ready to accept') && resolve())
    child.once('error', () =>
      reject(
        new Error(
          'redis-server is not installed: run `.ci/run system` (apt-get install redis-server)'
        )
      )
    )
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)))
  })
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM')
      await exited
    },
  }
}
