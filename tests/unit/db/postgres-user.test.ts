// Running as root in a private folder: the embedded PostgreSQL's user must be able to reach its programs and data.
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { chmodSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmbeddedPostgres } from '../../../server/db/embedded'
import { firstBlockedFolder } from '../../../server/db/postgres-user'

let root: string
const stranger = { uid: 54321, gid: 54321 }

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'careteam-pguser-'))
  chmodSync(root, 0o755)
  await mkdir(path.join(root, 'private', 'clone', '.data'), { recursive: true })
  chmodSync(path.join(root, 'private'), 0o700)
})
afterAll(() => rm(root, { recursive: true, force: true }))

describe('the postgres user reaching its folders', () => {
  it('finds the private folder on the way, and nothing for the owner or an open path', () => {
    const target = path.join(root, 'private', 'clone', '.data')
    expect(firstBlockedFolder(target, stranger)).toBe(path.join(root, 'private'))
    const owner = statSync(root)
    expect(firstBlockedFolder(target, { uid: owner.uid, gid: owner.gid })).toBeUndefined()
    expect(firstBlockedFolder(root, stranger)).toBeUndefined()
    expect(firstBlockedFolder(path.join(root, 'not-yet', 'there'), stranger)).toBeUndefined()
  })

  it('refuses, as root, to start PostgreSQL where its user cannot go, saying what to do', async () => {
    const start = startEmbeddedPostgres(path.join(root, 'private', 'clone', '.data', 'postgres'))
    if (process.getuid?.() === 0) {
      await expect(start).rejects.toThrow(
        /"postgres" user, who cannot enter .*private \(mode 0700\)[\s\S]*DATABASE_URL/
      )
    } else {
      // Not root: PostgreSQL runs as this user, who owns the folder, so it simply starts.
      await (await start).stop()
    }
  })
})
