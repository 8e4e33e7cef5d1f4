// The document socket drops exactly the echo of an update its own client sent, once, sends acknowledgements after
// the turn's other messages, and sends everything else as it is.
import type { AddressInfo } from 'node:net'
import { MessageType } from '@hocuspocus/server'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, expect, it } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import { DocumentSocket } from '../../../server/careplan/document-socket'

let wss: WebSocketServer
let server: DocumentSocket
let client: WebSocket
const received: Buffer[] = []

beforeAll(async () => {
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1', WebSocket: DocumentSocket })
  await new Promise((r) => wss.once('listening', r))
  const accepted = new Promise<DocumentSocket>((r) => wss.once('connection', r))
  client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`)
  client.on('message', (data: Buffer) => received.push(data))
  server = await accepted
})
afterAll(() => {
  client.close()
  wss.close()
})

const message = (type: number, ...rest: (number | string)[]) => {
  const e = encoding.createEncoder()
  encoding.writeVarString(e, 'careplan.x.goals')
  encoding.writeVarUint(e, type)
  for (const r of rest)
    if (typeof r === 'number') encoding.writeVarUint(e, r)
    else encoding.writeVarUint8Array(e, Buffer.from(r))
  return encoding.toUint8Array(e)
}
const update = (text: string) => message(MessageType.Sync, 2, text)
const step2 = (text: string) => message(MessageType.Sync, 1, text)
const ack = message(MessageType.SyncStatus, 1)
const names = (ms: Buffer[]) =>
  ms.map((m) =>
    m.equals(ack) ? 'ack' : m.equals(update('mine')) ? 'mine' : m.subarray(-5).toString()
  )

it('drops one copy of an echoed update, sends acknowledgements last, and the rest as it is', async () => {
  received.length = 0
  server.expectEcho(update('mine'))
  server.expectEcho(step2('other')) // a sync step is never echoed as such: not awaited
  const callbacks: unknown[] = []
  server.send(update('mine'), (err) => callbacks.push(err ?? 'ok'))
  server.send(ack, (err) => callbacks.push(err ?? 'ok'))
  server.send(update('merge'))
  server.send(update('mine'), { binary: true })
  server.send(step2('other'))
  await expect.poll(() => received.length).toBe(4)
  expect(names(received)).toEqual(['merge', 'mine', 'other', 'ack'])
  expect(callbacks).toEqual(['ok', 'ok'])
})
