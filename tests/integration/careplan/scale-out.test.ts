// Two app instances behind one Redis: edits and presence made on one reach the clients of the other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { projectDoc } from '../../../shared/careplan-ydoc'
import * as careplan from '../../../server/careplan/service'
import { startTestApp, type TestApp } from '../../support/app'
import {
  type CollabServer,
  openPart,
  startCollabServer,
  synced,
  until,
} from '../../support/careplan'
import { random, randomEdit } from '../../support/careplan-edits'
import { createCareTeam, createClinic, createClinician, signIn } from '../../support/people'
import { startRedis } from '../../support/redis'

let t: TestApp
let redis: Awaited<ReturnType<typeof startRedis>>
let one: CollabServer
let two: CollabServer
let cookies: string[]
let patientId: string

beforeAll(async () => {
  t = await startTestApp()
  redis = await startRedis()
  const deps = { ...t.deps, config: { ...t.deps.config, redisUrl: redis.url } }
  ;[one, two] = await Promise.all([startCollabServer(deps), startCollabServer(deps)])
  const clinicId = (await createClinic(t)).id
  const team = await Promise.all(
    [0, 1, 2, 3].map((i) => createClinician(t, clinicId, { name: `Clinician ${i + 1}` }))
  )
  patientId = (await createCareTeam(t, clinicId, team)).id
  cookies = await Promise.all(team.map((c) => signIn(t, c)))
})
afterAll(async () => {
  await one?.stop()
  await two?.stop()
  await redis?.stop()
})

describe('two app instances and one Redis', () => {
  it('converge: edits and presence cross instances, and the stored plan agrees', async () => {
    const seed = Number(process.env.CAREPLAN_SEED ?? Date.now() % 100000)
    const rnd = random(seed)
    const clients = cookies.map((cookie, i) => {
      const s = i % 2 === 0 ? one : two
      return openPart(s.url, s.origin, cookie, patientId, 'interventions')
    })
    await Promise.all(clients.map(synced))
    // Presence must carry the name the server knows the caller by (server/careplan/presence.ts).
    clients[0]!.provider.setAwarenessField('user', { name: 'Clinician 1', color: '#336699' })
    await until(
      () =>
        [...clients[1]!.provider.awareness!.getStates().values()].some(
          (s) => (s.user as { name?: string } | undefined)?.name === 'Clinician 1'
        ),
      'presence to cross instances'
    )
    for (let round = 0; round < 60; round++) {
      const who = Math.floor(rnd() * clients.length)
      randomEdit(clients[who]!.doc, rnd, `p${who}`)
      if (rnd() < 0.3) await new Promise((r) => setTimeout(r, rnd() * 10))
    }
    const view = (i: number) => JSON.stringify(projectDoc('interventions', clients[i]!.doc))
    await until(
      () => clients.every((_, i) => view(i) === view(0)),
      `all copies to agree across instances (seed ${seed})`
    )
    await Promise.all([one.collaboration.flush(patientId), two.collaboration.flush(patientId)])
    expect(JSON.stringify((await careplan.currentPlan(t.deps.db, patientId)).interventions)).toBe(
      view(0)
    )
    for (const c of clients) c.destroy()
  })
})
