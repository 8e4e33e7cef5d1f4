// Benchmark `bundle`: how much JavaScript (gzip) a browser loads before the call and in it, against the LiveKit Meet
// stack (React + @livekit/components-react + livekit-client) built in the same run.
//   ours  = the web client built from web/vite.config.ts (plugins, code-splitting groups, target and all), with only
//           the output folder moved to a temp dir and the manifest switched on. Never touches dist/web.
//   peer  = tests/bench/peer-bundle/: LiveKit's PreJoin prefab, then a lazily loaded call page with LiveKitRoom +
//           VideoConference, built by Vite with the same target, minifier and production mode.
// Which files a page loads comes from the build's graph, not from file names: each route module (as App.tsx
// lazy-loads it) is looked up in rolldown's chunks (`moduleIds`: a route module can sit inside a named group chunk,
// which the manifest does not key by module), then the chunk's static imports are followed through
// .vite/manifest.json, as Vite's preload helper fetches them with the dynamic import. Each JS file is gzipped on its
// own (zlib level 9), as served; kB = 1000 bytes. Prints one JSON line on stdout; progress goes to stderr.
// Options: --keep (leave the temp dir and say where), --verbose (Vite's own progress lines on stderr).
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { constants, gzipSync } from 'node:zlib'
import { build, type Logger, type Manifest, minifySync, type Rolldown } from 'vite'

const thisFile = fileURLToPath(import.meta.url)
const repoRoot = path.resolve(path.dirname(thisFile), '../..')
const webRoot = path.join(repoRoot, 'web')
const peerRoot = path.join(repoRoot, 'tests/bench/peer-bundle')

const AIM_PRECALL_KB = 60
const AIM_INCALL_RATIO = 0.8

const progress = (msg: string) => process.stderr.write(`[bench bundle] ${msg}\n`)
const round1 = (n: number) => Math.round(n * 10) / 10
const round3 = (n: number) => Math.round(n * 1000) / 1000
const kb = (bytes: number) => round1(bytes / 1000)

// ─── what each path loads (mirrors web/src/App.tsx) ─────────────────────────────────────────────────────────────

/**
 * The modules App.tsx imports dynamically on the way to the call, per page: the route's component (`lazy(() =>
 * import(…))`), its layouts, and the `preload` functions' imports, which the router runs on navigation. Paths are
 * relative to web/src. The entry (index.html → main.tsx → App.tsx) and its static imports come on top.
 */
const PAGES: Record<string, string[]> = {
  '/sign-in': ['accounts/SignInPage.tsx'],
  // SignedInLayout's preload imports accounts/api; the home route's preload sessions/api and patients/api.
  '/': [
    'accounts/SignedInLayout.tsx',
    'accounts/api.ts',
    'sessions/HomePage.tsx',
    'sessions/api.ts',
    'patients/api.ts',
  ],
  '/sessions/:id': [
    'accounts/SignedInLayout.tsx',
    'accounts/api.ts',
    'sessions/SessionPage.tsx',
    'sessions/api.ts',
  ],
  '/join/:sessionId': ['sessions/JoinPage.tsx'],
  // PreCallLayout's preload (preloadSession) imports sessions/api.
  '/sessions/:id/check': [
    'sessions/PreCallLayout.tsx',
    'sessions/api.ts',
    'devices/DeviceCheckPage.tsx',
  ],
  '/sessions/:id/consent': [
    'sessions/PreCallLayout.tsx',
    'sessions/api.ts',
    'consent/ConsentPage.tsx',
  ],
  '/sessions/:id/waiting': [
    'sessions/PreCallLayout.tsx',
    'sessions/api.ts',
    'admission/WaitingPage.tsx',
  ],
  '/sessions/:id/call': ['call/CallPage.tsx'],
}
const PATHS = {
  // Someone with a personal link and nothing to sign (a specialist; a patient who has answered every document).
  guest: ['/join/:sessionId', '/sessions/:id/check', '/sessions/:id/waiting'],
  // The same with the consent step on the way: a patient, or a partner, with a document still to answer.
  patient: [
    '/join/:sessionId',
    '/sessions/:id/check',
    '/sessions/:id/consent',
    '/sessions/:id/waiting',
  ],
  clinician: ['/sign-in', '/', '/sessions/:id', '/sessions/:id/check', '/sessions/:id/waiting'],
} as const
const CALL_PAGE = '/sessions/:id/call'

