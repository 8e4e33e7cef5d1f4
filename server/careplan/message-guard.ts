// Checks one incoming collaboration message before Hocuspocus applies it: too large, or a document update that
// does not apply cleanly or breaks the plan's layout, closes that connection (Hocuspocus closes on a thrown
// { code, reason }) and touches no document. Values within the layout are then checked by the projection.
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

/**
 * `document`'s current state and part: an update is tried on a copy first, and refused when it does not apply
 * cleanly or would break the plan's layout (see conforms). Plan parts are small, so the copy is cheap.
 */
export function checkMessage(
  data: Uint8Array,
  document: Y.Doc,
  part: PlanPart
): Refusal | undefined {
  if (data.byteLength > MAX_MESSAGE_BYTES) return { code: 1009, reason: 'message-too-large' }
  try {
    const decoder = decoding.createDecoder(data)
    decoding.readVarString(decoder)
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return undefined
    const step = decoding.readVarUint(decoder)
    if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE) return undefined
    const update = decoding.readVarUint8Array(decoder)
    const trial = new Y.Doc()
    try {
      Y.applyUpdate(trial, Y.encodeStateAsUpdate(document))
      Y.applyUpdate(trial, update)
      return conforms(part, trial) ? undefined : invalid
    } finally {
      trial.destroy()
    }
  } catch {
    return invalid
  }
}
