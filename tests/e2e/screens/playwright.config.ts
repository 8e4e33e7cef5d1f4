// `npm run screens`: the screenshots the README shows, taken from the real app (tests/e2e/screens/*.png).
// Its own config so the e2e suite never writes into the repository.
import { fileURLToPath } from 'node:url'
import { defineConfig } from '@playwright/test'
import base from '../../../playwright.config'

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: '*.shots.ts',
  timeout: 180_000,
  webServer: base.webServer && !Array.isArray(base.webServer)
    ? { ...base.webServer, cwd: repoRoot }
    : base.webServer,
})
