// Checks each incoming collaboration message before Hocuspocus applies it: too large, a document update that does
// not apply cleanly or would break the plan's layout, or one that would grow the document past its cap, closes
// that connection (Hocuspocus closes on a thrown { code, reason }) and never reaches the live document. Values
// within the layout are checked by the projection.
//
// Updates are tried on a shadow copy of the document that has every update accepted so far, in arrival order:
// Hocuspocus checks a connection's next message before it has applied the previous one, so a check against the
// live document alone would find legitimate updates depending on ones still in flight. Only what each update
// changed is checked (changesConform), so a keystroke costs the same in a long plan as in a short one.
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import type { PlanPart } from '../../shared/careplan'
import { changesConform } from '../../shared/careplan-ydoc'

export const MAX_MESSAGE_BYTES = 256 * 1024
/** A plan part's whole stored state: far above any real plan, low enough that loading one stays cheap. */
export const MAX_DOCUMENT_BYTES = 1024 * 1024

// y-protocols/Hocuspocus message and sync step numbers.
const MESSAGE_SYNC = 0
const SYNC_STEP_2 = 1
const SYNC_UPDATE = 2

export type Refusal = { code: number; reason: string }
export const invalid: Refusal = { code: 4400, reason: 'invalid-update' }
export const tooLarge: Refusal = { code: 1009, reason: 'message-too-large' }
export const documentFull: Refusal = { code: 4413, reason: 'document-full' }

/** The document update a message carries, if any; throws on a message that does not decode. */
function updateIn(data: Uint8Array): Uint8Array | undefined {
  const decoder = decoding.createDecoder(data)
  decoding.readVarString(decoder)
  if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return undefined
  const step = decoding.readVarUint(decoder)
  if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE) return undefined
  return decoding.readVarUint8Array(decoder)
}

export type Guard = {
  check: (data: Uint8Array) => Refusal | undefined
  /** An update that reached the live document another way (another instance, through Redis). */
  observe: (update: Uint8Array) => void
  destroy: () => void
}

// An update's encoded size bounds what it adds to the state's, but for items it splits (a few bytes each).
const growthOf = (update: Uint8Array) => update.byteLength * 2 + 64

export function createGuard(part: PlanPart, live: Y.Doc, maxBytes = MAX_DOCUMENT_BYTES): Guard {
  /** Updates accepted this turn of the event loop: Hocuspocus applies them to the live document before the next. */
  let inFlight: Uint8Array[] = []
  let conforming = true
  let shadow: Y.Doc
  /** An upper bound of the shadow's encoded size; measured exactly only when it passes the cap. */
  let bytes = 0
  const rebuild = () => {
    shadow?.destroy()
    shadow = new Y.Doc({ gc: live.gc })
    const state = Y.encodeStateAsUpdate(live)
    Y.applyUpdate(shadow, state)
    for (const u of inFlight) Y.applyUpdate(shadow, u)
    bytes = state.byteLength + inFlight.reduce((n, u) => n + growthOf(u), 0)
    shadow.on('afterTransaction', (tr: Y.Transaction) => {
      if (!changesConform(part, tr)) conforming = false
    })
  }
  rebuild()
  const accepted = (update: Uint8Array) => {
    if (!inFlight.length) setImmediate(() => (inFlight = []))
    inFlight.push(update)
  }
  /** The shadow may hold part or all of the refused update: start again from what was accepted. */
  const refuse = (refusal: Refusal) => {
    rebuild()
    return refusal
  }
  const apply = (update: Uint8Array): Refusal | undefined => {
    conforming = true
    try {
      Y.applyUpdate(shadow, update)
    } catch {
      return refuse(invalid)
    }
    if (!conforming) return refuse(invalid)
    bytes += growthOf(update)
    if (bytes > maxBytes) {
      bytes = Y.encodeStateAsUpdate(shadow).byteLength
      if (bytes > maxBytes) return refuse(documentFull)
    }
    return undefined
  }
  return {
    check(data) {
      if (data.byteLength > MAX_MESSAGE_BYTES) return tooLarge
      let update: Uint8Array | undefined
      try {
        update = updateIn(data)
      } catch {
        return invalid
      }
      if (!update) return undefined
      const refusal = apply(update)
      if (!refusal) accepted(update)
      return refusal
    },
    // Already in the live document: only taught to the shadow (a refusal there rebuilds it from the live one).
    observe: (update) => void apply(update),
    destroy: () => shadow.destroy(),
  }
}
