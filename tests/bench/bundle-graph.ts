// The `bundle` benchmark's builds and their chunk graph: which files a page loads, their gzip sizes, and what each
// library and module weighs in them.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { constants, gzipSync } from 'node:zlib'
import { build, type Logger, type Manifest, minifySync, type Rolldown } from 'vite'
import { kb, progress, repoRoot, webRoot } from './bundle-paths'

// ─── building ───────────────────────────────────────────────────────────────────────────────────────────────────

/** Vite's messages on stderr (stdout carries only the JSON line); info lines only with --verbose. */
export function stderrLogger(verbose: boolean): Logger {
  const warned = new Set<string>()
  const logger: Logger = {
    hasWarned: false,
    info: (msg) => {
      if (verbose) progress(msg)
    },
    warn: (msg) => {
      logger.hasWarned = true
      progress(`vite warning: ${msg}`)
    },
    warnOnce: (msg) => {
      if (warned.has(msg)) return
      warned.add(msg)
      logger.warn(msg)
    },
    error: (msg) => progress(`vite error: ${msg}`),
    clearScreen: () => {},
    hasErrorLogged: () => false,
  }
  return logger
}

export type Built = {
  outDir: string
  chunks: Rolldown.OutputChunk[]
  manifest: Manifest
  ms: number
}

/** Runs one Vite build with console.log sent to stderr meanwhile, so no plugin can write to stdout. */
export async function viteBuild(
  outDir: string,
  config: Parameters<typeof build>[0]
): Promise<Built> {
  const t = performance.now()
  const log = console.log
  const info = console.info
  console.log = console.info = (...args: unknown[]) => console.error(...args)
  let result: Awaited<ReturnType<typeof build>>
  try {
    result = await build(config)
  } finally {
    console.log = log
    console.info = info
  }
  const ms = performance.now() - t
  const outputs = Array.isArray(result) ? result : [result]
  const chunks: Rolldown.OutputChunk[] = []
  for (const out of outputs) {
    if (!('output' in out)) throw new Error('the build started a watcher instead of building once')
    for (const item of out.output) if (item.type === 'chunk') chunks.push(item)
  }
  const manifest = JSON.parse(
    await fs.readFile(path.join(outDir, '.vite/manifest.json'), 'utf8')
  ) as Manifest
  return { outDir, chunks, manifest, ms }
}

// ─── the chunk graph ────────────────────────────────────────────────────────────────────────────────────────────

export type Graph = {
  /** JS file (as in the manifest's `file`) → gzip bytes, raw bytes. */
  sizes: Map<string, { gz: number; raw: number }>
  /** JS file → the files it imports statically, and the modules/chunks it imports dynamically (manifest keys). */
  node: Map<string, { imports: string[]; dynamicImports: string[] }>
  /** Absolute module id → the JS file whose chunk contains it. */
  fileOfModule: Map<string, string>
  entryFile: string
  chunks: Rolldown.OutputChunk[]
  manifest: Manifest
}

export async function readGraph(b: Built): Promise<Graph> {
  const { manifest } = b
  const fileOfKey = (key: string) => {
    const m = manifest[key]
    if (!m) throw new Error(`manifest has no entry "${key}"`)
    return m.file
  }
  const node = new Map<string, { imports: string[]; dynamicImports: string[] }>()
  let entryFile = ''
  for (const m of Object.values(manifest)) {
    if (!m.file.endsWith('.js')) continue
    node.set(m.file, {
      imports: (m.imports ?? []).map(fileOfKey),
      dynamicImports: m.dynamicImports ?? [],
    })
    if (m.isEntry) {
      if (entryFile) throw new Error(`more than one entry in the manifest: ${entryFile}, ${m.file}`)
      entryFile = m.file
    }
  }
  if (!entryFile) throw new Error('no entry chunk in the manifest')
  // The manifest and rolldown's output must describe the same files and the same static edges.
  const fileOfModule = new Map<string, string>()
  for (const c of b.chunks) {
    const n = node.get(c.fileName)
    if (!n) throw new Error(`chunk ${c.fileName} is missing from the manifest`)
    const a = [...n.imports].sort().join()
    const r = [...c.imports].sort().join()
    if (a !== r)
      throw new Error(`manifest and rolldown disagree on ${c.fileName}'s imports: ${a} vs ${r}`)
    for (const id of c.moduleIds) fileOfModule.set(id, c.fileName)
  }
  if (node.size !== b.chunks.length)
    throw new Error(`manifest lists ${node.size} JS files, rolldown emitted ${b.chunks.length}`)
  const sizes = new Map<string, { gz: number; raw: number }>()
  for (const file of node.keys()) {
    const buf = await fs.readFile(path.join(b.outDir, file))
    sizes.set(file, {
      gz: gzipSync(buf, { level: constants.Z_BEST_COMPRESSION }).length,
      raw: buf.length,
    })
  }
  return { sizes, node, fileOfModule, entryFile, chunks: b.chunks, manifest }
}

