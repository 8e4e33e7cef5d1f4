// The update guard: what one client's update may do to a plan part, checked on the shadow copy, change by change.
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { itemsOf, MAX_TEXT, newItem, safetyField } from '../../../shared/careplan-ydoc'
import { createGuard, documentFull, invalid } from '../../../server/careplan/message-guard'

const message = (update: Uint8Array) => {
  const e = encoding.createEncoder()
  encoding.writeVarString(e, 'careplan.x.goals')
  encoding.writeVarUint(e, 0) // Sync
  encoding.writeVarUint(e, 2) // Update
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}

/** A live document with one goal, a client in sync with it, and the updates the client makes from now on. */
function setup(maxBytes?: number) {
  const live = new Y.Doc()
  itemsOf(live).push([newItem('goals', 'g1', { text: 'Sleep better' })])
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(live))
  const guard = createGuard('goals', live, maxBytes)
  const sent: Uint8Array[] = []
  client.on('update', (u: Uint8Array) => sent.push(u))
  /** What the guard says about everything the client did in `edit`; accepted updates reach the live document. */
  const check = (edit: (doc: Y.Doc) => void) => {
    sent.length = 0
    edit(client)
    const refusals = sent.map((u) => guard.check(message(u)))
    sent.forEach((u, i) => refusals[i] || Y.applyUpdate(live, u, {}))
    return refusals.find(Boolean)
  }
  const text = (doc: Y.Doc) => itemsOf(doc).get(0).get('text') as Y.Text
  return { live, client, guard, check, text }
}

describe('the update guard', () => {
  it('accepts typing, new items, moves and removals', () => {
    const { check, text } = setup()
    for (let i = 0; i < 50; i++) expect(check((d) => text(d).insert(0, `k${i}`))).toBeUndefined()
    expect(check((d) => text(d).delete(0, 10))).toBeUndefined()
    expect(check((d) => itemsOf(d).push([newItem('goals', 'g2')]))).toBeUndefined()
    expect(check((d) => itemsOf(d).get(1).set('rank', '-1'))).toBeUndefined()
    expect(check((d) => itemsOf(d).delete(0, 1))).toBeUndefined()
  })

  it('refuses what breaks the layout, whichever type it touches', () => {
    // Each on a fresh client: a later update would otherwise build on a refused one and merely wait for it.
    const refusalOf = (edit: (doc: Y.Doc, text: Y.Text) => void) => {
      const { check, text } = setup()
      const refusal = check((d) => edit(d, text(d)))
      // After a refusal the guard still takes what is fine from others.
      expect(setup().check((d) => text(d).insert(0, 'fine'))).toBeUndefined()
      return refusal
    }
    expect(refusalOf((d) => d.getMap('secret').set('x', 'y'))).toEqual(invalid)
    expect(
      refusalOf((d) =>
        itemsOf(d)
          .get(0)
          .set('due', 5 as unknown as string)
      )
    ).toEqual(invalid)
    expect(refusalOf((d) => itemsOf(d).get(0).set('diagnosis', 'not a field'))).toEqual(invalid)
    expect(refusalOf((d) => itemsOf(d).get(0).set('status', new Y.Text('x')))).toEqual(invalid)
    expect(refusalOf((d) => itemsOf(d).push(['not a map' as unknown as Y.Map<unknown>]))).toEqual(
      invalid
    )
    expect(refusalOf((_, t) => t.insertEmbed(0, { image: 'x' }))).toEqual(invalid)
    expect(refusalOf((_, t) => t.format(0, 2, { bold: true }))).toEqual(invalid)
    expect(refusalOf((_, t) => t.insert(0, 'x'.repeat(MAX_TEXT)))).toEqual(invalid)
  })

  it('keeps the safety plan to text fields in its one map', () => {
    const guard = createGuard('safety', new Y.Doc())
    const ok = new Y.Doc()
    ok.on('update', (u: Uint8Array) => expect(guard.check(message(u))).toBeUndefined())
    safetyField(ok, 'warningSigns').insert(0, 'Not sleeping')
    const bad = new Y.Doc()
    bad.on('update', (u: Uint8Array) => expect(guard.check(message(u))).toEqual(invalid))
    bad.getMap('fields').set('contacts', 'a value, not text' as unknown as Y.Text)
  })

  it('refuses the update that would take the whole document past its cap, with its own reason', () => {
    const { check, text } = setup(64 * 1024)
    let refusal
    let items = 1
    while (!refusal && items < 400) {
      refusal = check((d) =>
        itemsOf(d).push([newItem('goals', `g${items}`, { text: 'x'.repeat(2000) })])
      )
      if (!refusal) items++
    }
    expect(refusal).toEqual(documentFull)
    expect(items).toBeGreaterThan(20)
    // Small edits that keep it under the cap still pass; removing content makes room again.
    expect(check((d) => itemsOf(d).delete(1, 10))).toBeUndefined()
    expect(check((d) => text(d).insert(0, 'still here'))).toBeUndefined()
  })
})
