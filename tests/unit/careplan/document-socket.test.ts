// The document socket drops exactly the echo of what its own client sent, once, and sends everything else.
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import { DocumentSocket } from '../../../server/careplan/document-socket'

let wss: WebSocketServer
let server: DocumentSocket
let client: WebSocket
const received: string[] = []

beforeAll(async () => {
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1', WebSocket: DocumentSocket })
  await new Promise((r) => wss.once('listening', r))
  const accepted = new Promise<DocumentSocket>((r) => wss.once('connection', r))
  client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`)
  client.on('message', (data: Buffer) => received.push(data.toString()))
  server = await accepted
})
afterAll(() => {
  client.close()
  wss.close()
})

const bytes = (s: string) => new Uint8Array(Buffer.from(s))

it('drops one copy of an expected echo and sends everything else, calling back either way', async () => {
  server.expectEcho(bytes('update from the client'))
  const callbacks: unknown[] = []
  server.send(bytes('update from the client'), (err) => callbacks.push(err ?? 'ok'))
  server.send(bytes('an update merged with another'), (err) => callbacks.push(err ?? 'ok'))
  server.send(bytes('update from the client'), { binary: true })
  server.send(bytes('last'))
  await expect.poll(() => received.at(-1)).toBe('last')
  expect(received).toEqual(['an update merged with another', 'update from the client', 'last'])
  expect(callbacks).toEqual(['ok', 'ok'])
})
