// The app server is killed (SIGKILL) at random moments while three people edit; it starts again on the same port.
// Every edit of a client that stayed open is there after it reconnects, exactly once; a graceful stop stores it all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import type * as Y from 'yjs'
import { itemsOf, newItem, projectDoc } from '../../../shared/careplan-ydoc'
import * as careplan from '../../../server/careplan/service'
import { startTestApp, type TestApp } from '../../support/app'
import {
  appDatabaseUrl,
  freePort,
  openPart,
  type PartClient,
  type ServerProcess,
  startServerProcess,
  until,
} from '../../support/careplan'
import { random } from '../../support/careplan-edits'
import { createCareTeam, createClinic, createClinician, signIn } from '../../support/people'

let t: TestApp
let cookies: string[]
let patientId: string
let running: ServerProcess | undefined

beforeAll(async () => {
  t = await startTestApp()
  const clinicId = (await createClinic(t)).id
  const team = await Promise.all([0, 1, 2].map(() => createClinician(t, clinicId)))
  patientId = (await createCareTeam(t, clinicId, team)).id
  cookies = await Promise.all(team.map((c) => signIn(t, c)))
})
afterAll(async () => {
  await running?.kill()
})

/** Each person only appends their own items and types into them, so "every edit" is exactly checkable. */
function editor(c: PartClient, name: string) {
  const written = new Map<string, string>()
  let n = 0
  return {
    written,
    edit(rnd: () => number) {
      const mine = [...written.keys()]
      if (mine.length === 0 || rnd() < 0.4) {
        const id = `${name}-${n++}`
        itemsOf(c.doc).push([newItem('goals', id, { text: id })])
        written.set(id, id)
      } else {
        const id = mine[Math.floor(rnd() * mine.length)]!
        const item = itemsOf(c.doc)
          .toArray()
          .find((i) => i.get('id') === id)!
        const text = item.get('text') as Y.Text
        text.insert(text.length, '+')
        written.set(id, written.get(id)! + '+')
      }
    },
  }
}

describe('killing the app server during co-editing', () => {
  it('loses and duplicates nothing across random kills and restarts', async () => {
    const seed = Number(process.env.CAREPLAN_SEED ?? Date.now() % 100000)
    const rnd = random(seed)
    const port = await freePort()
    const env = {
      PORT: String(port),
      DATABASE_URL: appDatabaseUrl(inject('adminUrl'), inject('appUser'), t.databaseName),
    }
    const url = `ws://127.0.0.1:${port}/api/careplan/socket`
    const origin = `http://127.0.0.1:${port}`
    running = await startServerProcess(env)
    const clients = cookies.map((cookie) => openPart(url, origin, cookie, patientId, 'goals'))
    const editors = clients.map((c, i) => editor(c, `p${i}`))
    await until(() => clients.every((c) => c.provider.isSynced), `first sync (seed ${seed})`)

    for (let round = 0; round < 3; round++) {
      // Edit for a random while, kill at a random moment, keep editing while it is down, start it again.
      const until_ = Date.now() + 100 + rnd() * 700
      while (Date.now() < until_) {
        editors[Math.floor(rnd() * editors.length)]!.edit(rnd)
        await new Promise((r) => setTimeout(r, rnd() * 15))
      }
      await running.kill()
      for (let i = 0; i < 10; i++) editors[Math.floor(rnd() * editors.length)]!.edit(rnd)
      running = await startServerProcess(env)
    }

    const expected = new Map(editors.flatMap((e) => [...e.written]))
    const complete = (c: PartClient) => {
      const items = itemsOf(c.doc).toArray()
      return (
        items.length === expected.size &&
        items.every((i) => expected.get(i.get('id') as string) === String(i.get('text')))
      )
    }
    await until(
      () => clients.every((c) => c.provider.isSynced && complete(c)),
      `every edit in every copy, once (seed ${seed})`,
      25_000
    ).catch((err: Error) => {
      const state = clients.map((c) => [
        c.provider.isSynced,
        c.socket.status,
        c.closed,
        c.denied,
        itemsOf(c.doc).length,
      ])
      throw new Error(`${err.message}: ${JSON.stringify(state)} of ${expected.size}`)
    })

    // A graceful stop stores everything: the stored plan is exactly what the clients hold.
    await running.stop()
    running = undefined
    const stored = (await careplan.currentPlan(t.deps.db, patientId)).goals
    expect(stored.map((g) => g.id).sort(), `seed ${seed}`).toEqual([...expected.keys()].sort())
    expect(stored).toEqual(projectDoc('goals', clients[0]!.doc))
    for (const c of clients) c.destroy()
  }, 90_000)
})
