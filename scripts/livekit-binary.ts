// The pinned livekit-server binary: found on PATH, in the cache under .tools/, or built with `go install`.
import { execFile, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
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

export type Log = (msg: string) => void

export type EnsureResult = { ok: true; path: string } | { ok: false; reason: string }

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

/** The last lines of a child's output, for error messages. */
export class Tail {
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

/** A catch handler that swallows one errno code and rethrows the rest. */
const ignoreCode = (code: string) => (err: NodeJS.ErrnoException) => {
  if (err.code !== code) throw err
}