/** A file and everything it imports statically, transitively (what loading it fetches). */
export function closure(g: Graph, files: Iterable<string>, into = new Set<string>()): Set<string> {
  const stack = [...files]
  while (stack.length) {
    const f = stack.pop()!
    if (into.has(f)) continue
    into.add(f)
    stack.push(...(g.node.get(f)?.imports ?? []))
  }
  return into
}

export const sum = (g: Graph, files: Iterable<string>, key: 'gz' | 'raw' = 'gz') => {
  let n = 0
  for (const f of files) n += g.sizes.get(f)![key]
  return n
}

/**
 * The file holding a module App.tsx loads lazily; fails unless the entry's chunk really imports that chunk
 * dynamically (or already has it), so a reshaped App.tsx makes the benchmark stop rather than measure the wrong thing.
 */
export function routeFile(g: Graph, entrySet: Set<string>, relToSrc: string): string {
  const id = path.join(webRoot, 'src', relToSrc)
  if (!existsSync(id))
    throw new Error(
      `web/src/${relToSrc} does not exist: update PAGES in tests/bench/bundle-paths.ts`
    )
  const file = g.fileOfModule.get(id)
  if (!file) throw new Error(`web/src/${relToSrc} is in no chunk of the build`)
  if (entrySet.has(file)) return file
  const entryDynamic = new Set(
    (g.node.get(g.entryFile)?.dynamicImports ?? [])
      .map((key) => g.manifest[key]?.file)
      .filter((f): f is string => !!f)
  )
  if (!entryDynamic.has(file)) {
    throw new Error(
      `web/src/${relToSrc} (in ${file}) is not imported dynamically by the entry: update PAGES in tests/bench/bundle-paths.ts`
    )
  }
  return file
}

/** The file holding a module that some chunk loads lazily (not a route), for AFTER_FIRST_FRAME. */
export function lazyModuleFile(g: Graph, relToSrc: string): string {
  const id = path.join(webRoot, 'src', relToSrc)
  const file = g.fileOfModule.get(id)
  if (!existsSync(id) || !file)
    throw new Error(
      `web/src/${relToSrc} is in no chunk: update AFTER_FIRST_FRAME in tests/bench/bundle-paths.ts`
    )
  return file
}

/** Dynamic imports inside a set of files that the set does not already hold: loaded only on some action. */
export function deferred(g: Graph, files: Set<string>): string[] {
  const out = new Set<string>()
  for (const f of files) {
    if (f === g.entryFile) continue // the entry's dynamic imports are the routes themselves
    for (const key of g.node.get(f)!.dynamicImports) {
      const file = g.manifest[key]?.file
      if (file && !files.has(file)) out.add(`${key} (from ${path.basename(f)})`)
    }
  }
  return [...out].sort()
}

/**
 * What a set of files can still fetch through its own dynamic imports, transitively (the entry's routes aside): the
 * most a page adds after its first frame if every lazily loaded part of it is opened.
 */
export function lazyReach(g: Graph, files: Set<string>): Set<string> {
  const reached = new Set(files)
  const stack = [...files]
  while (stack.length) {
    const f = stack.pop()!
    if (f === g.entryFile) continue
    for (const key of g.node.get(f)!.dynamicImports) {
      const file = g.manifest[key]?.file
      if (!file) continue
      for (const x of closure(g, [file]))
        if (!reached.has(x)) {
          reached.add(x)
          stack.push(x)
        }
    }
  }
  return new Set([...reached].filter((f) => !files.has(f)))
}

/** The package a module belongs to (or "app" for the project's own code, "vite" for its runtime helpers). */
export function ownerOf(id: string, appLabel: string): string {
  if (
    id.startsWith('\0') ||
    id.includes('vite/preload-helper') ||
    id.includes('modulepreload-polyfill')
  )
    return 'bundler runtime'
  const at = id.lastIndexOf('/node_modules/')
  if (at < 0) {
    // The project's own code, by top folder: web/src/<folder> or shared.
    const rel = path.relative(repoRoot, id.split('?')[0]!).split(path.sep)
    if (rel[0] === 'web' && rel[1] === 'src')
      return rel.length > 3 ? `web/src/${rel[2]}` : 'web/src (top level)'
    if (rel[0] === 'shared') return 'shared'
    return appLabel
  }
  const parts = id.slice(at + '/node_modules/'.length).split('/')
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!
}

