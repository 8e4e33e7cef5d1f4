// The app as `npm start` runs it (embedded PostgreSQL, local LiveKit, demo data), on a fresh data directory.
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { loadConfig } from '../../server/config'
import { startServer } from '../../server/main'

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'careteam-e2e-'))
await fs.chmod(dir, 0o755)
const config = loadConfig({
  ...process.env,
  DATA_DIR: dir,
  SEED_DEMO: 'true',
  // The demo clinic's contact, as the screens that end a visit show it.
  CLINIC_NAME: process.env.CLINIC_NAME ?? 'Riverside Integrated Care',
  CLINIC_PHONE: process.env.CLINIC_PHONE ?? '020 7946 0321',
  CLINIC_EMAIL: process.env.CLINIC_EMAIL ?? 'care@riverside.example',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
})
const running = await startServer(config)

const stop = async () => {
  await running.stop()
  await fs.rm(dir, { recursive: true, force: true })
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
