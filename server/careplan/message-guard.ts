// Checks each incoming collaboration message before Hocuspocus applies it: too large, or a document update that
// does not apply cleanly or would break the plan's layout, closes that connection (Hocuspocus closes on a thrown
// { code, reason }) and never reaches the live document. Values within the layout are checked by the projection.
//
// Updates are tried on a shadow copy of the document that has every update accepted so far, in arrival order:
// Hocuspocus checks a connection's next message before it has applied the previous one, so a check against the
// live document alone would find legitimate updates depending on ones still in flight.
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import type { PlanPart } from '../../shared/careplan'
import { conforms } from '../../shared/careplan-ydoc'

export const MAX_MESSAGE_BYTES = 256 * 1024

// y-protocols/Hocuspocus message and sync step numbers.
const MESSAGE_SYNC = 0
const SYNC_STEP_2 = 1
const SYNC_UPDATE = 2

export type Refusal = { code: number; reason: string }
const invalid: Refusal = { code: 4400, reason: 'invalid-update' }
export const tooLarge: Refusal = { code: 1009, reason: 'message-too-large' }

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

export function createGuard(part: PlanPart, live: Y.Doc): Guard {
  const copy = () => {
    const d = new Y.Doc({ gc: live.gc })
    Y.applyUpdate(d, Y.encodeStateAsUpdate(live))
    return d
  }
  let shadow = copy()
  const refuse = () => {
    // The shadow may hold part of the refused update: start again from the live document.
    shadow.destroy()
    shadow = copy()
    return invalid
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
      try {
        Y.applyUpdate(shadow, update)
      } catch {
        return refuse()
      }
      return conforms(part, shadow, { allowPending: true }) ? undefined : refuse()
    },
    observe(update) {
      try {
        Y.applyUpdate(shadow, update)
      } catch {
        shadow.destroy()
        shadow = copy()
      }
    },
    destroy: () => shadow.destroy(),
  }
}
