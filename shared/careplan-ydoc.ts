// How a plan part lives in a Yjs document, shared by the server (projection) and the web editor.
// List parts: a Y.Array 'items' of Y.Maps, free text as Y.Text so concurrent typing merges per character.
// The safety plan: one Y.Map 'fields' of Y.Text.
import * as Y from 'yjs'
import { type PlanPart, partFields } from './careplan'
import { sanitizePart, valueDefaults } from './careplan-projection'

export const itemsOf = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>('items')
export const fieldsOf = (doc: Y.Doc) => doc.getMap<Y.Text>('fields')

/** The part's content made valid against the plan schema. */
export function projectDoc<P extends PlanPart>(part: P, doc: Y.Doc) {
  return sanitizePart(part, part === 'safety' ? fieldsOf(doc).toJSON() : itemsOf(doc).toJSON())
}

/** A new item for a list part, with an id no other client will pick. */
export function newItem(
  part: Exclude<PlanPart, 'safety'>,
  id: string,
  values: Record<string, string> = {}
) {
  const item = new Y.Map<unknown>()
  item.set('id', id)
  for (const [field, kind] of Object.entries(partFields[part])) {
    const initial = values[field] ?? (kind === 'text' ? '' : (valueDefaults[field] ?? ''))
    item.set(field, kind === 'text' ? new Y.Text(initial) : initial)
  }
  if (part === 'referrals' && !values.status) item.set('status', 'suggested')
  return item
}

/** The safety plan's text field, created on first use. */
export function safetyField(doc: Y.Doc, field: string) {
  const fields = fieldsOf(doc)
  let t = fields.get(field)
  if (!(t instanceof Y.Text)) {
    t = new Y.Text()
    fields.set(field, t)
  }
  return t
}
