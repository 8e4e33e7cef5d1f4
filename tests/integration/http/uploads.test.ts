// How the HTTP server treats bodies that are too large or too slow: an answer in the one error shape, never a reset
// connection, and never a connection held for minutes.
import http from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serverLimits } from '../../../server/http/server-limits'
import { startTestApp, type TestApp } from '../../support/app'

let t: TestApp
let server: ReturnType<typeof serve>
let port: number

beforeAll(async () => {
  t = await startTestApp()
  server = serve({
    fetch: t.app.fetch,
    port: 0,
    hostname: '127.0.0.1',
    serverOptions: serverLimits({ bodyTimeoutMs: 1_000, checkEveryMs: 200 }),
  })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  port = (server.address() as AddressInfo).port
})

afterAll(async () => {
  ;(server as http.Server).closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

/** Sends `total` bytes of body in chunks, framed as chunked or with a Content-Length; the answer, or the error. */
function upload(
  total: number,
  framing: 'chunked' | 'length'
): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/auth/sign-in',
      headers: {
        'content-type': 'application/json',
        ...(framing === 'chunked'
          ? { 'transfer-encoding': 'chunked' }
          : { 'content-length': String(total + 30) }),
      },
    })
    req.on('response', (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => (body += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      res.on('error', (err) => resolve({ error: `${(err as NodeJS.ErrnoException).code}` }))
    })
    req.on('error', (err) => resolve({ error: `${(err as NodeJS.ErrnoException).code}` }))
    const chunk = Buffer.alloc(64 * 1024, 'a')
    let sent = 0
    const write = () => {
      while (sent < total) {
        sent += chunk.length
        if (!req.write(chunk)) return void req.once('drain', write)
      }
      req.end()
    }
    req.write('{"email":"a@b.co","password":"')
    write()
  })
}

describe('request bodies', () => {
  it.each(['chunked', 'length'] as const)(
    'answers a 10 MB upload (%s) with 413, not a reset connection',
    async (framing) => {
      for (let i = 0; i < 5; i++) {
        const answer = await upload(10 * 1024 * 1024, framing)
        expect(answer).toEqual({ status: 413, body: expect.stringContaining('payload_too_large') })
      }
    }
  )

  it('answers a body that stops arriving with 408 soon, not after minutes', async () => {
    const socket = net.connect(port, '127.0.0.1')
    let received = ''
    socket.setEncoding('utf8')
    socket.on('data', (d: string) => (received += d))
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()))
    socket.write(
      'POST /api/auth/sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email":'
    )
    await closed
    expect(received).toMatch(/^HTTP\/1\.1 408/)
  })
})
