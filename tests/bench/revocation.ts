// `npm run bench -- revocation`: consent withdrawal committed → the participant's client disconnected by the real
// LiveKit, against the peer of an authenticated round trip on the same event channel (a host's command → the
// server event reaching a participant's stream). Prints one JSON line.
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { chromium } from '@playwright/test'
import { loadConfig } from '../../server/config'
import { freePort } from '../../server/db/embedded'
import { startServer } from '../../server/main'
import { serveMediaHarness } from '../e2e/harness/serve-harness'

const log = (msg: string) => process.stderr.write(`[revocation] ${msg}\n`)
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10
}

export async function run(args: string[]): Promise<number> {
  const n = Number(args.find((a) => a.startsWith('--rounds='))?.split('=')[1] ?? 30)
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'careteam-bench-revocation-'))
  await fs.chmod(dir, 0o755)
  const port = await freePort()
  const app = await startServer(
    loadConfig({
      DATA_DIR: dir,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
    })
  )
  const harness = await serveMediaHarness()
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--allow-loopback-in-peer-connection',
      '--disable-background-networking',
      '--disable-gpu',
      '--no-sandbox',
    ],
  })
  try {
    const base = `http://127.0.0.1:${port}`
    const call = async (method: string, p: string, cookie?: string, json?: unknown) => {
      const res = await fetch(base + '/api' + p, {
        method,
        headers: {
          ...(cookie ? { cookie } : {}),
          ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: json !== undefined ? JSON.stringify(json) : undefined,
      })
      if (!res.ok) throw new Error(`${method} ${p} → ${res.status} ${await res.text()}`)
      return res
    }
    const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0]!
    const host = cookieOf(
      await call('POST', '/auth/sign-in', undefined, {
        email: 'dr.okafor@demo.clinic',
        password: 'demo-care-team-2026',
      })
    )
    const patients = (await (await call('GET', '/patients', host)).json()) as {
      id: string
      displayName: string
    }[]
    const riley = patients.find((p) => p.displayName === 'Riley Chen')!
    const scheduled = (await (
      await call('POST', '/sessions', host, {
        kind: 'joint_session',
        patientId: riley.id,
        startsAt: new Date(Date.now() + 60_000).toISOString(),
        durationMinutes: 60,
        invitePatient: true,
        specialists: [
          { displayName: 'Dr Bench', email: 'bench@example.org', discipline: 'urology' },
        ],
      })
    ).json()) as {
      session: { id: string; participants: { id: string; role: string }[] }
      links: { role: string; url: string; participantId: string }[]
    }
    const sid = scheduled.session.id
    const exchange = async (url: string, dateOfBirth?: string) => {
      const u = new URL(url)
      return cookieOf(
        await call('POST', '/invitations/exchange', undefined, {
          sessionId: sid,
          secret: u.hash.slice(1),
          dateOfBirth,
        })
      )
    }
    const specialistLink = scheduled.links.find((l) => l.role === 'specialist')!
    const specialistId = specialistLink.participantId
    const patient = await exchange(
      scheduled.links.find((l) => l.role === 'patient')!.url,
      '1986-03-14'
    )
    const specialist = await exchange(specialistLink.url)
    const pending = async (cookie: string) =>
      (
        (await (await call('GET', `/sessions/${sid}/consent`, cookie)).json()) as {
          pending: { id: string }[]
        }
      ).pending[0]!.id
    const hosts = scheduled.session.participants
      .filter((p) => p.role === 'host')
      .map((p) => ({ participantId: p.id, present: true, categories: [] }))
    await call('POST', `/sessions/${sid}/consent`, patient, {
      templateId: await pending(patient),
      decision: 'given',
      signature: 'Riley Chen',
      covers: [
        ...hosts,
        { participantId: specialistId, present: true, categories: ['lab_results'] },
      ],
    })
    await call('POST', `/sessions/${sid}/consent`, specialist, {
      templateId: await pending(specialist),
      decision: 'given',
      signature: 'Dr Bench',
    })
    await call('POST', `/sessions/${sid}/arrival`, host)

    const page = await (await browser.newContext()).newPage()
    await page.goto(harness.url)
    await page.waitForFunction(() => typeof window.harness !== 'undefined')
    // The host publishes camera and microphone and, like the app's call page, lets only the currently admitted
    // identities subscribe (refreshed here right after each admission change, where the page uses its events).
    const hostPage = await (await browser.newContext()).newPage()
    await hostPage.goto(harness.url)
    await hostPage.waitForFunction(() => typeof window.harness !== 'undefined')
    const hostMedia = (await (await call('POST', `/sessions/${sid}/token`, host)).json()) as {
      url: string
      token: string
    }
    await hostPage.evaluate(
      ([u, tk]) => window.harness.join(u!, tk!),
      [hostMedia.url, hostMedia.token]
    )
    const allowAdmitted = async () => {
      const { identities } = (await (
        await call('GET', `/sessions/${sid}/admitted`, host)
      ).json()) as { identities: string[] }
      await hostPage.evaluate((ids) => window.harness.allowOnly(ids), identities)
    }
    await allowAdmitted()
    const rejoinExposure: number[] = []
    let framesAfterRevocation = 0

    const samples: number[] = []
    log(`measuring ${n} withdrawals`)
    for (let i = 0; i < n; i++) {
      await call('POST', `/sessions/${sid}/arrival`, specialist)
      await call('POST', `/sessions/${sid}/admissions`, host, { participantId: specialistId })
      await allowAdmitted()
      const { url, token } = (await (
        await call('POST', `/sessions/${sid}/token`, specialist)
      ).json()) as { url: string; token: string }
      await page.evaluate(
        ([u, tk]) => window.harness.join(u!, tk!, { publish: false }),
        [url, token]
      )
      // Once, while admitted: the frame count works (the host's video does reach an admitted person).
      if (i === 0)
        await page.waitForFunction(() => window.harness.framesShown() > 0, undefined, {
          timeout: 15_000,
        })
      const committedBefore = Date.now()
      await call('POST', `/sessions/${sid}/consent/withdrawals`, patient, {
        scope: 'participant',
        participantId: specialistId,
      })
      const handle = await page.waitForFunction(() => window.harness.lastDisconnect(), undefined, {
        timeout: 10_000,
        polling: 5,
      })
      const { at } = (await handle.jsonValue()) as { at: number }
      samples.push(at - committedBefore)
      await allowAdmitted()

      // The same person comes straight back with the token they still hold: how long until LiveKit puts them out
      // again, and how many of the host's video frames they were shown meanwhile.
      const exposure = await page.evaluate(
        async ([u, tk]) => {
          const started = performance.timeOrigin + performance.now()
          const refused = await window.harness.join(u!, tk!, { publish: false }).then(
            () => null,
            () => performance.timeOrigin + performance.now()
          )
          for (;;) {
            const gone = window.harness.lastDisconnect()?.at ?? refused
            if (gone) return { ms: gone - started, frames: window.harness.framesShown() }
            await new Promise((r) => setTimeout(r, 5))
          }
        },
        [url, token]
      )
      rejoinExposure.push(exposure.ms)
      framesAfterRevocation += exposure.frames
      // Cover the specialist again for the next round: a drop-in request the patient approves.
      const { id } = (await (
        await call('POST', `/sessions/${sid}/consent/requests`, host, {
          participantId: specialistId,
        })
      ).json()) as { id: string }
      await call('POST', `/sessions/${sid}/consent/requests/${id}`, patient, {
        decision: 'approved',
        categories: ['lab_results'],
      })
    }

    log(`measuring ${n} event round trips (peer)`)
    const peer: number[] = []
    const stream = await fetch(`${base}/api/sessions/${sid}/events`, {
      headers: { cookie: specialist },
    })
    const reader = stream.body!.getReader()
    const decoder = new TextDecoder()
    let buffer = ''
    const nextEvent = async () => {
      for (;;) {
        const end = buffer.indexOf('\n\n')
        if (end >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          if (block.includes('event: message')) return
          continue
        }
        const { value, done } = await reader.read()
        if (done) throw new Error('event stream closed')
        buffer += decoder.decode(value, { stream: true })
      }
    }
    for (let i = 0; i < n; i++) {
      const sent = performance.now()
      await call('PUT', `/sessions/${sid}/lobby/message`, host, { message: `Round ${i}` })
      await nextEvent()
      peer.push(performance.now() - sent)
    }
    await reader.cancel()

    const result = {
      bench: 'revocation',
      n,
      p50_ms: pct(samples, 50),
      p99_ms: pct(samples, 99),
      max_ms: Math.round(Math.max(...samples) * 10) / 10,
      peer_p50_ms: pct(peer, 50),
      peer_p99_ms: pct(peer, 99),
      rejoin_exposure_p50_ms: pct(rejoinExposure, 50),
      rejoin_exposure_ms: pct(rejoinExposure, 99),
      frames_after_revocation: framesAfterRevocation,
      ratio_p50: Math.round((pct(samples, 50) / pct(peer, 50)) * 100) / 100,
      aim: 'p99_ms <= 1000; rejoin_exposure_ms (p99) <= 1000; frames_after_revocation = 0',
      aim_met:
        pct(samples, 99) <= 1000 && pct(rejoinExposure, 99) <= 1000 && framesAfterRevocation === 0,
      method:
        'withdrawal POST sent (commit + LiveKit removal happen before it answers) → RoomEvent.Disconnected in Chromium (livekit-client, real livekit-server on loopback); peer: a host PUT → the lobby.changed server event read by the participant’s authenticated event stream. rejoin: right after each withdrawal the same page joins again with the token it still holds; rejoin_exposure_ms is that join’s start → its Disconnected (or refusal), p99; frames_after_revocation counts the host’s video frames that page was shown meanwhile, over all rounds (the host publishes and allows only admitted identities, as the call page does)',
      machine: { cores: os.cpus().length, node: process.version },
    }
    process.stdout.write(JSON.stringify(result) + '\n')
    return 0
  } finally {
    await browser.close()
    await harness.close()
    await app.stop()
    await fs.rm(dir, { recursive: true, force: true })
  }
}
