// Random plan edits for convergence, durability and benchmark runs: what people do in the editor, at random.
import type * as Y from 'yjs'
import { itemsOf, newItem, orderedItems, rankBetween } from '../../shared/careplan-ydoc'

/** A small seeded generator (mulberry32), so a failing run can be repeated from its seed. */
export function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const words = ['sleep', 'walk', 'talk', 'weekly', 'pain', 'calm', 'PHQ-9', 'together', 'é', '🙂']

/** One random edit of an interventions document: add, remove, move, type, delete text, or set a status. */
export function randomEdit(doc: Y.Doc, rnd: () => number, author: string) {
  const items = orderedItems(doc)
  const pick = () => items[Math.floor(rnd() * items.length)]!
  const roll = rnd()
  doc.transact(() => {
    if (items.length === 0 || roll < 0.2) {
      const id = `${author}-${Math.floor(rnd() * 1e9).toString(36)}`
      const item = newItem('interventions', id, { text: words[Math.floor(rnd() * words.length)]! })
      itemsOf(doc).push([item])
    } else if (roll < 0.3) {
      const victim = pick()
      const index = itemsOf(doc).toArray().indexOf(victim)
      if (index >= 0) itemsOf(doc).delete(index, 1)
    } else if (roll < 0.4) {
      const moved = pick()
      const to = Math.floor(rnd() * (items.length + 1))
      moved.set('rank', rankBetween(doc, items[to - 1], items[to]))
    } else if (roll < 0.8) {
      const text = pick().get('text') as Y.Text
      text.insert(
        Math.floor(rnd() * (text.length + 1)),
        ` ${words[Math.floor(rnd() * words.length)]}`
      )
    } else if (roll < 0.9) {
      const text = pick().get('text') as Y.Text
      if (text.length > 0) {
        const at = Math.floor(rnd() * text.length)
        text.delete(at, Math.min(3, text.length - at))
      }
    } else {
      pick().set('status', ['planned', 'in_progress', 'done', 'stopped'][Math.floor(rnd() * 4)]!)
    }
  })
}
