// Builds the web client into dist/web, which the app server serves. Paths come from this file's
// location so `vite build --config web/vite.config.ts` works from any working directory.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vite'
import solid from 'vite-plugin-solid'

const webRoot = fileURLToPath(new URL('.', import.meta.url))
const repoRoot = fileURLToPath(new URL('..', import.meta.url))
const appServer = 'http://127.0.0.1:3000'

// zod's classic API carries its JSON Schema converter on every schema (about 5 kB gzip, a twelfth of what a patient
// loads before the call). The browser only parses; it never converts a schema. The build swaps the two converter
// modules for stubs with the same exports that throw if called (so do the derived properties that read through them,
// such as schema.minLength, which the web never reads). If zod moves them, the test stops matching and the build is
// merely bigger again; the e2e tests exercise the schemas that remain on every page.
function zodWithoutJsonSchema(): Plugin {
  const converter =
    /[\\/]node_modules[\\/]zod[\\/]v4[\\/]core[\\/](json-schema-processors|to-json-schema)\.js$/
  return {
    name: 'zod-without-json-schema',
    apply: 'build',
    enforce: 'pre',
    load(id) {
      if (!converter.test(id)) return null
      const source = readFileSync(id, 'utf8')
      const names = [...source.matchAll(/^export (?:function|const) (\w+)/gm)].map((m) => m[1]!)
      const aliases = [...source.matchAll(/^export \{ (\w+) as (\w+) \}/gm)].map(
        (m) => `${m[1]} as ${m[2]}`
      )
      return [
        "const none = () => { throw new Error('JSON Schema conversion is not part of the web build.') }",
        // The create…Method factories run when a schema is read through Standard Schema; what they make throws.
        ...names.map(
          (n) => `export const ${n} = ${n.startsWith('create') ? '() => none' : 'none'}`
        ),
        ...(aliases.length ? [`export { ${aliases.join(', ')} }`] : []),
      ].join('\n')
    },
  }
}

export default defineConfig({
  root: webRoot,
  publicDir: fileURLToPath(new URL('public', import.meta.url)),
  plugins: [zodWithoutJsonSchema(), solid()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      output: {
        // Name the libraries every page needs, so sizes read plainly. Keep these tests narrow: a
        // broad /node_modules/ group would pull the call page's livekit-client into the first load.
        codeSplitting: {
          groups: [
            { name: 'solid', priority: 2, test: /[\\/]node_modules[\\/](solid-js|@solidjs)[\\/]/ },
            // Everything before the call (join, device check, waiting room, consent) and what they share with the
            // shell, in one file: one gzip stream compresses far better than a dozen small chunks, and a patient on a
            // phone makes fewer requests. The first page loads it; every page up to the call then costs nothing.
            {
              name: 'precall',
              priority: 1,
              test: /[\\/]web[\\/]src[\\/](sessions[\\/](JoinPage|PreCallLayout|participants)\.tsx?$|devices[\\/][^\\/]+\.tsx?$|admission[\\/](WaitingPage|api)\.tsx?$|consent[\\/](ConsentPage|ConsentStep|CoverChoices|CoverGrid|CoverReview|api)\.tsx?$|clinic[\\/][^\\/]+\.tsx?$|lib[\\/]events\.ts$)/,
            },
            // zod/mini and the core under it, which every page's schemas use. Classic zod (v4/classic and the package's
            // root index) stays out: only the outcomes and care-plan schemas still use it, and it goes with their chunks.
            {
              name: 'zod',
              priority: 2,
              test: /[\\/]node_modules[\\/]zod[\\/](?!v4[\\/]classic[\\/]|index\.js$|v4[\\/]index\.js$)|[\\/]web[\\/]src[\\/]lib[\\/]zod-config\.ts$|[\\/]shared[\\/]zod\.ts$/,
            },
          ],
        },
      },
    },
  },
  server: {
    // The web imports zod schemas from the repo-root shared/ folder.
    fs: { allow: [repoRoot] },
    proxy: {
      '/api': {
        target: appServer,
        changeOrigin: true,
        configure: (proxy) => {
          // The app server refuses writes from any origin but PUBLIC_URL's. A request from this dev server's
          // own page is same-site in spirit, so present it as coming from the app server's public address.
          proxy.on('proxyReq', (proxyReq, req) => {
            if (req.headers.origin === `http://${req.headers.host}`) {
              proxyReq.setHeader('origin', process.env.PUBLIC_URL ?? 'http://localhost:3000')
            }
          })
        },
      },
      '/healthz': appServer,
      '/readyz': appServer,
    },
  },
})
