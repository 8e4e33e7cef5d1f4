// Benchmark dispatcher: `npm run bench -- <name> [options]`. Each benchmark prints exactly one JSON line on stdout
// (progress goes to stderr) and names a peer measured in the same run. Never part of `npm test`.
export {}

type Bench = { about: string; load: () => Promise<{ run: (args: string[]) => Promise<number> }> }

// Loaded lazily, so listing the names (or running one benchmark) does not pay for the others' imports.
const benches: Record<string, Bench> = {
  startup: {
    about:
      'cold and warm start of the whole app (spawn → /readyz 200) vs the embedded PostgreSQL alone on the same data',
    load: () => import('./startup'),
  },
  revocation: {
    about:
      'consent withdrawal committed → the participant disconnected by LiveKit vs an authenticated event round trip',
    load: () => import('./revocation'),
  },
  bundle: {
    about:
      'JS (gzip) before the call and in it, built in the run, vs a React + LiveKit components (Meet-style) bundle',
    load: () => import('./bundle'),
  },
  scale: {
    about:
      'N open event streams (up to 10,000) on one instance, then two: fan-out latency and RSS vs a bare Hono SSE peer',
    load: () => import('./scale'),
  },
  careplan: {
    about:
      'care-plan edit propagation, 50 plans × 5 editors at once, through the app vs a raw y-protocols relay',
    load: () => import('./careplan'),
  },
  outcomes: {
    about:
      'questionnaire submissions/s and p99 (check, score, store, audit in one transaction) vs a bare Hono JSON POST',
    load: () => import('./outcomes'),
  },
  join: {
    about:
      'host admits a waiting patient → their first remote video frame, vs a bare LiveKit join with a pre-minted token',
    load: () => import('./join'),
  },
}

function usage() {
  process.stderr.write('Usage: npm run bench -- <name> [options]\n\nBenchmarks:\n')
  for (const [name, b] of Object.entries(benches))
    process.stderr.write(`  ${name.padEnd(10)} ${b.about}\n`)
}

const [name, ...rest] = process.argv.slice(2)
const bench = name ? benches[name] : undefined
if (!bench) {
  if (name && name !== '--help' && name !== '-h')
    process.stderr.write(`Unknown benchmark "${name}".\n\n`)
  usage()
  process.exit(1)
}
const mod = await bench.load()
// Exit explicitly: a stray handle (a pool socket, a timer) must not keep a finished benchmark alive.
process.exit(await mod.run(rest))
