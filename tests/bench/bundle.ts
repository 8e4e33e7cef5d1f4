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
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { constants, gzipSync } from 'node:zlib'
import {
  AFTER_FIRST_FRAME,
  AIM_INCALL_RATIO,
  AIM_PRECALL_KB,
  CALL_PAGE,
  kb,
  PAGES,
  PATHS,
  peerRoot,
  progress,
  round3,
  webRoot,
} from './bundle-paths'
import {
  type Built,
  closure,
  composition,
  deferred,
  type Graph,
  inputsHash,
  lazyModuleFile,
  lazyReach,
  METHOD,
  readGraph,
  routeFile,
  shortName,
  stderrLogger,
  sum,
  versionOf,
  viteBuild,
} from './bundle-graph'

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
