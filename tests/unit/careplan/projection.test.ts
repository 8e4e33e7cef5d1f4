import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CarePlan, documentName, parseDocumentName } from '../../../shared/careplan'
import { comparePlans, emptyPlan, sanitizePart } from '../../../shared/careplan-projection'
import {
  conforms,
  itemsOf,
  newItem,
  orderedItems,
  projectDoc,
  rankBetween,
  safetyField,
} from '../../../shared/careplan-ydoc'

describe('care-plan projection', () => {
  it('keeps valid items and resets only the fields a client got wrong', () => {
    const goals = sanitizePart('goals', [
      {
        id: 'g1',
        text: 'Desire-related activity weekly',
        measure: 'times a week',
        baseline: 'monthly',
        target: 'weekly',
        due: 'not a date',
        instrumentId: 42,
        extra: 'ignored',
      },
      { text: 'no id' },
      { id: 'g1', text: 'a duplicate id keeps the first' },
      'garbage',
    ])
    expect(goals).toEqual([
      {
        id: 'g1',
        text: 'Desire-related activity weekly',
        measure: 'times a week',
        baseline: 'monthly',
        target: 'weekly',
        due: '',
        instrumentId: '',
      },
    ])
  })

  it('gives every part a default so the whole plan always passes the schema', () => {
    expect(sanitizePart('referrals', [{ id: 'r', status: 'lost' }])[0]?.status).toBe('suggested')
    expect(sanitizePart('interventions', [{ id: 'i', discipline: 'astrology' }])[0]).toMatchObject({
      discipline: '',
      status: 'planned',
    })
    expect(sanitizePart('safety', 'nonsense')).toEqual(emptyPlan().safety)
    expect(CarePlan.safeParse(emptyPlan()).success).toBe(true)
  })

  it('projects a Yjs document, text merged from two editors', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    itemsOf(a).push([newItem('concerns', 'c1', { text: 'I feel ' })])
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    ;(itemsOf(a).get(0).get('text') as Y.Text).insert(7, 'tired')
    ;(itemsOf(b).get(0).get('text') as Y.Text).insert(0, 'Lately ')
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    safetyField(a, 'crisisLine').insert(0, '988')
    expect(projectDoc('concerns', a)).toEqual([{ id: 'c1', text: 'Lately I feel tired' }])
    expect(projectDoc('concerns', b)).toEqual(projectDoc('concerns', a))
    expect(projectDoc('safety', a).crisisLine).toBe('988')
  })

  it('compares two plans item by item', () => {
    const before = { ...emptyPlan(), concerns: [{ id: 'c1', text: 'Low desire' }] }
    const after = {
      ...emptyPlan(),
      concerns: [{ id: 'c2', text: 'Pain' }],
      safety: { ...emptyPlan().safety, crisisLine: '988' },
    }
    const changes = comparePlans(before, after)
    expect(changes.map((c) => [c.part, c.kind, c.label])).toEqual([
      ['concerns', 'added', 'Pain'],
      ['concerns', 'removed', 'Low desire'],
      ['safety', 'changed', 'Safety plan'],
    ])
  })

  it('names documents so only a uuid and a known part parse', () => {
    const id = '6f1c1a57-6c5e-4a8e-9d0a-3e1f3c1d2b4a'
    expect(parseDocumentName(documentName(id, 'goals'))).toEqual({ patientId: id, part: 'goals' })
    expect(parseDocumentName(`careplan.${id}.secrets`)).toBeUndefined()
    expect(parseDocumentName(`careplan.not-a-uuid.goals`)).toBeUndefined()
    expect(parseDocumentName(`careplan.${id}.goals.extra`)).toBeUndefined()
  })
})

describe('text PostgreSQL would refuse', () => {
  it('drops NUL and other controls but keeps line breaks', () => {
    expect(sanitizePart('concerns', [{ id: 'c', text: 'a\u0000b\u0007c\nd\te' }])).toEqual([
      { id: 'c', text: 'abc\nd\te' },
    ])
    expect(sanitizePart('safety', { contacts: 'x\uD800y' }).contacts).toBe('x\uFFFDy')
  })
})

describe('the document layout check', () => {
  it('accepts what the editor writes and refuses anything else', () => {
    const good = new Y.Doc()
    itemsOf(good).push([newItem('goals', 'g', { text: 'Walk daily' })])
    expect(conforms('goals', good)).toBe(true)

    const wrongRoot = new Y.Doc()
    wrongRoot.getMap('secret').set('x', 'y')
    expect(conforms('goals', wrongRoot)).toBe(false)

    const wrongType = new Y.Doc()
    wrongType.getMap('items').set('x', 'y')
    expect(conforms('goals', wrongType)).toBe(false)

    const numberField = new Y.Doc()
    const item = newItem('goals', 'g')
    itemsOf(numberField).push([item])
    item.set('due', 5 as unknown as string)
    expect(conforms('goals', numberField)).toBe(false)

    const unknownField = new Y.Doc()
    const other = newItem('goals', 'g')
    itemsOf(unknownField).push([other])
    other.set('diagnosis', 'not a field')
    expect(conforms('goals', unknownField)).toBe(false)

    const pending = new Y.Doc()
    const source = new Y.Doc()
    itemsOf(source).push([newItem('goals', 'a')])
    const first = Y.encodeStateAsUpdate(source)
    itemsOf(source).push([newItem('goals', 'b')])
    Y.applyUpdate(pending, Y.encodeStateAsUpdate(source, Y.encodeStateVectorFromUpdate(first)))
    expect(conforms('goals', pending)).toBe(false)
  })
})

describe('reordering', () => {
  it('moves an item by its rank, so concurrent moves and edits of it never copy or lose it', () => {
    const a = new Y.Doc()
    itemsOf(a).push(['x', 'y', 'z'].map((id) => newItem('goals', id, { text: id })))
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    // a moves z to the top while b edits z's text and moves x to the end.
    const [x, , z] = orderedItems(a)
    z!.set('rank', rankBetween(a, undefined, x))
    const [bx, , bz] = orderedItems(b)
    ;(bz!.get('text') as Y.Text).insert(1, '!')
    bx!.set('rank', rankBetween(b, bz, undefined))
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(projectDoc('goals', a).map((g) => g.text)).toEqual(['z!', 'y', 'x'])
    expect(projectDoc('goals', b)).toEqual(projectDoc('goals', a))
    expect(conforms('goals', a)).toBe(true)
  })
})
