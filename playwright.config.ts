import { defineConfig } from '@playwright/test'

// A port of its own per run, so a second suite (another checkout, a developer's) cannot collide. Set in the
// environment because workers evaluate this file again and must agree with the main process.
process.env.E2E_PORT ??= String(20_000 + Math.floor(Math.random() * 20_000))
const port = Number(process.env.E2E_PORT)

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  forbidOnly: true,
  // A retry would hide exactly the races this product must not have.
  retries: 0,
  // Two cores: one browser flow at a time keeps media and the SFU responsive.
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        '--allow-loopback-in-peer-connection',
        '--autoplay-policy=no-user-gesture-required',
        '--disable-background-networking',
        '--disable-gpu',
        '--no-sandbox',
      ],
    },
  },
  webServer: {
    command: 'tsx tests/support/e2e-server.ts',
    url: `http://127.0.0.1:${port}/readyz`,
    env: { PORT: String(port) },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
