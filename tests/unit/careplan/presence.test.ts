// The presence check on one connection's awareness messages, against the presence the server holds.
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { presenceKey } from '../../../shared/careplan'
import {
  checkPresence,
  invalidPresence,
  type PresenceOwner,
} from '../../../server/careplan/presence'

/** A client's awareness, as its provider keeps it. */
function client(state: Record<string, unknown> | null) {
  const awareness = new Awareness(new Y.Doc())
  awareness.setLocalState(state)
  return awareness
}
const message = (awareness: Awareness, clients = [awareness.clientID]) => {
  const e = encoding.createEncoder()
  encoding.writeVarString(e, 'careplan.x.concerns')
  encoding.writeVarUint(e, 1) // Awareness
  encoding.writeVarUint8Array(e, encodeAwarenessUpdate(awareness, clients))
  return encoding.toUint8Array(e)
}

/** The server's presence with one other person on it, and the owner a new connection of Kim's would be. */
function setup(readOnly = false) {
  const server = new Awareness(new Y.Doc())
  server.setLocalState(null)
  const other = client({ user: { name: 'Dr Gray', color: '#1f6feb' } })
  applyAwarenessUpdate(server, encodeAwarenessUpdate(other, [other.clientID]), 'other')
  const owner: PresenceOwner = {
    name: 'Kim',
    part: 'concerns',
    readOnly,
    clients: new Set(),
    awareness: server,
    ownedElsewhere: (id) => id === other.clientID,
  }
  return { server, other, owner, check: (data: Uint8Array) => checkPresence(data, () => owner) }
}
const kim = { name: 'Kim', color: '#2b7a0b' }
const editing = presenceKey('concerns', 'c1', 'text')

describe('the presence check', () => {
  it('lets a person say who they are and which field of theirs they are in', () => {
    const { check } = setup()
    expect(check(message(client({})))).toBeUndefined()
    expect(check(message(client({ user: kim, editing })))).toBeUndefined()
    expect(check(message(client({ user: kim, editing: null })))).toBeUndefined()
  })

  it('refuses another name, a field on a read-only part or in another part, and unknown fields', () => {
    expect(setup().check(message(client({ user: { ...kim, name: 'Dr Gray' } })))).toEqual(
      invalidPresence
    )
    expect(setup(true).check(message(client({ user: kim, editing })))).toEqual(invalidPresence)
    const goals = presenceKey('goals', 'g1', 'text')
    expect(setup().check(message(client({ user: kim, editing: goals })))).toEqual(invalidPresence)
    const valueField = presenceKey('concerns', 'c1', 'rank')
    expect(setup().check(message(client({ user: kim, editing: valueField })))).toEqual(
      invalidPresence
    )
    expect(setup().check(message(client({ user: kim, admin: true })))).toEqual(invalidPresence)
  })

  it('refuses taking over someone else’s client, but lets echoes and stale presence through', () => {
    const { other, server, owner, check } = setup()
    // An echo: the other's presence as the server has it.
    expect(check(message(other))).toBeUndefined()
    // The same client id with a newer clock: a takeover.
    const spoof = new Awareness(new Y.Doc())
    spoof.clientID = other.clientID
    for (let i = 0; i < 5; i++) spoof.setLocalState({ user: kim })
    expect(check(message(spoof))).toEqual(invalidPresence)
    // Removing the other's fresh presence is refused; once the server has not heard of it for 20 s, it is not.
    const mine = client({ user: kim })
    owner.clients.add(mine.clientID)
    applyAwarenessUpdate(mine, encodeAwarenessUpdate(other, [other.clientID]), 'server')
    mine.states.delete(other.clientID)
    expect(check(message(mine, [other.clientID]))).toEqual(invalidPresence)
    server.meta.get(other.clientID)!.lastUpdated = Date.now() - 25_000
    expect(check(message(mine, [other.clientID]))).toBeUndefined()
  })

  it('ignores messages that are not presence', () => {
    const e = encoding.createEncoder()
    encoding.writeVarString(e, 'careplan.x.concerns')
    encoding.writeVarUint(e, 0) // Sync
    expect(setup().check(encoding.toUint8Array(e))).toBeUndefined()
  })
})
