// A bench editor as light as the relay's bare y-protocols client, speaking Hocuspocus's wire protocol to the app
// (what @hocuspocus/provider 3.x sends, minus presence and its bookkeeping): every message starts with the
// document's name and a message type; the first is the token (auth), then y-protocols sync messages as the relay's
// client sends them. The socket carries the person's cookie and the page's Origin, as a browser's does, so the
// server authorises it exactly as it does a provider. Used so that both sides of `npm run bench -- careplan` pay
// the same per message in the editors' process, and the comparison is of the servers.
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import WebSocket from 'ws'
import * as Y from 'yjs'

// @hocuspocus/provider's MessageType and @hocuspocus/common's AuthMessageType.
const SYNC = 0
const AUTH = 2
const CLOSE = 7
const AUTH_TOKEN = 0
const AUTH_DENIED = 1
const AUTH_OK = 2

export type WireEditor = { doc: Y.Doc; close: () => void }

/** Opens `name` as the person of `cookie`; resolves once the first sync is done (the server's step 2 applied). */
export function wireClient(
  url: string,
  origin: string,
  cookie: string,
  name: string,
  token = ''
): Promise<WireEditor> {
  const doc = new Y.Doc()
  const ws = new WebSocket(url, { headers: { cookie, origin } })
  const header = (type: number) => {
    const e = encoding.createEncoder()
    encoding.writeVarString(e, name)
    encoding.writeVarUint(e, type)
    return e
  }
  doc.on('update', (update: Uint8Array, from: unknown) => {
    if (from === ws) return
    const e = header(SYNC)
    syncProtocol.writeUpdate(e, update)
    ws.send(encoding.toUint8Array(e))
  })
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      ws.terminate()
      reject(new Error(`bench editor refused: ${why}`))
    }
    ws.on('error', (err) => fail(err.message))
    ws.on('close', (code, reason) => fail(`closed ${code} ${reason.toString()}`))
    ws.on('open', () => {
      const auth = header(AUTH)
      encoding.writeVarUint(auth, AUTH_TOKEN)
      encoding.writeVarString(auth, token)
      ws.send(encoding.toUint8Array(auth))
      const step1 = header(SYNC)
      syncProtocol.writeSyncStep1(step1, doc)
      ws.send(encoding.toUint8Array(step1))
    })
    ws.on('message', (data: Buffer) => {
      const d = decoding.createDecoder(
        new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      )
      decoding.readVarString(d)
      const type = decoding.readVarUint(d)
      if (type === SYNC) {
        const reply = header(SYNC)
        const before = encoding.length(reply)
        const step = syncProtocol.readSyncMessage(d, reply, doc, ws)
        if (encoding.length(reply) > before) ws.send(encoding.toUint8Array(reply))
        if (step === syncProtocol.messageYjsSyncStep2) {
          ws.removeAllListeners('close')
          ws.removeAllListeners('error')
          ws.on('error', () => undefined)
          resolve({ doc, close: () => ws.close() })
        }
      } else if (type === AUTH) {
        const kind = decoding.readVarUint(d)
        if (kind === AUTH_DENIED) fail(decoding.readVarString(d))
        else if (kind !== AUTH_OK) fail(`unexpected auth message ${kind}`)
      } else if (type === CLOSE) {
        fail(decoding.readVarString(d))
      }
      // Presence (1) and the "update applied" acknowledgement (8) carry nothing this editor needs.
    })
  })
}
