import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type * as Y from 'yjs'
import { documentName, type PlanPart } from '../../../shared/careplan'
import { itemsOf, newItem, safetyField } from '../../../shared/careplan-ydoc'
import * as careplan from '../../../server/careplan/service'
import { startTestApp, type TestApp } from '../../support/app'
import {
  type CollabServer,
  openPart,
  type PartClient,
  startCollabServer,
  startLiveSession,
  synced,
  until,
} from '../../support/careplan'
import {
  createCareTeam,
  createClinic,
  createClinician,
  signIn,
  type TestClinician,
} from '../../support/people'

let t: TestApp
let server: CollabServer
let gp: TestClinician
let gpCookie: string
let psychCookie: string
let outsiderCookie: string
let patientId: string
const clients: PartClient[] = []

beforeAll(async () => {
  t = await startTestApp()
  server = await startCollabServer(t.deps)
  const clinicId = (await createClinic(t)).id
  gp = await createClinician(t, clinicId, { discipline: 'primary_care', name: 'Dr Gray' })
  const psych = await createClinician(t, clinicId, { discipline: 'psychology', name: 'Dr Poe' })
  const outsider = await createClinician(t, clinicId, { discipline: 'urology' })
  patientId = (await createCareTeam(t, clinicId, [gp, psych])).id
  ;[gpCookie, psychCookie, outsiderCookie] = await Promise.all([
    signIn(t, gp),
    signIn(t, psych),
    signIn(t, outsider),
  ])
})
afterAll(async () => {
  for (const c of clients) c.destroy()
  await server.stop()
})

const open = (cookie: string, part: PlanPart, sessionId?: string) => {
  const c = openPart(server.url, server.origin, cookie, patientId, part, sessionId)
  clients.push(c)
  return c
}
const text = (c: PartClient, i = 0, field = 'text') =>
  (itemsOf(c.doc).get(i)?.get(field) as Y.Text | undefined)?.toString()
const post = (path: string, cookie: string, json?: unknown) =>
  t.request(path, { method: 'POST', cookie, json })

describe('care-plan documents', () => {
  it('lets the care team edit one part together, merging text, and stores it with a projection', async () => {
    const a = open(gpCookie, 'goals')
    const b = open(psychCookie, 'goals')
    await Promise.all([synced(a), synced(b)])
    itemsOf(a.doc).push([newItem('goals', 'g1', { text: 'PHQ-9 below 10' })])
    await until(() => text(b) === 'PHQ-9 below 10', 'the goal to reach the second clinician')
    ;(itemsOf(a.doc).get(0).get('text') as Y.Text).insert(0, 'By March: ')
    ;(itemsOf(b.doc).get(0).get('text') as Y.Text).insert(14, ' (now 16)')
    await until(
      () => text(a) === text(b) && text(a) === 'By March: PHQ-9 below 10 (now 16)',
      'both edits to merge'
    )
    await server.collaboration.flush(patientId)
    expect((await careplan.currentPlan(t.deps.db, patientId)).goals).toMatchObject([
      { id: 'g1', text: 'By March: PHQ-9 below 10 (now 16)' },
    ])
    const actions = await t.owner.sql<
      { action: string }[]
    >`select action from audit_events where patient_id = ${patientId} and action like 'careplan.%'`
    expect(actions.filter((r) => r.action === 'careplan.opened').length).toBeGreaterThanOrEqual(2)
    expect(actions.filter((r) => r.action === 'careplan.changed').length).toBe(2)
  })

  it("sends an edit to the other editors but not back to its author's socket", async () => {
    const a = open(gpCookie, 'safety')
    const b = open(psychCookie, 'safety')
    await Promise.all([synced(a), synced(b)])
    const heard = (c: PartClient) => {
      const messages: Buffer[] = []
      c.socket.webSocket!.addEventListener('message', (e: MessageEvent) =>
        messages.push(Buffer.from(e.data as ArrayBuffer))
      )
      return messages
    }
    const [byA, byB] = [heard(a), heard(b)]
    // The message a's provider sends for its edit: document name, Sync, Update, the update.
    let sent: Buffer | undefined
    a.doc.once('update', (update: Uint8Array) => {
      const e = encoding.createEncoder()
      encoding.writeVarString(e, documentName(patientId, 'safety'))
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint(e, 2)
      encoding.writeVarUint8Array(e, update)
      sent = Buffer.from(encoding.toUint8Array(e))
    })
    safetyField(a.doc, 'warningSigns').insert(0, 'Not sleeping')
    await until(() => byB.some((m) => m.equals(sent!)), 'the edit to reach the second clinician')
    // The server's acknowledgement to the author still comes (the browser shows "saved" from it).
    await until(() => a.provider.unsyncedChanges === 0, "the author's edit to be acknowledged")
    expect(byA.some((m) => m.equals(sent!))).toBe(false)
  })

  it('refuses a foreign Origin and anyone not signed in before the upgrade', async () => {
    const status = (headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(server.url, { headers })
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
        ws.on('open', () => {
          ws.close()
          resolve(101)
        })
      })
    expect(await status({ cookie: gpCookie, origin: 'https://evil.example' })).toBe(403)
    expect(await status({ cookie: gpCookie })).toBe(403)
    expect(await status({ origin: server.origin })).toBe(401)
    expect(await status({ cookie: gpCookie, origin: server.origin })).toBe(101)
  })

  it('sends no document byte to a signed-in clinician outside the care team', async () => {
    const ws = new WebSocket(server.url, {
      headers: { cookie: outsiderCookie, origin: server.origin },
    })
    const received: Uint8Array[] = []
    ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)))
    await new Promise((r) => ws.once('open', r))
    for (const part of ['goals', 'concerns'] as PlanPart[]) {
      const auth = encoding.createEncoder()
      encoding.writeVarString(auth, documentName(patientId, part))
      encoding.writeVarUint(auth, 2) // Auth
      encoding.writeVarUint(auth, 0) // token
      encoding.writeVarString(auth, '')
      ws.send(encoding.toUint8Array(auth))
    }
    await until(() => received.length >= 2, 'two answers')
    ws.close()
    // Each answer is an Auth message saying "permission denied"; no Sync or Awareness message ever came.
    for (const message of received) {
      const text = Buffer.from(message).toString('latin1')
      expect(text).toContain('permission-denied')
      expect(message[1 + message[0]!]).toBe(2)
    }
    expect(received.length).toBe(2)
  })
})

