// Local livekit-server for dev and tests: find or build the pinned binary, run it on loopback, stop it.
// Usage: tsx scripts/livekit.ts ensure | start [--webhook <url>]
import { execFile, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import dgram from 'node:dgram'
import { constants, realpathSync } from 'node:fs'
import {
  access,
  mkdir,
  readFile,
  realpath,
  rename,
  stat,
  symlink,
  unlink,
  writeFile,
} from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const execFileAsync = promisify(execFile)

export const LIVEKIT_VERSION = '1.13.5'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const toolsDir = path.join(repoRoot, '.tools', `livekit-server-${LIVEKIT_VERSION}`)
const cachedBinary = path.join(toolsDir, 'livekit-server')
/** Binaries whose `--version` was already asked, keyed by real path, with the size, mtime, inode and mode they had. */
const versionStamps = path.join(toolsDir, 'verified-versions.json')

type Log = (msg: string) => void

export type EnsureResult = { ok: true; path: string } | { ok: false; reason: string }

export type RunningLivekit = {
  url: string
  apiKey: string
  apiSecret: string
  stop: () => Promise<void>
}

export async function ensureLivekitBinary(opts: { log?: Log } = {}): Promise<EnsureResult> {
  const log = opts.log ?? (() => {})

  const onPath = await which('livekit-server')
  if (onPath) {
    const version = await binaryVersion(onPath)
    if (version === LIVEKIT_VERSION) return { ok: true, path: onPath }
    if (version) {
      log(
        `warning: using ${onPath} (version ${version}); this project is tested with ${LIVEKIT_VERSION}`
      )
      return { ok: true, path: onPath }
    }
  }

  if (await linkCachedBinary()) return { ok: true, path: cachedBinary }

  const go = await which('go')
  if (!go) {
    return {
      ok: false,
      reason:
        `livekit-server ${LIVEKIT_VERSION} was not found and Go is not installed to build it. Either install Go ` +
        `(https://go.dev/dl/) and run \`npm run livekit:ensure\`, put livekit-server ${LIVEKIT_VERSION} on your PATH, ` +
        'or point the app at an existing LiveKit by setting LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET.',
    }
  }

  log(
    `Building livekit-server ${LIVEKIT_VERSION} into ${path.relative(repoRoot, toolsDir)} with Go; the first build takes a few minutes.`
  )
  const output = new Tail(30)
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(
      go,
      ['install', `github.com/livekit/livekit-server/cmd/server@v${LIVEKIT_VERSION}`],
      {
        cwd: repoRoot,
        env: { ...process.env, GOTOOLCHAIN: 'local', CGO_ENABLED: '0', GOBIN: toolsDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      }
    )
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk))
    child.on('error', (err) => {
      output.push(Buffer.from(err.message))
      resolve(null)
    })
    child.on('exit', (c) => resolve(c))
  })
  if (code !== 0) {
    return {
      ok: false,
      reason:
        `Building livekit-server ${LIVEKIT_VERSION} with Go failed (exit ${code ?? 'unknown'}). Its last output:\n${output.text()}\n` +
        `Fix the Go build, put livekit-server ${LIVEKIT_VERSION} on your PATH, or set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET.`,
    }
  }
  if (await linkCachedBinary()) return { ok: true, path: cachedBinary }
  return {
    ok: false,
    reason: `Go reported success but ${path.join(toolsDir, 'server')} does not report version ${LIVEKIT_VERSION}. Delete ${toolsDir} and try again.`,
  }
}

/** `go install` names the binary `server`; expose it as `livekit-server` beside it. */
async function linkCachedBinary(): Promise<boolean> {
  if ((await binaryVersion(cachedBinary)) === LIVEKIT_VERSION) return true
  const built = path.join(toolsDir, 'server')
  if ((await binaryVersion(built)) !== LIVEKIT_VERSION) return false
  await unlink(cachedBinary).catch(ignoreCode('ENOENT'))
  // Two processes may link at once; the loser finds the same link in place.
  await symlink('server', cachedBinary).catch(ignoreCode('EEXIST'))
  return (await binaryVersion(cachedBinary)) === LIVEKIT_VERSION
}

/**
 * The version a livekit-server binary reports. Running `--version` costs tens of milliseconds on every start, so the
 * answer is remembered in .tools/ together with the file's size, mtime, inode and mode; a binary replaced, rebuilt
 * or made non-executable changes one of those and is asked again.
 */
async function binaryVersion(file: string): Promise<string | undefined> {
  // Keyed by the real file, so the `livekit-server` link and the `server` it points to share one entry.
  const real = await realpath(file).catch(() => undefined)
  const info = real ? await stat(real).catch(() => undefined) : undefined
  if (!real || !info?.isFile()) return undefined
  const identity = { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, mode: info.mode }
  const stamps = await readStamps()
  const known = stamps[real]
  const same =
    known &&
    (Object.keys(identity) as (keyof typeof identity)[]).every((k) => known[k] === identity[k])
  if (known && same && typeof known.version === 'string') return known.version
  const version = await askVersion(file)
  if (version) await writeStamps({ ...stamps, [real]: { ...identity, version } })
  return version
}

async function askVersion(file: string): Promise<string | undefined> {
  try {
    const { stdout } = await execFileAsync(file, ['--version'], { timeout: 10_000 })
    return /version\s+v?(\S+)/.exec(stdout)?.[1]
  } catch {
    return undefined
  }
}

type VersionStamp = { size: number; mtimeMs: number; ino: number; mode: number; version: string }

async function readStamps(): Promise<Record<string, VersionStamp>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(versionStamps, 'utf8'))
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, VersionStamp>) : {}
  } catch {
    return {} // none yet, or unreadable: ask the binaries again
  }
}

async function writeStamps(stamps: Record<string, VersionStamp>): Promise<void> {
  // Written aside and renamed, so a concurrent start never reads half a file. A read-only .tools only costs speed.
  const tmp = `${versionStamps}.${process.pid}.${randomBytes(4).toString('hex')}`
  try {
    await mkdir(toolsDir, { recursive: true })
    await writeFile(tmp, JSON.stringify(stamps) + '\n')
    await rename(tmp, versionStamps)
  } catch {
    await unlink(tmp).catch(() => {})
  }
}

async function which(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue
    const candidate = path.join(dir, name)
    try {
      await access(candidate, constants.X_OK)
      return candidate
    } catch {
      // not in this directory
    }
  }
  return undefined
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

/** The last lines of a child's output, for error messages. */
class Tail {
  private lines: string[] = []
  private partial = ''
  constructor(private readonly max: number) {}
  push(chunk: Buffer) {
    const parts = (this.partial + chunk.toString('utf8')).split('\n')
    this.partial = parts.pop() ?? ''
    this.lines.push(...parts)
    if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max)
  }
  text() {
    return [...this.lines, this.partial].filter((l) => l.trim() !== '').join('\n')
  }
}

const ignoreCode = (code: string) => (err: NodeJS.ErrnoException) => {
  if (err.code !== code) throw err
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
