// Five people edit one plan part at random at once, some of them dropping offline and coming back: every copy
// and the stored plan end up the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { projectDoc } from '../../../shared/careplan-ydoc'
import * as careplan from '../../../server/careplan/service'
import { startTestApp, type TestApp } from '../../support/app'
import {
  type CollabServer,
  openPart,
  type PartClient,
  startCollabServer,
  synced,
  until,
} from '../../support/careplan'
import { random, randomEdit } from '../../support/careplan-edits'
import { createCareTeam, createClinic, createClinician, signIn } from '../../support/people'

let t: TestApp
let server: CollabServer
let cookies: string[]
let patientId: string

beforeAll(async () => {
  t = await startTestApp()
  server = await startCollabServer(t.deps)
  const clinicId = (await createClinic(t)).id
  const team = await Promise.all([0, 1, 2, 3, 4].map(() => createClinician(t, clinicId)))
  patientId = (await createCareTeam(t, clinicId, team)).id
  cookies = await Promise.all(team.map((c) => signIn(t, c)))
})
afterAll(() => server.stop())

/** Back online; a socket already connecting is left alone (closing it half-open throws in ws). */
const reconnect = (c: PartClient) => {
  if (c.socket.status === 'disconnected') void c.socket.connect().catch(() => undefined)
}
const view = (c: PartClient) => JSON.stringify(projectDoc('interventions', c.doc))

describe('five editors at once', () => {
  it('converge to one plan, also after edits made offline', async () => {
    const seed = Number(process.env.CAREPLAN_SEED ?? Date.now() % 100000)
    const rnd = random(seed)
    const clients = cookies.map((cookie) =>
      openPart(server.url, server.origin, cookie, patientId, 'interventions')
    )
    await Promise.all(clients.map(synced))
    for (let round = 0; round < 40; round++) {
      const who = Math.floor(rnd() * clients.length)
      const c = clients[who]!
      if (rnd() < 0.05) c.socket.disconnect()
      else if (rnd() < 0.3) reconnect(c)
      for (let i = 0; i < 5; i++) randomEdit(c.doc, rnd, `p${who}`)
      if (rnd() < 0.3) await new Promise((r) => setTimeout(r, rnd() * 20))
    }
    // Everyone comes back online (a socket still closing is reconnected on a later poll) and catches up.
    const allAgree = () => {
      clients.forEach(reconnect)
      return clients.every((c) => c.provider.isSynced && view(c) === view(clients[0]!))
    }
    await until(allAgree, `all five copies to agree (seed ${seed})`, 20_000).catch((err: Error) => {
      const state = clients.map((c) => [
        c.provider.isSynced,
        c.socket.status,
        c.closed,
        view(c).length,
      ])
      throw new Error(`${err.message}: ${JSON.stringify(state)}`)
    })
    await server.collaboration.flush(patientId)
    const stored = (await careplan.currentPlan(t.deps.db, patientId)).interventions
    expect(JSON.stringify(stored), `seed ${seed}`).toBe(view(clients[0]!))
    expect(stored.length).toBeGreaterThan(0)
    for (const c of clients) c.destroy()
  })
})