describe('care-plan documents in a live session', () => {
  const liveSession = () => startLiveSession(t, gpCookie, patientId)

  it('lets the patient write their own words and only read the rest; scopes the partner by consent', async () => {
    const s = await liveSession()
    const patientConcerns = open(s.patient.cookie, 'concerns', s.session.id)
    const gpConcerns = open(gpCookie, 'concerns', s.session.id)
    const patientGoals = open(s.patient.cookie, 'goals', s.session.id)
    const gpGoals = open(gpCookie, 'goals', s.session.id)
    await Promise.all([patientConcerns, gpConcerns, patientGoals, gpGoals].map(synced))
    itemsOf(patientConcerns.doc).push([newItem('concerns', 'c1', { text: 'I feel far away' })])
    await until(() => text(gpConcerns) === 'I feel far away', 'the patient’s words to arrive')
    const before = itemsOf(gpGoals.doc).length
    itemsOf(patientGoals.doc).push([newItem('goals', 'sneaky', { text: 'changed by patient' })])
    itemsOf(gpGoals.doc).push([newItem('goals', 'g-after', { text: 'later goal' })])
    await until(
      () =>
        itemsOf(patientGoals.doc)
          .toArray()
          .some((i) => i.get('id') === 'g-after'),
      'the clinician’s goal to reach the patient'
    )
    expect(itemsOf(gpGoals.doc).length).toBe(before + 1)
    expect(
      itemsOf(gpGoals.doc)
        .toArray()
        .map((i) => i.get('id'))
    ).not.toContain('sneaky')

    const partnerSafety = open(s.partner.cookie, 'safety', s.session.id)
    const partnerConcerns = open(s.partner.cookie, 'concerns', s.session.id)
    await until(() => partnerSafety.denied.length === 1, 'the withheld part to be refused')
    await synced(partnerConcerns)
    expect(text(partnerConcerns)).toBe('I feel far away')

    // The patient withdraws sexual-health history: the partner's concerns document closes at once, saying why.
    expect(
      (
        await post(`/api/sessions/${s.session.id}/consent/withdrawals`, s.patient.cookie, {
          scope: 'category',
          category: 'sexual_health_history',
        })
      ).status
    ).toBe(204)
    await until(
      () => partnerConcerns.closed.includes('category-withdrawn'),
      'the partner’s part to close'
    )
    expect(patientConcerns.closed).toEqual([])
  })

  it('saves the agreed plan as a version when the session ends, with who was present', async () => {
    const s = await liveSession()
    const gpDoc = open(gpCookie, 'interventions', s.session.id)
    const patientDoc = open(s.patient.cookie, 'interventions', s.session.id)
    await Promise.all([synced(gpDoc), synced(patientDoc)])
    itemsOf(gpDoc.doc).push([newItem('interventions', 'i1', { text: 'Sensate focus, weekly' })])
    expect((await post(`/api/sessions/${s.session.id}/end`, gpCookie)).status).toBeLessThan(300)
    const saved = () =>
      t.owner.sql<
        { present: string[]; plan: { interventions: { text: string }[] } }[]
      >`select present, plan from careplan_versions where session_id = ${s.session.id}`
    await until(async () => (await saved()).length === 1, 'the version to be saved')
    expect(await careplan.changesSinceLastVersion(t.deps.db, patientId)).toEqual([])
    const [version] = await saved()
    expect(version!.present).toEqual(expect.arrayContaining(['Dr Gray', 'Kim']))
    expect(version!.plan.interventions.map((i) => i.text)).toContain('Sensate focus, weekly')
    await until(() => patientDoc.closed.includes('session-ended'), 'the patient’s part to close')
  })
})
