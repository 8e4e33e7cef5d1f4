// The document socket's server side: what Hocuspocus sends per edit, trimmed to what the edit needs.
// - Hocuspocus sends each update it applies to every connection of the document, the one it came from included; on
//   every keystroke that echo costs the server a socket write and the author's browser a decode and an apply that
//   changes nothing. An outgoing message that is, byte for byte, a document update this socket's own client sent is
//   dropped: those bytes hold nothing that client lacks. An update merged with others is sent as it is.
// - The acknowledgement of each update (which the browser counts to show "saved") is sent after the turn's other
//   messages, so when many edits arrive at once the edits reach the other editors first.
import { MessageType } from '@hocuspocus/server'
import * as decoding from 'lib0/decoding'
import { WebSocket } from 'ws'

/** Updates waiting for their echo; Hocuspocus sends it within the same turn, so a few are plenty. */
const AWAITED = 8
const SYNC_UPDATE = 2 // y-protocols' sync step of a plain update

// ws's send overloads: (data, cb?) and (data, options, cb?).
type Data = Parameters<WebSocket['send']>[0]
type Options = Parameters<WebSocket['send']>[1]
type SendCallback = (err?: Error) => void

/** A Hocuspocus message's type and, for a sync message, its step; undefined for what does not decode. */
function kindOf(data: Uint8Array): { type: number; step?: number } | undefined {
  try {
    const decoder = decoding.createDecoder(data)
    decoding.readVarUint8Array(decoder) // the document's name
    const type = decoding.readVarUint(decoder)
    return type === MessageType.Sync ? { type, step: decoding.readVarUint(decoder) } : { type }
  } catch {
    return undefined
  }
}

export class DocumentSocket extends WebSocket {
  private awaited: Buffer[] = []
  private acks: Data[] = []

  /** A message this socket's client sent that the server is about to apply; only a plain update is echoed. */
  expectEcho(message: Uint8Array) {
    if (kindOf(message)?.step !== SYNC_UPDATE) return
    if (this.awaited.length >= AWAITED) this.awaited.shift()
    this.awaited.push(Buffer.from(message.buffer, message.byteOffset, message.byteLength))
  }

  override send(data: Data, options?: Options | SendCallback, cb?: SendCallback) {
    const callback = typeof options === 'function' ? options : cb
    if (data instanceof Uint8Array) {
      const i = this.awaited.findIndex((m) => m.byteLength === data.byteLength && m.equals(data))
      if (i >= 0) {
        this.awaited.splice(i, 1)
        if (callback) queueMicrotask(() => callback())
        return
      }
      if (kindOf(data)?.type === MessageType.SyncStatus) {
        if (this.acks.length === 0) setImmediate(() => this.sendAcks())
        this.acks.push(data)
        if (callback) queueMicrotask(() => callback())
        return
      }
    }
    if (typeof options === 'function') super.send(data, options)
    else super.send(data, options ?? {}, cb)
  }

  private sendAcks() {
    const acks = this.acks
    this.acks = []
    // A connection closed meanwhile has no one to tell.
    if (this.readyState === WebSocket.OPEN) for (const ack of acks) super.send(ack)
  }
}