/**
 * What the call page loads by itself, with no action, once it is up (mirrors web/src/call/InCall.tsx and
 * side-panels.tsx): the care plan beside the video for everyone after the first remote frame (or a second); for the
 * patient of a joint session their consent controls; for hosts (the clinician path is read as a host's) their tools,
 * the measures panel, moderation and the step-out dialog. In no figure of the aim (they load after the first frame);
 * reported as incall_settled_* so the weight of the call a minute in is in view.
 */
const AFTER_FIRST_FRAME: Record<keyof typeof PATHS, string[]> = {
  guest: ['careplan/CarePlan.tsx'],
  patient: ['careplan/CarePlan.tsx', 'consent/PatientControls.tsx'],
  clinician: [
    'careplan/CarePlan.tsx',
    'call/HostTools.tsx',
    'outcomes/MeasuresPanel.tsx',
    'call/HostModeration.tsx',
    'call/StepOutDialog.tsx',
  ],
}

// ─── building ───────────────────────────────────────────────────────────────────────────────────────────────────

/** Vite's messages on stderr (stdout carries only the JSON line); info lines only with --verbose. */
function stderrLogger(verbose: boolean): Logger {
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

type Built = { outDir: string; chunks: Rolldown.OutputChunk[]; manifest: Manifest; ms: number }

/** Runs one Vite build with console.log sent to stderr meanwhile, so no plugin can write to stdout. */
async function viteBuild(outDir: string, config: Parameters<typeof build>[0]): Promise<Built> {
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

type Graph = {
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

async function readGraph(b: Built): Promise<Graph> {
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
function closure(g: Graph, files: Iterable<string>, into = new Set<string>()): Set<string> {
  const stack = [...files]
  while (stack.length) {
    const f = stack.pop()!
    if (into.has(f)) continue
    into.add(f)
    stack.push(...(g.node.get(f)?.imports ?? []))
  }
  return into
}

const sum = (g: Graph, files: Iterable<string>, key: 'gz' | 'raw' = 'gz') => {
  let n = 0
  for (const f of files) n += g.sizes.get(f)![key]
  return n
}

/**
 * The file holding a module App.tsx loads lazily; fails unless the entry's chunk really imports that chunk
 * dynamically (or already has it), so a reshaped App.tsx makes the benchmark stop rather than measure the wrong thing.
 */
function routeFile(g: Graph, entrySet: Set<string>, relToSrc: string): string {
  const id = path.join(webRoot, 'src', relToSrc)
  if (!existsSync(id))
    throw new Error(
      `web/src/${relToSrc} does not exist: update PAGES in ${path.relative(repoRoot, thisFile)}`
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
      `web/src/${relToSrc} (in ${file}) is not imported dynamically by the entry: update PAGES in ${path.relative(repoRoot, thisFile)}`
    )
  }
  return file
}

/** The file holding a module that some chunk loads lazily (not a route), for AFTER_FIRST_FRAME. */
function lazyModuleFile(g: Graph, relToSrc: string): string {
  const id = path.join(webRoot, 'src', relToSrc)
  const file = g.fileOfModule.get(id)
  if (!existsSync(id) || !file)
    throw new Error(
      `web/src/${relToSrc} is in no chunk: update AFTER_FIRST_FRAME in ${path.relative(repoRoot, thisFile)}`
    )
  return file
}

/** Dynamic imports inside a set of files that the set does not already hold: loaded only on some action. */
function deferred(g: Graph, files: Set<string>): string[] {
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
function lazyReach(g: Graph, files: Set<string>): Set<string> {
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
function ownerOf(id: string, appLabel: string): string {
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
function moduleWeight(id: string, code: string | null): number {
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
function composition(g: Graph, files: Set<string>, appLabel: string): Record<string, number> {
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
function inputsHash(g: Graph): string {
  const h = createHash('sha256')
  const ids = [...g.fileOfModule.keys()].filter((id) => !id.startsWith('\0')).sort()
  for (const id of ids) {
    const file = id.split('?')[0]!
    h.update(path.relative(repoRoot, file))
    if (existsSync(file)) h.update(readFileSync(file))
  }
  return h.digest('hex').slice(0, 16)
}

function versionOf(pkg: string): string {
  const file = path.join(repoRoot, 'node_modules', pkg, 'package.json')
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
}

const shortName = (file: string) => path.basename(file)

const METHOD = [
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

// ─── the benchmark ──────────────────────────────────────────────────────────────────────────────────────────────

export async function run(args: string[]): Promise<number> {
  const keep = args.includes('--keep')
  const verbose = args.includes('--verbose')
  for (const a of args)
    if (a !== '--keep' && a !== '--verbose')
      throw new Error(`unknown option ${a}; options: --keep --verbose`)

  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'careteam-bench-bundle-'))
  const cleanUp = () => (keep ? Promise.resolve() : fs.rm(tmp, { recursive: true, force: true }))
  const onSignal = () => void cleanUp().finally(() => process.exit(130))
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  const customLogger = stderrLogger(verbose)
  // Vite's build reporter writes its progress lines to stdout unless the level is below info.
  const logLevel = verbose ? 'info' : 'warn'
  // Reporting only: no gzip pass of Vite's own, no warnings that a chunk is over 500 kB or that plugins were slow.
  const quiet = {
    reportCompressedSize: false,
    chunkSizeWarningLimit: 10_000,
    rolldownOptions: { checks: { bundlerTimings: false } },
  }

  try {
    // Ours: the app's own config; only where it writes, and the manifest, change.
    const oursOut = path.join(tmp, 'ours')
    progress(`building the web client (web/vite.config.ts) into ${oursOut}`)
    const ours = await viteBuild(oursOut, {
      configFile: path.join(webRoot, 'vite.config.ts'),
      mode: 'production',
      logLevel,
      customLogger,
      build: { outDir: oursOut, emptyOutDir: true, manifest: true, ...quiet },
    })

    // The peer: a plain React app, JSX by Vite's built-in transform (oxc), no plugins.
    const peerOut = path.join(tmp, 'peer')
    progress(`building the peer (tests/bench/peer-bundle) into ${peerOut}`)
    const peer = await viteBuild(peerOut, {
      configFile: false,
      root: peerRoot,
      base: '/',
      mode: 'production',
      publicDir: false,
      envDir: false,
      logLevel,
      customLogger,
      oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
      build: { outDir: peerOut, emptyOutDir: true, manifest: true, target: 'es2022', ...quiet },
    })

    // Ours: the sets per path.
    const g = await readGraph(ours)
    const entrySet = closure(g, [g.entryFile])
    const pageFiles = (page: string) =>
      closure(
        g,
        PAGES[page]!.map((m) => routeFile(g, entrySet, m))
      )
    const pathSet = (pages: readonly string[]) => {
      const s = new Set(entrySet)
      for (const p of pages) closure(g, pageFiles(p), s)
      return s
    }
    const guest = pathSet(PATHS.guest)
    const patient = pathSet(PATHS.patient)
    const clinician = pathSet(PATHS.clinician)
    const callPage = pageFiles(CALL_PAGE)
    const callOnly = new Set([...callPage].filter((f) => !guest.has(f)))
    const callOnlyClinician = new Set([...callPage].filter((f) => !clinician.has(f)))
    const guestInCall = new Set([...guest, ...callPage])
    const patientInCall = new Set([...patient, ...callPage])
    const clinicianInCall = new Set([...clinician, ...callPage])
    const callDirect = new Set([...entrySet, ...callPage])
    const settled = (inCall: Set<string>, path: keyof typeof PATHS) =>
      closure(
        g,
        AFTER_FIRST_FRAME[path].map((m) => lazyModuleFile(g, m)),
        new Set(inCall)
      )
    const settledGuest = sum(g, settled(guestInCall, 'guest'))
    const settledPatient = sum(g, settled(patientInCall, 'patient'))
    const settledClinician = sum(g, settled(clinicianInCall, 'clinician'))

    // Nothing of livekit-client may load before the call.
    const livekitBeforeCall = [...new Set([...patient, ...clinician])].filter((f) =>
      g.chunks
        .find((c) => c.fileName === f)!
        .moduleIds.some((id) => /[\\/]node_modules[\\/](livekit-client|@livekit)[\\/]/.test(id))
    )
    // Nor the signed-in shell on a link holder's way (a code-splitting group that takes in shared modules puts it there).
    const shellForGuests = [...patient].filter((f) =>
      g.chunks
        .find((c) => c.fileName === f)!
        .moduleIds.some((id) => id === path.join(webRoot, 'src/accounts/SignedInLayout.tsx'))
    )

    // The peer: entry (pre-join) and its call chunk.
    const pg = await readGraph(peer)
    const peerEntry = closure(pg, [pg.entryFile])
    const peerCallId = path.join(peerRoot, 'CallPage.tsx')
    const peerCallFile = pg.fileOfModule.get(peerCallId)
    if (!peerCallFile) throw new Error('the peer build has no chunk holding CallPage.tsx')
    const peerAll = closure(pg, [peerCallFile], new Set(peerEntry))
    if (peerAll.size !== pg.node.size)
      progress(`note: the peer emitted ${pg.node.size} JS files, its call loads ${peerAll.size}`)

    const precallGuest = sum(g, guest)
    const precallPatient = sum(g, patient)
    const precallClinician = sum(g, clinician)
    const totalGuest = sum(g, guestInCall)
    const totalPatient = sum(g, patientInCall)
    const totalClinician = sum(g, clinicianInCall)
    const precall = Math.max(precallGuest, precallPatient, precallClinician)
    const precallLinkHolder = Math.max(precallGuest, precallPatient)
    const incallTotal = Math.max(totalGuest, totalPatient, totalClinician)
    const peerTotal = sum(pg, peerAll)
    const ratio = incallTotal / peerTotal
    const ratioGuest = totalGuest / peerTotal

    /** Every CSS file the build emitted, each gzipped alone (reported apart: the aims are about JavaScript). */
    const cssOf = async (b: Built) => {
      const files = new Set<string>()
      for (const m of Object.values(b.manifest)) {
        if (m.file.endsWith('.css')) files.add(m.file)
        for (const css of m.css ?? []) files.add(css)
      }
      let gz = 0
      for (const f of files)
        gz += gzipSync(await fs.readFile(path.join(b.outDir, f)), {
          level: constants.Z_BEST_COMPRESSION,
        }).length
      return gz
    }

    const chunkSizes = (gr: Graph) => {
      const out: Record<string, number> = {}
      for (const [f, s] of [...gr.sizes].sort((a, b) => b[1].gz - a[1].gz))
        out[shortName(f)] = kb(s.gz)
      return out
    }
    const names = (s: Set<string>) => [...s].map(shortName).sort()

    const result = {
      bench: 'bundle',
      precall_kb_gz: kb(precall),
      precall_guest_kb_gz: kb(precallGuest),
      precall_patient_kb_gz: kb(precallPatient),
      precall_clinician_kb_gz: kb(precallClinician),
      incall_kb_gz: kb(sum(g, callOnly)),
      incall_after_clinician_path_kb_gz: kb(sum(g, callOnlyClinician)),
      incall_total_kb_gz: kb(incallTotal),
      incall_total_guest_kb_gz: kb(totalGuest),
      incall_total_patient_kb_gz: kb(totalPatient),
      incall_total_clinician_kb_gz: kb(totalClinician),
      call_page_direct_kb_gz: kb(sum(g, callDirect)),
      peer_kb_gz: kb(peerTotal),
      peer_precall_kb_gz: kb(sum(pg, peerEntry)),
      peer_call_chunk_kb_gz: kb(sum(pg, new Set([...peerAll].filter((f) => !peerEntry.has(f))))),
      incall_ratio: round3(ratio),
      incall_ratio_guest: round3(ratioGuest),
      incall_ratio_patient: round3(totalPatient / peerTotal),
      // The pre-call aim is the guest's (a patient or other person opening their link), with or without the
      // consent step; the clinician's way in (sign-in, home, session page) is reported beside it as
      // precall_clinician_kb_gz, with no aim of its own.
      aim: `max(precall_guest_kb_gz, precall_patient_kb_gz) <= ${AIM_PRECALL_KB} && incall_ratio <= ${AIM_INCALL_RATIO}`,
      aim_precall_met: kb(precallLinkHolder) <= AIM_PRECALL_KB,
      aim_incall_met: ratio <= AIM_INCALL_RATIO,
      livekit_before_call: livekitBeforeCall.map(shortName),
      signed_in_shell_for_guests: shellForGuests.map(shortName),
      // Not the aim's figure: the call a minute in, with what it loads by itself after the first frame.
      incall_settled_kb_gz: {
        guest: kb(settledGuest),
        patient: kb(settledPatient),
        clinician: kb(settledClinician),
      },
      incall_settled_ratio: {
        guest: round3(settledGuest / peerTotal),
        patient: round3(settledPatient / peerTotal),
        clinician: round3(settledClinician / peerTotal),
      },
      // In no figure above: what each path's call could still fetch if every lazily loaded part were opened (care
      // plan, dialogs, host tools, …), the upper bound of what loads after the first frame.
      lazy_in_call_kb_gz: {
        guest: kb(sum(g, lazyReach(g, guestInCall))),
        patient: kb(sum(g, lazyReach(g, patientInCall))),
        clinician: kb(sum(g, lazyReach(g, clinicianInCall))),
      },
      raw_kb: {
        precall_guest: kb(sum(g, guest, 'raw')),
        precall_patient: kb(sum(g, patient, 'raw')),
        precall_clinician: kb(sum(g, clinician, 'raw')),
        incall: kb(sum(g, callOnly, 'raw')),
        incall_total: kb(
          Math.max(
            sum(g, guestInCall, 'raw'),
            sum(g, patientInCall, 'raw'),
            sum(g, clinicianInCall, 'raw')
          )
        ),
        peer: kb(sum(pg, peerAll, 'raw')),
        peer_precall: kb(sum(pg, peerEntry, 'raw')),
      },
      css_kb_gz: kb(await cssOf(ours)),
      peer_css_kb_gz: kb(await cssOf(peer)),
      chunks_kb_gz: chunkSizes(g),
      sets: {
        /** Where each module App.tsx lazy-loads on these paths ended up. */
        route_modules: Object.fromEntries(
          [...new Set(Object.values(PAGES).flat())]
            .sort()
            .map((m) => [m, shortName(routeFile(g, entrySet, m))])
        ),
        entry: names(entrySet),
        guest: names(guest),
        patient: names(patient),
        clinician: names(clinician),
        call_only: names(callOnly),
        deferred_guest: deferred(g, guest),
        deferred_clinician: deferred(g, clinician),
        deferred_call: deferred(g, guestInCall),
      },
      peer_chunks_kb_gz: chunkSizes(pg),
      composition_kb_gz_est: {
        ours_precall_guest: composition(g, guest, 'app'),
        ours_precall_patient: composition(g, patient, 'app'),
        ours_precall_clinician: composition(g, clinician, 'app'),
        ours_call_only: composition(g, callOnly, 'app'),
        peer: composition(pg, peerAll, 'peer app'),
      },
      versions: {
        react: versionOf('react'),
        'react-dom': versionOf('react-dom'),
        '@livekit/components-react': versionOf('@livekit/components-react'),
        '@livekit/components-core': versionOf('@livekit/components-core'),
        '@livekit/components-styles': versionOf('@livekit/components-styles'),
        'livekit-client': versionOf('livekit-client'),
        'solid-js': versionOf('solid-js'),
        zod: versionOf('zod'),
        vite: versionOf('vite'),
        rolldown: versionOf('rolldown'),
      },
      inputs_sha256: { ours: inputsHash(g), peer: inputsHash(pg) },
      build_ms: { ours: Math.round(ours.ms), peer: Math.round(peer.ms) },
      gzip: 'zlib level 9, each file alone; kB = 1000 bytes',
      method: METHOD,
    }
    progress(
      `precall ${result.precall_kb_gz} kB (guest ${result.precall_guest_kb_gz}, patient ${result.precall_patient_kb_gz}, clinician ${result.precall_clinician_kb_gz}), ` +
        `call +${result.incall_kb_gz} kB, in-call total ${result.incall_total_kb_gz} kB vs peer ${result.peer_kb_gz} kB → ${result.incall_ratio}`
    )
    if (keep) progress(`kept ${tmp}`)
    process.stdout.write(JSON.stringify(result) + '\n')
    return 0
  } finally {
    await cleanUp()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}
