// How a plan part lives in a Yjs document, shared by the server (projection) and the web editor.
// List parts: a Y.Array 'items' of Y.Maps, free text as Y.Text so concurrent typing merges per character.
// The safety plan: one Y.Map 'fields' of Y.Text.
import * as Y from 'yjs'
import { type PlanPart, partFields } from './careplan'
import { sanitizePart, valueDefaults } from './careplan-projection'

export const itemsOf = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>('items')
export const fieldsOf = (doc: Y.Doc) => doc.getMap<Y.Text>('fields')

/**
 * Items in the order people see them. Moving an item sets its `rank` (a number as text) between its new
 * neighbours' ranks: the item itself stays where it is in the array, so a move never copies it and concurrent
 * moves and edits of one item cannot clobber each other (the last move wins). Without a rank, array order.
 */
export function orderedItems(doc: Y.Doc): Y.Map<unknown>[] {
  const ranked = itemsOf(doc)
    .toArray()
    .map((item, index) => ({ item, index, rank: rankOf(item, index) }))
  ranked.sort((a, b) => a.rank - b.rank || a.index - b.index)
  return ranked.map((r) => r.item)
}

const rankOf = (item: Y.Map<unknown>, index: number) => {
  const raw = item instanceof Y.Map ? item.get('rank') : undefined
  const n = typeof raw === 'string' ? Number(raw) : NaN
  return Number.isFinite(n) ? n : index
}

/** The rank that puts an item between two others (either may be absent: the start or the end of the list). */
export function rankBetween(
  doc: Y.Doc,
  before: Y.Map<unknown> | undefined,
  after: Y.Map<unknown> | undefined
) {
  const all = itemsOf(doc).toArray()
  const r = (m: Y.Map<unknown>) => rankOf(m, all.indexOf(m))
  const lo = before ? r(before) : after ? r(after) - 1 : 0
  const hi = after ? r(after) : lo + 2
  return String((lo + hi) / 2)
}

/** The part's content, in display order, made valid against the plan schema. */
export function projectDoc<P extends PlanPart>(part: P, doc: Y.Doc) {
  return sanitizePart(
    part,
    part === 'safety' ? fieldsOf(doc).toJSON() : orderedItems(doc).map((i) => i.toJSON())
  )
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

/** Hard caps against a document growing without end; the projection applies the schema's own limits. */
export const MAX_ITEMS = 500
export const MAX_TEXT = 10_000

/**
 * Whether a document has exactly the layout above: the one root for its part, items as maps with an id, text
 * fields as Y.Text and value fields as strings, and (unless `allowPending`) nothing waiting for missing updates.
 * The guard allows waiting parts: after a reconnect a client's queued edits can arrive before the sync that
 * carries what they build on, and Yjs integrates them once it does. Waiting parts are invisible until then.
 */
export function conforms(
  part: PlanPart,
  doc: Y.Doc,
  opts: { allowPending?: boolean } = {}
): boolean {
  try {
    if (!opts.allowPending && (doc.store.pendingStructs !== null || doc.store.pendingDs !== null))
      return false
    return layoutHolds(part, doc)
  } catch {
    // A root of the right name but another type, for one: Yjs refuses to read it as the expected one.
    return false
  }
}

const rootName = (part: PlanPart) => (part === 'safety' ? 'fields' : 'items')

function fieldOk(part: PlanPart, field: string, value: unknown) {
  const fields: Record<string, 'text' | 'value'> = partFields[part]
  return (
    field in fields &&
    (value === undefined ||
      (fields[field] === 'text'
        ? value instanceof Y.Text && value.length <= MAX_TEXT
        : typeof value === 'string' && value.length <= MAX_TEXT))
  )
}

function itemHolds(part: PlanPart, item: unknown) {
  if (!(item instanceof Y.Map) || typeof item.get('id') !== 'string') return false
  for (const [field, value] of item.entries()) {
    if (field === 'id') continue
    if (
      field === 'rank'
        ? typeof value !== 'string' || value.length > 40
        : !fieldOk(part, field, value)
    )
      return false
  }
  return true
}

function layoutHolds(part: PlanPart, doc: Y.Doc): boolean {
  const root = rootName(part)
  for (const [key, type] of doc.share)
    if (key !== root && (type._start !== null || type._map.size > 0)) return false
  if (part === 'safety') {
    const fields = fieldsOf(doc)
    // A map keeps its entries in _map; anything in the list would be content no reader sees.
    if (fields._start !== null) return false
    for (const [field, value] of fields.entries()) if (!fieldOk(part, field, value)) return false
    return true
  }
  const items = itemsOf(doc)
  if (items._map.size > 0 || items.length > MAX_ITEMS) return false
  return items.toArray().every((item) => itemHolds(part, item))
}

/**
 * Whether what one transaction changed keeps the layout `conforms` checks, given that it held before: only the
 * types the transaction touched are looked at (the whole layout only when a root changed, i.e. items were added
 * or removed), so a keystroke costs the same in a long plan as in a short one. Text takes plain characters only.
 */
export function changesConform(part: PlanPart, tr: Y.Transaction): boolean {
  try {
    if (!newTextIsPlain(tr)) return false
    // Typed first: reading a root as its type replaces an untyped one (as a fresh copy has), and its children's parent.
    const root = tr.doc.get(rootName(part), part === 'safety' ? Y.Map : Y.Array)
    for (const type of tr.changed.keys()) {
      const item = type._item
      if (item === null) {
        if (!layoutHolds(part, tr.doc)) return false
      } else if (type instanceof Y.Text) {
        const parent = item.parent
        const inPlace =
          part === 'safety'
            ? parent === root
            : parent instanceof Y.Map && parent._item?.parent === root
        if (!inPlace || !fieldOk(part, item.parentSub ?? '', type)) return false
      } else if (part === 'safety' || item.parent !== root || !itemHolds(part, type)) {
        return false
      }
    }
    return true
  } catch {
    return false
  }
}

/** Everything the transaction inserted into a Y.Text is characters: no embeds, formats or nested types. */
function newTextIsPlain(tr: Y.Transaction) {
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0
    if (after <= before) continue
    const structs = tr.doc.store.clients.get(client) ?? []
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const s = structs[i]
      if (
        s instanceof Y.Item &&
        s.parent instanceof Y.Text &&
        !(s.content instanceof Y.ContentString || s.content instanceof Y.ContentDeleted)
      )
        return false
    }
  }
  return true
}
