// Checks one incoming collaboration message before Hocuspocus applies it: too large, or a document update that
// does not even decode, closes that connection (Hocuspocus closes on a thrown { code, reason }) and touches no
// document. Everything that decodes is then Yjs's to merge; the projection drops whatever the schema does not allow.
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'

export const MAX_MESSAGE_BYTES = 256 * 1024

// y-protocols/Hocuspocus message and sync step numbers.
const MESSAGE_SYNC = 0
const SYNC_STEP_2 = 1
const SYNC_UPDATE = 2

export type Refusal = { code: number; reason: string }

export function checkMessage(data: Uint8Array): Refusal | undefined {
  if (data.byteLength > MAX_MESSAGE_BYTES) return { code: 1009, reason: 'message-too-large' }
  try {
    const decoder = decoding.createDecoder(data)
    decoding.readVarString(decoder)
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return undefined
    const step = decoding.readVarUint(decoder)
    if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE) return undefined
    Y.decodeUpdate(decoding.readVarUint8Array(decoder))
    return undefined
  } catch {
    return { code: 4400, reason: 'invalid-update' }
  }
}
