// A client whose change the server refused carries on without a reload: the part is opened again from the
// server's state, later edits reach everyone, and the person is told what happened in plain words.
import { HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { itemsOf, newItem } from '../../../shared/careplan-ydoc'
import { linkPart, type PartCopy, type Refusal } from '../../../web/src/careplan/part-link'
import { refusalWords } from '../../../web/src/careplan/refusal-words'
import { startTestApp, type TestApp } from '../../support/app'
import {
  type CollabServer,
  openPart,
  socketClass,
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
  const gp = await createClinician(t, clinicId, { name: 'Dr Gray' })
  patientId = (await createCareTeam(t, clinicId, [gp])).id
  cookie = await signIn(t, gp)
})
afterAll(() => server.stop())

/** A goal-list editor through linkPart (as the browser's), recording what it is told. */
function editor(forPatient: string, as = cookie) {
  const socket = new HocuspocusProviderWebsocket({
    url: server.url,
    WebSocketPolyfill: socketClass(as, server.origin),
  })
  const seen = { copies: [] as PartCopy[], refused: [] as Refusal[], closed: [] as string[] }
  const link = linkPart({
    socket,
    patientId: forPatient,
    part: 'goals',
    user: { name: 'Dr Gray', color: '#1f6feb' },
    onCopy: (c) => seen.copies.push(c),
    onRefused: (r) => seen.refused.push(r),
    onClosed: (r) => seen.closed.push(r),
    onUnsynced: () => undefined,
  })
  return { link, ...seen, destroy: () => (link.destroy(), socket.destroy()) }
}

const text = (doc: Y.Doc, i = 0) => (itemsOf(doc).get(i)?.get('text') as Y.Text).toString()

describe('after a refused change', () => {
  it('opens the part again from the server’s state and keeps it live, saying what happened', async () => {
    const other = openPart(server.url, server.origin, cookie, patientId, 'goals')
    const { link, copies, refused, closed, destroy } = editor(patientId)
    try {
      await synced(other)
      await until(() => link.current().provider.isSynced, 'the first copy to sync')
      itemsOf(link.current().doc).push([newItem('goals', 'g1', { text: 'Walk daily' })])
      await until(() => itemsOf(other.doc).length === 1, 'the goal to reach the other editor')

      // A change the server refuses: formatting in a plain-text field.
      const first = link.current()
      ;(itemsOf(first.doc).get(0).get('text') as Y.Text).format(0, 4, { bold: true })
      await until(() => refused.length === 1, 'the refusal')
      expect(refused).toEqual(['invalid-update'])
      expect(closed).toEqual([])
      expect(copies.length).toBe(2)
      const second = link.current()
      expect(second).not.toBe(first)
      await until(() => second.provider.isSynced && itemsOf(second.doc).length === 1, 'the resync')
      expect(text(second.doc)).toBe('Walk daily')

      // Both ways live again, without a reload.
      ;(itemsOf(second.doc).get(0).get('text') as Y.Text).insert(10, ' after lunch')
      await until(() => text(other.doc) === 'Walk daily after lunch', 'the next edit to arrive')
      ;(itemsOf(other.doc).get(0).get('text') as Y.Text).insert(0, 'Try: ')
      await until(() => text(second.doc) === 'Try: Walk daily after lunch', 'the other’s edit')
      // The new copy was not closed in turn (by presence the old copy let go of, say).
      other.provider.setAwarenessField('user', { name: 'Dr Gray', color: '#2b7a0b' })
      await until(
        () => [...second.provider.awareness!.getStates().values()].some((s) => s.user),
        'the other’s presence on the new copy'
      )
      expect(refused).toEqual(['invalid-update'])
      expect(closed).toEqual([])
      expect(refusalWords['invalid-update']).toMatch(/could not be saved.*make your change again/)
    } finally {
      destroy()
      other.destroy()
    }
  })

  it('refuses the change that would take a part past its size cap, says so, and keeps the part open', async () => {
    const clinicId = (await createClinic(t)).id
    const gp = await createClinician(t, clinicId, { name: 'Dr Gray' })
    const otherPatient = (await createCareTeam(t, clinicId, [gp])).id
    const e = editor(otherPatient, await signIn(t, gp))
    try {
      await until(() => e.link.current().provider.isSynced, 'the first copy to sync')
      // 20 goals of 10,000 characters a message (under the message limit), until the part's state passes 1 MB.
      for (let batch = 0; batch < 8 && e.refused.length === 0; batch++) {
        const doc = e.link.current().doc
        itemsOf(doc).push(
          Array.from({ length: 20 }, (_, i) =>
            newItem('goals', `b${batch}-${i}`, { text: 'x'.repeat(10_000) })
          )
        )
        await until(
          () => e.refused.length > 0 || e.link.current().provider.unsyncedChanges === 0,
          'the batch to be taken or refused'
        )
      }
      expect(e.refused).toEqual(['document-full'])
      expect(refusalWords['document-full']).toMatch(/full.*not saved.*Remove something/)
      const fresh = e.link.current()
      await until(() => fresh.provider.isSynced, 'the resync')
      const kept = itemsOf(fresh.doc).length
      expect(kept).toBeGreaterThanOrEqual(80)
      expect(kept % 20).toBe(0)
      // Removing goals makes room again.
      itemsOf(fresh.doc).delete(0, 40)
      itemsOf(fresh.doc).push([newItem('goals', 'small', { text: 'Walk daily' })])
      await until(() => fresh.provider.unsyncedChanges === 0, 'the smaller plan to be taken')
      expect(e.refused).toEqual(['document-full'])
    } finally {
      e.destroy()
    }
  })
})
