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

const text = (doc: Y.Doc, i = 0) => (itemsOf(doc).get(i)?.get('text') as Y.Text).toString()

describe('after a refused change', () => {
  it('opens the part again from the server’s state and keeps it live, saying what happened', async () => {
    const other = openPart(server.url, server.origin, cookie, patientId, 'goals')
    const socket = new HocuspocusProviderWebsocket({
      url: server.url,
      WebSocketPolyfill: socketClass(cookie, server.origin),
    })
    const copies: PartCopy[] = []
    const refused: Refusal[] = []
    const closed: string[] = []
    const link = linkPart({
      socket,
      patientId,
      part: 'goals',
      user: { name: 'Dr Gray', color: '#1f6feb' },
      onCopy: (c) => copies.push(c),
      onRefused: (r) => refused.push(r),
      onClosed: (r) => closed.push(r),
      onUnsynced: () => undefined,
    })
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
      expect(refusalWords['invalid-update']).toMatch(/could not be saved.*make your change again/)
    } finally {
      link.destroy()
      socket.destroy()
      other.destroy()
    }
  })
})
