// Hostile input on the document socket: garbage, truncated, byte-flipped and oversized updates.
import { randomBytes } from 'node:crypto'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { documentName } from '../../../shared/careplan'
import { conforms, itemsOf, newItem, projectDoc } from '../../../shared/careplan-ydoc'
import { MAX_MESSAGE_BYTES } from '../../../server/careplan/message-guard'
import * as careplan from '../../../server/careplan/service'
import { startTestApp, type TestApp } from '../../support/app'
import {
  type CollabServer,
  openPart,
  startCollabServer,
  synced,
  until,
} from '../../support/careplan'
import { createCareTeam, createClinic, createClinician, signIn } from '../../support/people'

let t: TestApp
let server: CollabServer
let cookie: string
let patientId: string

beforeAll(async () => {
  t = await startTestApp()
  server = await startCollabServer(t.deps)
  const clinicId = (await createClinic(t)).id
  const gp = await createClinician(t, clinicId)
  patientId = (await createCareTeam(t, clinicId, [gp])).id
  cookie = await signIn(t, gp)
})
afterAll(() => server.stop())

const MESSAGE_CLOSE = 7

function message(name: string, write: (e: encoding.Encoder) => void) {
  const e = encoding.createEncoder()
  encoding.writeVarString(e, name)
  write(e)
  return encoding.toUint8Array(e)
}
const syncUpdate = (name: string, update: Uint8Array) =>
  message(name, (e) => {
    encoding.writeVarUint(e, 0) // Sync
    encoding.writeVarUint(e, 2) // Update
    encoding.writeVarUint8Array(e, update)
  })

/** A raw socket authenticated for one document, recording the message types it receives and how it closed. */
async function attacker(name: string) {
  const ws = new WebSocket(server.url, { headers: { cookie, origin: server.origin } })
  const types: number[] = []
  let closedWith: number | undefined
  ws.on('message', (data: Buffer) => {
    const bytes = new Uint8Array(data)
    types.push(bytes[1 + bytes[0]!]!)
  })
  ws.on('close', (code) => (closedWith = code))
  await new Promise((r) => ws.once('open', r))
  ws.send(
    message(name, (e) => {
      encoding.writeVarUint(e, 2) // Auth
      encoding.writeVarUint(e, 0)
      encoding.writeVarString(e, '')
    })
  )
  await until(() => types.includes(2), 'authentication')
  return { ws, types, closed: () => closedWith }
}

describe('hostile updates', () => {
  it('closes the sender’s connection, keeps the stored plan and does not stall other documents', async () => {
    const goals = documentName(patientId, 'goals')
    const writer = openPart(server.url, server.origin, cookie, patientId, 'goals')
    await synced(writer)
    itemsOf(writer.doc).push([newItem('goals', 'g1', { text: 'Sleep through most nights' })])
    await until(async () => {
      await server.collaboration.flush(patientId)
      return (await careplan.currentPlan(t.deps.db, patientId)).goals.length === 1
    }, 'the goal to be stored')
    const stored = await careplan.currentPlan(t.deps.db, patientId)

    const real = Y.encodeStateAsUpdate(writer.doc)
    const attempts: Uint8Array[] = [
      syncUpdate(goals, randomBytes(64)),
      syncUpdate(goals, real.slice(0, Math.floor(real.length / 2))),
      message(goals, (e) => {
        encoding.writeVarUint(e, 0)
        encoding.writeVarUint(e, 2)
        encoding.writeVarUint(e, 5000) // a length longer than what follows
      }),
    ]
    for (let i = 0; i < 20; i++) attempts.push(syncUpdate(goals, randomBytes(1 + ((i * 37) % 300))))
    for (const attempt of attempts) {
      const a = await attacker(goals)
      a.ws.send(attempt)
      await until(() => a.types.includes(MESSAGE_CLOSE) || a.closed() !== undefined, 'a close')
      a.ws.close()
    }

    const big = await attacker(goals)
    big.ws.send(syncUpdate(goals, new Uint8Array(MAX_MESSAGE_BYTES + 1)))
    await until(() => big.closed() === 1009, 'the oversized message to close the socket')

    // Another document, edited by two others meanwhile, still syncs.
    const a = openPart(server.url, server.origin, cookie, patientId, 'referrals')
    const b = openPart(server.url, server.origin, cookie, patientId, 'referrals')
    await Promise.all([synced(a), synced(b)])
    itemsOf(a.doc).push([newItem('referrals', 'r1', { to: 'Pelvic-floor physio' })])
    await until(() => itemsOf(b.doc).length === 1, 'the referral to arrive')

    // The stored plan part is unchanged, and the live writer still works.
    await server.collaboration.flush(patientId)
    expect((await careplan.currentPlan(t.deps.db, patientId)).goals).toEqual(stored.goals)
    ;(itemsOf(writer.doc).get(0).get('text') as Y.Text).insert(0, 'Goal: ')
    await until(async () => {
      await server.collaboration.flush(patientId)
      const plan = await careplan.currentPlan(t.deps.db, patientId)
      return plan.goals[0]?.text === 'Goal: Sleep through most nights'
    }, 'the writer’s next edit to be stored')
    for (const c of [writer, a, b]) c.destroy()
  })

  it('keeps the document loadable whatever a byte-flipped update does', async () => {
    const name = documentName(patientId, 'followUp')
    const writer = openPart(server.url, server.origin, cookie, patientId, 'followUp')
    await synced(writer)
    itemsOf(writer.doc).push([newItem('followUp', 'f1', { what: 'PHQ-9 in 4 weeks' })])
    const real = Y.encodeStateAsUpdate(writer.doc)
    for (let i = 0; i < 30; i++) {
      const flipped = real.slice()
      for (let k = 0; k < 3; k++) flipped[(i * 7 + k * 13) % flipped.length]! ^= 1 << ((k + i) % 8)
      const a = await attacker(name)
      a.ws.send(syncUpdate(name, flipped))
      // Either refused (closed) or merged: both leave a document that loads and projects.
      await new Promise((r) => setTimeout(r, 10))
      a.ws.close()
    }
    await server.collaboration.flush(patientId)
    const [row] = await t.owner.sql<
      { state: Buffer }[]
    >`select state from careplan_documents where patient_id = ${patientId} and part = 'followUp'`
    const reloaded = new Y.Doc()
    Y.applyUpdate(reloaded, new Uint8Array(row!.state))
    // Whatever was accepted is an ordinary edit within the plan's layout, and the store agrees with the live doc.
    expect(conforms('followUp', reloaded, { allowPending: true })).toBe(true)
    await until(
      () =>
        JSON.stringify(projectDoc('followUp', writer.doc)) ===
        JSON.stringify(projectDoc('followUp', reloaded)),
      'the writer to hold what was stored'
    )
    expect((await careplan.currentPlan(t.deps.db, patientId)).followUp).toEqual(
      projectDoc('followUp', reloaded)
    )
    writer.destroy()
  })
})
