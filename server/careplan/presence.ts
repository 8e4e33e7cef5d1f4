// Presence (Yjs awareness) a connection may announce: only for its own client, under the name the server knows the
// caller by, and "editing" a field only where it may write. Anything else closes the connection before Hocuspocus
// relays a byte of it, so no one can pass for someone else or claim a field they cannot change.
import * as decoding from 'lib0/decoding'
import type { Awareness } from 'y-protocols/awareness'
import { type PlanPart, PresenceState, presenceKeyPart } from '../../shared/careplan'
import type { Refusal } from './message-guard'

const MESSAGE_AWARENESS = 1
export const invalidPresence: Refusal = { code: 4400, reason: 'invalid-presence' }

export type PresenceOwner = {
  /** The name the server knows the caller by (plan access), the only one their presence may carry. */
  name: string
  part: PlanPart
  readOnly: boolean
  /** The client ids this connection announced so far (Hocuspocus keeps them per connection). */
  clients: Set<number>
  /** Everyone's presence on the document as the server holds it. */
  awareness: Awareness
  /** Whether another connection here already announced this client id. */
  ownedElsewhere: (clientId: number) => boolean
}

/** Undefined when the message is no presence update or one the owner may send; a refusal otherwise. */
export function checkPresence(data: Uint8Array, ownerOf: () => PresenceOwner): Refusal | undefined {
  try {
    const decoder = decoding.createDecoder(data)
    decoding.readVarString(decoder)
    if (decoding.readVarUint(decoder) !== MESSAGE_AWARENESS) return undefined
    const owner = ownerOf()
    const update = decoding.createDecoder(decoding.readVarUint8Array(decoder))
    const count = decoding.readVarUint(update)
    const own = new Set(owner.clients)
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(update)
      const clock = decoding.readVarUint(update)
      const state: unknown = JSON.parse(decoding.readVarString(update))
      // Providers echo everyone's presence back; what the server already has changes nothing. They also drop
      // presence they have not heard of for 30 s, and say so: fine for presence the server has not either.
      if (!own.has(clientId) && isEcho(owner.awareness, clientId, clock, state)) continue
      if (!own.has(clientId) && state === null && isStale(owner.awareness, clientId)) continue
      // One client per connection (one document per provider), never one someone else announced.
      if (!own.has(clientId) && (own.size > 0 || taken(owner, clientId))) return invalidPresence
      own.add(clientId)
      if (state !== null && !allowed(state, owner)) return invalidPresence
    }
    return undefined
  } catch {
    return invalidPresence
  }
}

function allowed(raw: unknown, owner: PresenceOwner) {
  const state = PresenceState.safeParse(raw)
  if (!state.success) return false
  const { user, editing } = state.data
  if (user && user.name !== owner.name) return false
  return editing == null || (!owner.readOnly && presenceKeyPart(editing) === owner.part)
}

/** Whether applying this entry would change nothing (y-protocols applies a higher clock, or a removal at the same). */
function isEcho(awareness: Awareness, clientId: number, clock: number, state: unknown) {
  const current = awareness.meta.get(clientId)
  if (!current) return false
  return (
    clock < current.clock ||
    (clock === current.clock && !(state === null && awareness.states.has(clientId)))
  )
}

/** Presence renews every 15 s; one not heard of for longer belongs to someone gone (or about to be timed out). */
const STALE_MS = 20_000
function isStale(awareness: Awareness, clientId: number) {
  const current = awareness.meta.get(clientId)
  return current !== undefined && Date.now() - current.lastUpdated >= STALE_MS
}

function taken(owner: PresenceOwner, clientId: number) {
  if (owner.ownedElsewhere(clientId)) return true
  // Someone on another instance (through Redis): only the same person may take it over (after a reconnect).
  const state = owner.awareness.states.get(clientId) as PresenceState | undefined
  return state !== undefined && state.user?.name !== owner.name
}
