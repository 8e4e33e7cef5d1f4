// Many open server-event streams from one process: plain node:http (one socket each, no pooling limit), the
// `message` events parsed and stamped with performance.now() on arrival.
import http from 'node:http'

export type Receipt = { at: number; type: string; sessionId: string }
export type Stream = { sessionId: string; receipts: Receipt[]; close: () => void }

const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity })

/** Opens one stream and resolves once its `ready` event arrived (the server subscribed it). */
export function openStream(url: string, sessionId: string, cookie?: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const receipts: Receipt[] = []
    let ready = false
    const req = http.get(url, { agent, headers: cookie ? { cookie } : {} }, (res) => {
      if (res.statusCode !== 200) {
        res.resume()
        return reject(new Error(`stream ${url} → ${res.statusCode}`))
      }
      res.setEncoding('utf8')
      let buffer = ''
      res.on('data', (chunk: string) => {
        const at = performance.now()
        buffer += chunk
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          if (block.startsWith('event: ready')) {
            ready = true
            resolve(stream)
            continue
          }
          if (!block.startsWith('event: message')) continue
          const data = block.slice(block.indexOf('data: ') + 6)
          const event = JSON.parse(data) as { type: string; sessionId: string }
          receipts.push({ at, type: event.type, sessionId: event.sessionId })
        }
      })
      res.on('error', () => undefined)
    })
    req.on('error', (err) => (ready ? undefined : reject(err)))
    const stream: Stream = { sessionId, receipts, close: () => req.destroy() }
  })
}

/** Opens streams with at most `parallel` openings in flight. */
export async function openMany(
  specs: { url: string; sessionId: string; cookie?: string }[],
  parallel = 100
): Promise<Stream[]> {
  const out: Stream[] = new Array(specs.length)
  let next = 0
  const worker = async () => {
    while (next < specs.length) {
      const i = next++
      const s = specs[i]!
      out[i] = await openStream(s.url, s.sessionId, s.cookie)
    }
  }
  await Promise.all(Array.from({ length: parallel }, worker))
  return out
}

/** Resident set size of a process, in MB (Linux). */
export async function rssMb(pid: number): Promise<number> {
  const fs = await import('node:fs/promises')
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN)
  return Math.round(kb / 102.4) / 10
}
