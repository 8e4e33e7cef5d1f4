// Loading and storing one plan part's Yjs document. Storing merges with what is stored (a union: Yjs updates
// are idempotent and commutative), so two instances storing at once, or an instance that missed an update, can
// never drop an edit another one stored. A load that fails throws, and a document that never loaded is never
// stored: an empty document cannot overwrite a stored plan.
import * as Y from 'yjs'
import type { PlanPart } from '../../shared/careplan'
import { projectDoc } from '../../shared/careplan-ydoc'
import * as audit from '../audit/service'
import type { Deps } from '../deps'
import type { Actor } from '../identity/actor'
import * as store from './store'

export type Editor = { actor: Actor; sessionId: string | null; socketId: string }

export async function loadState(deps: Deps, patientId: string, part: PlanPart) {
  return (await store.findDocument(deps.db, patientId, part))?.state
}

/**
 * Stores the document's state merged with the stored one, its projection, and one "changed" audit row for each
 * connection whose first change since it opened is in this store, all in one transaction.
 */
export async function storeState(
  deps: Deps,
  patientId: string,
  part: PlanPart,
  state: Uint8Array,
  editors: Editor[]
) {
  await deps.db.transaction(async (tx) => {
    // The first store of a part inserts; a concurrent first store (another instance) then finds the row and merges.
    const stored =
      (await store.findDocument(tx, patientId, part, { lock: true })) ??
      ((await store.insertDocumentIfAbsent(tx, patientId, part))
        ? undefined
        : await store.findDocument(tx, patientId, part, { lock: true }))
    const merged = stored ? Y.mergeUpdates([stored.state, state]) : state
    const doc = new Y.Doc()
    try {
      Y.applyUpdate(doc, merged)
      await store.upsertDocument(tx, {
        patientId,
        part,
        state: merged,
        projection: projectDoc(part, doc),
        updatedAt: new Date(),
      })
    } finally {
      doc.destroy()
    }
    for (const editor of editors) {
      await audit.record(tx, editor.actor, 'careplan.changed', {
        subjectKind: 'careplan_part',
        subjectId: patientId,
        patientId,
        detail: { part, sessionId: editor.sessionId, connection: editor.socketId },
      })
    }
  })
}
