// The document socket's server side. Hocuspocus sends each update it applies to every connection of the document,
// the one it came from included; on every keystroke that echo costs the server a socket write and the author's
// browser a decode and an apply that changes nothing. This socket drops an outgoing message that is, byte for byte,
// a document update its own client sent: those bytes hold nothing that client lacks. Anything else (an update
// merged with others, presence, acknowledgements) is sent as it is.
import { WebSocket } from 'ws'

/** Updates waiting for their echo; Hocuspocus sends it within the same turn, so a few are plenty. */
const AWAITED = 8

// ws's send overloads: (data, cb?) and (data, options, cb?).
type Data = Parameters<WebSocket['send']>[0]
type Options = Parameters<WebSocket['send']>[1]
type SendCallback = (err?: Error) => void

export class DocumentSocket extends WebSocket {
  private awaited: Buffer[] = []

  /** A document update message this socket's client sent and the server is about to apply. */
  expectEcho(message: Uint8Array) {
    if (this.awaited.length >= AWAITED) this.awaited.shift()
    this.awaited.push(Buffer.from(message.buffer, message.byteOffset, message.byteLength))
  }

  override send(data: Data, options?: Options | SendCallback, cb?: SendCallback) {
    const callback = typeof options === 'function' ? options : cb
    if (this.awaited.length > 0 && data instanceof Uint8Array) {
      const i = this.awaited.findIndex((m) => m.byteLength === data.byteLength && m.equals(data))
      if (i >= 0) {
        this.awaited.splice(i, 1)
        if (callback) queueMicrotask(() => callback())
        return
      }
    }
    if (typeof options === 'function') super.send(data, options)
    else super.send(data, options ?? {}, cb)
  }
}
