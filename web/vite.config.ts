// Builds the web client into dist/web, which the app server serves. Paths come from this file's
// location so `vite build --config web/vite.config.ts` works from any working directory.
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import solid from 'vite-plugin-solid'

const webRoot = fileURLToPath(new URL('.', import.meta.url))
const repoRoot = fileURLToPath(new URL('..', import.meta.url))
const appServer = 'http://127.0.0.1:3000'

export default defineConfig({
  root: webRoot,
  publicDir: fileURLToPath(new URL('public', import.meta.url)),
  plugins: [solid()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Every browser that runs es2022 code also supports <link rel="modulepreload"> (Chromium 66, Firefox 115,
    // Safari 17), so the polyfill only added 0.5 kB gzip to every page.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // Keep these tests narrow: a broad /node_modules/ group would pull the call page's livekit-client into the
        // first load.
        codeSplitting: {
          groups: [
            // Everything before the call (join, device check, waiting room), what they share with the shell, and the
            // libraries every page needs (solid-js and its router, zod/mini), in one file: one gzip stream compresses
            // far better than a dozen small chunks (as separate solid and zod files they were 1.4 kB gzip larger),
            // and a patient on a phone makes fewer requests. The first page loads it; every page up to the call then
            // costs nothing. What it gives up: a release that changes any page re-sends the libraries too.
            // The consent step's page (≈ 3 kB gzip) is its own chunk: only someone with a document still to answer
            // opens it. The cover choices and Field, which the session page's consent section shares, stay here.
            // lib/zod-config.ts must run before any schema is built: main.tsx imports it before App, and every
            // other chunk with schemas imports this one, so it does. zod's English messages (its locales) are left
            // out: only clinicians' forms show them (shared/zod-messages.ts), so they go where lib/forms goes.
            {
              name: 'precall',
              priority: 2,
              test: /[\\/]node_modules[\\/](solid-js[\\/]|@solidjs[\\/]|zod[\\/](?!(v4[\\/])?locales[\\/]))|[\\/]web[\\/]src[\\/]lib[\\/]zod-config\.ts$|[\\/]shared[\\/]zod\.ts$|[\\/]web[\\/]src[\\/](sessions[\\/](JoinPage|PreCallLayout|participants)\.tsx?$|devices[\\/][^\\/]+\.tsx?$|admission[\\/](WaitingPage|WaitingCard|api)\.tsx?$|consent[\\/](api|CoverChoices|CategoryGlossary)\.tsx?$|ui[\\/]Field\.tsx$|clinic[\\/][^\\/]+\.tsx?$|lib[\\/]events\.ts$)/,
            },
            // A clinician's way to the call (sign-in, the signed-in shell, home, the session page) in one file, for the
            // same reason (19 small files were ≈ 4.7 kB gzip larger). Only modules no page open to guests imports, and
            // without their dependencies: with them, the group took in what these pages share with the entry and the
            // call (server-contact, accounts/api, the dialog shell), and every guest loaded it. No chunk cycles result
            // (checked in the build's manifest).
            {
              name: 'clinic',
              priority: 1,
              includeDependenciesRecursively: false,
              test: /[\\/]web[\\/]src[\\/](accounts[\\/](SignInPage|SignedInLayout|IdleWarning|idle-logoff|sign-out|me)|sessions[\\/](HomePage|SessionList|SessionPage|ParticipantItem|refresh|host-api)|patients[\\/](PatientList|api)|outcomes[\\/](SafetyAlertBanner|alerts-api|team-events)|consent[\\/]PatientConsentSection|ui[\\/](RecordPage|ConfirmDialog)|lib[\\/]forms)\.tsx?$|[\\/]shared[\\/]zod-messages\.ts$|[\\/]node_modules[\\/]zod[\\/]v4[\\/]locales[\\/]en\.js$/,
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
