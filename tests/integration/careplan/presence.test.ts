// Presence on the plan (who is here, who is editing which field) comes from who the server knows each caller as:
// no one can pass for someone else, take over another's presence, or claim a field they may only read.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { documentName, type PlanPart, PlanView, presenceKey } from '../../../shared/careplan'
import { startTestApp, type TestApp } from '../../support/app'
import {
  type CollabServer,
  openPart,
  type PartClient,
  socketClass,
  startCollabServer,
  startLiveSession,
  synced,
  until,
} from '../../support/careplan'
import { createCareTeam, createClinic, createClinician, signIn } from '../../support/people'

let t: TestApp
let server: CollabServer
let gpCookie: string
let patientId: string
const clients: PartClient[] = []

beforeAll(async () => {
  t = await startTestApp()
  server = await startCollabServer(t.deps)
  const clinicId = (await createClinic(t)).id
  const gp = await createClinician(t, clinicId, { discipline: 'primary_care', name: 'Dr Gray' })
  patientId = (await createCareTeam(t, clinicId, [gp])).id
  gpCookie = await signIn(t, gp)
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
/** The name the server knows this caller by, as the plan view tells the browser. */
async function myName(cookie: string, sessionId: string) {
  const res = await t.request(`/api/patients/${patientId}/careplan?sessionId=${sessionId}`, {
    cookie,
  })
  return PlanView.parse(await res.json()).myName
}
const color = '#1f6feb'
/** Everyone's presence as one client sees it, but its own. */
const seenBy = (c: PartClient) =>
  [...c.provider.awareness!.getStates()]
    .filter(([id]) => id !== c.doc.clientID)
    .map(([, s]) => s as { user?: { name: string }; editing?: string | null })

describe('presence on the care plan', () => {
  it('shows who is editing which field under the name the server knows them by, and nothing else', async () => {
    const s = await startLiveSession(t, gpCookie, patientId)
    const [gpName, patientName, partnerName] = await Promise.all(
      [gpCookie, s.patient.cookie, s.partner.cookie].map((c) => myName(c, s.session.id))
    )
    expect(gpName).toBe('Dr Gray')
    const gpConcerns = open(gpCookie, 'concerns', s.session.id)
    const gpGoals = open(gpCookie, 'goals', s.session.id)
    const patientConcerns = open(s.patient.cookie, 'concerns', s.session.id)
    const patientGoals = open(s.patient.cookie, 'goals', s.session.id)
    const partnerConcerns = open(s.partner.cookie, 'concerns', s.session.id)
    const all = [gpConcerns, gpGoals, patientConcerns, patientGoals, partnerConcerns]
    await Promise.all(all.map(synced))

    // Honest presence reaches the others: the patient in their own words, the clinician in a goal.
    patientConcerns.provider.setAwarenessField('user', { name: patientName, color })
    patientConcerns.provider.setAwarenessField('editing', presenceKey('concerns', 'c1', 'text'))
    gpGoals.provider.setAwarenessField('user', { name: gpName, color })
    gpGoals.provider.setAwarenessField('editing', presenceKey('goals', 'g1', 'measure'))
    await until(
      () => seenBy(gpConcerns).some((p) => p.user?.name === patientName && p.editing),
      'the patient’s presence to reach the clinician'
    )
    await until(
      () => seenBy(patientGoals).some((p) => p.editing === presenceKey('goals', 'g1', 'measure')),
      'the clinician’s presence to reach the patient'
    )

    // The partner only reads: claiming to edit closes their connection, and no one sees the claim.
    partnerConcerns.provider.setAwarenessField('user', { name: partnerName, color })
    partnerConcerns.provider.setAwarenessField('editing', presenceKey('concerns', 'c1', 'text'))
    await until(
      () => partnerConcerns.closed.includes('invalid-presence'),
      'the claim to be refused'
    )
    // The patient reads goals: the same there.
    patientGoals.provider.setAwarenessField('editing', presenceKey('goals', 'g1', 'text'))
    await until(() => patientGoals.closed.includes('invalid-presence'), 'the claim to be refused')
    expect(seenBy(gpConcerns).filter((p) => p.user?.name === partnerName && p.editing)).toEqual([])
    expect(seenBy(gpGoals).filter((p) => p.editing === presenceKey('goals', 'g1', 'text'))).toEqual(
      []
    )

    // Passing for the clinician under one's own connection is refused too.
    const impostor = open(s.patient.cookie, 'concerns', s.session.id)
    await synced(impostor)
    impostor.provider.setAwarenessField('user', { name: gpName, color })
    await until(() => impostor.closed.includes('invalid-presence'), 'the impostor to be refused')
    expect(seenBy(patientConcerns).filter((p) => p.user?.name === gpName)).toEqual([])
  })

  it('refuses presence announced under another connection’s client id', async () => {
    const s = await startLiveSession(t, gpCookie, patientId)
    const victim = open(gpCookie, 'concerns', s.session.id)
    const watcher = open(gpCookie, 'concerns', s.session.id)
    await Promise.all([victim, watcher].map(synced))
    victim.provider.setAwarenessField('user', { name: 'Dr Gray', color })
    victim.provider.setAwarenessField('editing', presenceKey('concerns', 'c1', 'text'))
    await until(() => seenBy(watcher).some((p) => p.editing), 'the victim’s presence')

    // The patient's client takes the clinician's client id and says they stopped editing.
    const doc = new Y.Doc()
    doc.clientID = victim.doc.clientID
    const closed: string[] = []
    const socket = new HocuspocusProviderWebsocket({
      url: server.url,
      WebSocketPolyfill: socketClass(s.patient.cookie, server.origin),
    })
    const spoof = new HocuspocusProvider({
      websocketProvider: socket,
      name: documentName(patientId, 'concerns'),
      document: doc,
      token: s.session.id,
      onClose: ({ event }) => void closed.push(event.reason),
    })
    // A clock past the victim's, so the server would take it as their newest presence.
    for (let i = 0; i < 20; i++) spoof.setAwarenessField('editing', null)
    spoof.attach()
    try {
      await until(() => closed.includes('invalid-presence'), 'the spoof to be refused')
      expect(seenBy(watcher).some((p) => p.user?.name === 'Dr Gray' && p.editing)).toBe(true)
    } finally {
      spoof.destroy()
      socket.destroy()
    }
  })
})
