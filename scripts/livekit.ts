// Local livekit-server for dev and tests: find or build the pinned binary (livekit-binary.ts), run it on loopback,
// stop it.
// Usage: tsx scripts/livekit.ts ensure | start [--webhook <url>]
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import dgram from 'node:dgram'
import { realpathSync } from 'node:fs'
import net from 'node:net'
import { fileURLToPath } from 'node:url'
import { ensureLivekitBinary, LIVEKIT_VERSION, Tail, type Log } from './livekit-binary'

export { ensureLivekitBinary, LIVEKIT_VERSION, type EnsureResult } from './livekit-binary'

export type RunningLivekit = {
  url: string
  apiKey: string
  apiSecret: string
  stop: () => Promise<void>
}

const READY_TIMEOUT_MS = 20_000
/** LiveKit is usually up within 100 ms of its spawn; a coarse poll would add most of an interval to every start. */
const READY_POLL_MS = 20
const STOP_GRACE_MS = 5_000
const START_ATTEMPTS = 3

export async function startLivekit(
  opts: { webhookUrl?: string; log?: Log; binaryPath?: string } = {}
): Promise<RunningLivekit> {
  const log = opts.log ?? (() => {})
  let binary = opts.binaryPath
  if (!binary) {
    const found = await ensureLivekitBinary({ log })
    if (!found.ok) throw new Error(found.reason)
    binary = found.path
  }
  // Ports are picked free but released before LiveKit binds them, so another process can win the race: retry.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(binary, opts.webhookUrl, log)
    } catch (err) {
      if (!(err instanceof PortTakenError) || attempt >= START_ATTEMPTS) throw err
      log('LiveKit lost a port race; retrying on new ports')
    }
  }
}

class PortTakenError extends Error {}

async function startOnce(
  binary: string,
  webhookUrl: string | undefined,
  log: Log
): Promise<RunningLivekit> {
  const apiKey = `AK${randomBytes(8).toString('hex')}`
  const apiSecret = randomBytes(32).toString('hex')
  const [httpPort, udpPort] = await Promise.all([freeTcpPort(), freeUdpPort()])

  // YAML is a superset of JSON, so JSON.stringify gives a config LiveKit reads without quoting worries.
  // Unknown keys make LiveKit refuse to start (and exit 0), so add keys only after checking `help-verbose`.
  const config = {
    port: httpPort,
    bind_addresses: ['127.0.0.1'],
    keys: { [apiKey]: apiSecret },
    rtc: {
      udp_port: udpPort,
      // 0 disables the ICE/TCP listener, which otherwise binds 7881 on every interface.
      tcp_port: 0,
      use_external_ip: false,
      // node_ip alone advertises 127.0.0.1 while the sockets sit elsewhere; the loopback candidate makes ICE work.
      node_ip: '127.0.0.1',
      enable_loopback_candidate: true,
      // Without this the UDP port is also opened on every other interface.
      ips: { includes: ['127.0.0.1/8'] },
    },
    room: { auto_create: false, empty_timeout: 30, departure_timeout: 10 },
    ...(webhookUrl ? { webhook: { api_key: apiKey, urls: [webhookUrl] } } : {}),
  }

  // Passed as LIVEKIT_CONFIG, the environment form of --config-body: argv is readable by every local user
  // through ps and /proc, and the config carries the secret.
  // livekit-server also reads LIVEKIT_*, NODE_IP, UDP_PORT and REDIS_* as flags, which would override this config.
  const inherited = Object.entries(process.env).filter(
    ([name]) => !/^(LIVEKIT_|REDIS_)|^(NODE_IP|UDP_PORT)$/.test(name)
  )
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(inherited),
    LIVEKIT_CONFIG: JSON.stringify(config),
  }

  const output = new Tail(40)
  const child = spawn(binary, [], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk))
  let hasExited = false
  let exitStatus = 'did not start'
  const exited = new Promise<void>((resolve) => {
    const done = () => {
      hasExited = true
      resolve()
    }
    child.once('exit', (code, signal) => {
      exitStatus = signal ? `killed by ${signal}` : `exit code ${code}`
      done()
    })
    // A failed spawn (missing binary, no permission) emits 'error' and may never emit 'exit'.
    child.once('error', (err) => {
      output.push(Buffer.from(`${err.message}\n`))
      done()
    })
  })
  // A test run or dev server that exits must not leave LiveKit holding its ports.
  const killOnExit = () => {
    if (!hasExited) child.kill('SIGKILL')
  }
  process.on('exit', killOnExit)
  void exited.then(() => process.off('exit', killOnExit))

  const url = `ws://127.0.0.1:${httpPort}`
  try {
    await waitUntilReady(
      () => (hasExited ? exitStatus : undefined),
      `http://127.0.0.1:${httpPort}/`
    )
  } catch (err) {
    killOnExit()
    await exited
    const detail = `${(err as Error).message}. Last output of livekit-server:\n${output.text() || '(none)'}`
    if (/address already in use/i.test(output.text())) throw new PortTakenError(detail)
    throw new Error(detail)
  }
  log(`LiveKit ${LIVEKIT_VERSION} ready at ${url} (API key ${apiKey})`)

  let stopping: Promise<void> | undefined
  const stop = () => {
    stopping ??= (async () => {
      if (hasExited) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
      await exited
      clearTimeout(timer)
    })()
    return stopping
  }
  return { url, apiKey, apiSecret, stop }
}

async function waitUntilReady(
  exitStatus: () => string | undefined,
  readyUrl: string
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    const status = exitStatus()
    // LiveKit exits with code 0 when it refuses its config, so any exit before readiness is a failure.
    if (status) throw new Error(`livekit-server stopped before it was ready (${status})`)
    try {
      // fetch, not node:http: this first fetch of the process loads undici (tens of ms) while the app still waits
      // for its imports, rather than in the first /readyz, whose LiveKit ping uses fetch.
      const res = await fetch(readyUrl, { signal: AbortSignal.timeout(1_000) })
      if (res.status === 200) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, READY_POLL_MS))
  }
  throw new Error(`livekit-server did not answer ${readyUrl} within ${READY_TIMEOUT_MS / 1000} s`)
}

function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4')
    socket.once('error', reject)
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address()
      socket.close(() => resolve(port))
    })
  })
}

async function main(args: string[]): Promise<number> {
  const log = (msg: string) => console.error(msg)
  const [command, ...rest] = args
  if (command === 'ensure') {
    const result = await ensureLivekitBinary({ log })
    if (!result.ok) {
      console.error(result.reason)
      return 1
    }
    console.log(result.path)
    return 0
  }
  if (command === 'start') {
    const webhookIndex = rest.indexOf('--webhook')
    const webhookUrl = webhookIndex >= 0 ? rest[webhookIndex + 1] : undefined
    const livekit = await startLivekit({ webhookUrl, log })
    console.log(`LIVEKIT_URL=${livekit.url}`)
    console.log(`LIVEKIT_API_KEY=${livekit.apiKey}`)
    console.log('(the secret is generated per start and not printed; press Ctrl-C to stop)')
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve)
      process.once('SIGTERM', resolve)
    })
    await livekit.stop()
    return 0
  }
  console.error('Usage: tsx scripts/livekit.ts ensure | start [--webhook <url>]')
  return 2
}

const invokedDirectly = (() => {
  const entry = process.argv[1]
  if (!entry) return false
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
})()

if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err)
      process.exit(1)
    }
  )
}