/** A module's weight for sharing out its chunk's size: its rendered code minified and gzipped on its own. */
export function moduleWeight(id: string, code: string | null): number {
  if (!code) return 0
  let min = code
  try {
    min = minifySync(
      path.basename(id.split('?')[0]!).replace(/\.(tsx?|jsx|mjs|cjs)$|$/, '.js'),
      code
    ).code
  } catch {
    // A fragment the minifier cannot read alone: its plain size is the next best weight.
  }
  return gzipSync(min, { level: constants.Z_BEST_COMPRESSION }).length
}

/**
 * An estimate of what each package weighs in a set of files: each file's gzip size shared out by its modules'
 * own minified-and-gzipped sizes, then summed. Gzip does not split exactly; this is for reading only.
 */
export function composition(
  g: Graph,
  files: Set<string>,
  appLabel: string
): Record<string, number> {
  const out = new Map<string, number>()
  for (const c of g.chunks) {
    if (!files.has(c.fileName)) continue
    const weights = Object.entries(c.modules).map(
      ([id, m]) => [id, moduleWeight(id, m.code)] as const
    )
    const total = weights.reduce((n, [, w]) => n + w, 0)
    if (!total) continue
    const gz = g.sizes.get(c.fileName)!.gz
    for (const [id, w] of weights) {
      const owner = ownerOf(id, appLabel)
      out.set(owner, (out.get(owner) ?? 0) + (gz * w) / total)
    }
  }
  const sorted = [...out].sort((a, b) => b[1] - a[1])
  const result: Record<string, number> = {}
  let rest = 0
  for (const [k, v] of sorted) {
    if (v >= 500) result[k] = kb(v)
    else rest += v
  }
  if (rest) result['(others under 0.5 kB)'] = kb(rest)
  return result
}

/** Hash of every source module's content that went into a build, to tell a changed input from a non-deterministic build. */
export function inputsHash(g: Graph): string {
  const h = createHash('sha256')
  const ids = [...g.fileOfModule.keys()].filter((id) => !id.startsWith('\0')).sort()
  for (const id of ids) {
    const file = id.split('?')[0]!
    h.update(path.relative(repoRoot, file))
    if (existsSync(file)) h.update(readFileSync(file))
  }
  return h.digest('hex').slice(0, 16)
}

export function versionOf(pkg: string): string {
  const file = path.join(repoRoot, 'node_modules', pkg, 'package.json')
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
}

export const shortName = (file: string) => path.basename(file)

export const METHOD = [
  "ours: `vite build` of web/vite.config.ts via Vite's build() (its plugins, code-splitting groups and target es2022), outDir in a temp dir, manifest on.",
  'peer: tests/bench/peer-bundle (React 18 + @livekit/components-react PreJoin in the entry, a React.lazy call page with LiveKitRoom + VideoConference, @livekit/components-styles), same Vite, production mode, oxc minifier, target es2022.',
  "Per page, the chunk holding each module App.tsx lazy-loads (route component, layout, preload imports; found through rolldown chunks' moduleIds) plus its static imports followed through .vite/manifest.json; the entry chunk and its static imports on top.",
  'Sizes: each JS file gzipped alone with zlib level 9, kB = 1000 bytes; CSS reported apart, not in any figure.',
  'precall_guest = join → device check → waiting; precall_patient = join → device check → consent → waiting; precall_clinician = sign-in → home → session → device check → waiting; precall_kb_gz = the largest; aim_precall_met reads the larger of precall_guest and precall_patient (the issue aims at the guest before the call).',
  'incall_kb_gz = what the call page loads beyond the guest path (its chunk and what only it imports); incall_total_<path> = that path plus the call page; incall_total_kb_gz = the largest.',
  "peer_precall_kb_gz = the peer's entry (pre-join) and its imports; peer_kb_gz = that plus the call chunk (all the JS of the peer's call).",
  'incall_ratio = incall_total_kb_gz / peer_kb_gz (everything loaded once in the call, ours vs the peer); incall_ratio_guest and incall_ratio_patient use those paths.',
  "incall_settled_*: the in-call set plus what the call page loads by itself after its first frame, with no action (AFTER_FIRST_FRAME: the care plan; the patient's consent controls; hosts' tools, measures, moderation, step-out); not in the aim.",
  "lazy_in_call_kb_gz: per path, every file the in-call set can still fetch through dynamic imports, transitively (the entry's routes aside), in no other figure.",
  "composition_*: estimate, each file's gzip size shared out by its modules' own minified+gzipped sizes.",
].join(' ')
