// Builds media.html (+ livekit-client) with Vite into a temp dir and serves it on loopback.
import { createReadStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

const harnessDir = path.dirname(fileURLToPath(import.meta.url))

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
}

export type ServedHarness = { url: string; close: () => Promise<void> }

export async function serveMediaHarness(): Promise<ServedHarness> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'media-harness-'))
  try {
    await build({
      root: harnessDir,
      base: './',
      // Keep the app's Vite config, public dir and cache out of this build.
      configFile: false,
      publicDir: false,
      cacheDir: path.join(outDir, '.vite-cache'),
      logLevel: 'warn',
      build: {
        outDir: path.join(outDir, 'site'),
        emptyOutDir: true,
        minify: false,
        reportCompressedSize: false,
        rolldownOptions: { input: path.join(harnessDir, 'media.html') },
      },
    })
  } catch (err) {
    await rm(outDir, { recursive: true, force: true })
    throw err
  }

  const siteDir = path.join(outDir, 'site')
  const server = http.createServer((req, res) => {
    void serveFile(siteDir, req, res)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}/media.html`,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await rm(outDir, { recursive: true, force: true })
    },
  }
}

async function serveFile(siteDir: string, req: http.IncomingMessage, res: http.ServerResponse) {
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname)
  const file = path.join(siteDir, pathname === '/' ? 'media.html' : pathname)
  const isInside = file.startsWith(siteDir + path.sep)
  const isFile =
    isInside &&
    req.method === 'GET' &&
    (await stat(file).then(
      (s) => s.isFile(),
      () => false
    ))
  if (!isFile) {
    res.writeHead(404).end()
    return
  }
  res.writeHead(200, {
    'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
  })
  createReadStream(file).pipe(res)
}
