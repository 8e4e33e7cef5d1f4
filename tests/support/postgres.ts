// Vitest globalSetup: one PostgreSQL per run (embedded, or DATABASE_URL's server) and a migrated template database.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { connect } from '../../server/db/client'
import { startEmbeddedPostgres } from '../../server/db/embedded'
import { migrateDatabase } from '../../server/db/migrate'
import { ensureLivekitBinary, startLivekit } from '../../scripts/livekit'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL with rights to create databases; the database name is replaced per test file. */
    adminUrl: string
    /** How the app connects: as the restricted app role when it exists, else as the admin. */
    appUser: { user: string; password: string } | null
    /** A real livekit-server for the run (null only when it could not be found or built). */
    livekit: { url: string; apiKey: string; apiSecret: string } | null
  }
}

export const TEMPLATE = 'app_template'

export function withDatabase(url: string, database: string) {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

export default async function setup(project: TestProject) {
  let adminUrl: string
  let stop = async () => {}
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL
  } else {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'careteam-test-pg-'))
    // PostgreSQL runs as its own user when the tests run as root; it must be able to enter the folder.
    await fs.chmod(dir, 0o755)
    const pg = await startEmbeddedPostgres(path.join(dir, 'data'))
    adminUrl = pg.urlFor('postgres')
    stop = async () => {
      await pg.stop()
      await fs.rm(dir, { recursive: true, force: true })
    }
  }
  const admin = connect(withDatabase(adminUrl, 'postgres'), { max: 1 })
  await admin.sql.unsafe(`drop database if exists ${TEMPLATE} with (force)`)
  await admin.sql.unsafe(`create database ${TEMPLATE}`)
  const password = randomBytes(24).toString('hex')
  const { appUrl } = await migrateDatabase(withDatabase(adminUrl, TEMPLATE), password)
  const app = new URL(appUrl)
  project.provide('adminUrl', adminUrl)
  project.provide(
    'appUser',
    app.username === new URL(adminUrl).username ? null : { user: app.username, password }
  )

  const binary = await ensureLivekitBinary()
  const livekit = binary.ok ? await startLivekit({ binaryPath: binary.path }) : undefined
  project.provide(
    'livekit',
    livekit ? { url: livekit.url, apiKey: livekit.apiKey, apiSecret: livekit.apiSecret } : null
  )

  return async () => {
    await livekit?.stop()
    await admin.sql.unsafe(`drop database if exists ${TEMPLATE} with (force)`)
    await admin.close()
    await stop()
  }
}
