// The team event stream after a gap: when the hub re-establishes LISTEN it signals `resync`, and every open team
// stream passes it on, so the client refetches what it shows (web/src/outcomes/team-events.ts, unit-tested apart).
import { beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../support/app'
import { createCareTeam, createClinic, createClinician, signIn } from '../../support/people'

let t: TestApp
let gpCookie: string
let patientId: string

beforeAll(async () => {
  t = await startTestApp()
  const clinicId = (await createClinic(t)).id
  const gp = await createClinician(t, clinicId)
  patientId = (await createCareTeam(t, clinicId, [gp])).id
  gpCookie = await signIn(t, gp)
})

/** Reads a stream in the background, keeping each block's event name (and patient, for messages). */
async function open(cookie: string) {
  const res = await t.request('/api/team-events', { cookie })
  expect(res.status).toBe(200)
  const seen: string[] = []
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }))
      if (done) break
      buffer += decoder.decode(value, { stream: true })
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const name = block.match(/^event: (.+)$/m)?.[1] ?? ''
        const data = block.match(/^data: (.+)$/m)?.[1] ?? '{}'
        const patient = (JSON.parse(data) as { patientId?: string }).patientId
        seen.push(patient ? `${name}:${patient}` : name)
      }
    }
  })()
  return { seen, close: () => reader.cancel() }
}

describe('the team event stream', () => {
  it('tells an open stream to resync after the hub lost events, then goes on delivering', async () => {
    const stream = await open(gpCookie)
    await expect.poll(() => stream.seen).toContain('ready')
    t.deps.events.signal('resync')
    await expect.poll(() => stream.seen).toContain('resync')
    await t.deps.db.transaction((tx) =>
      t.deps.events.publish(tx, { type: 'outcomes.changed', patientId })
    )
    await expect.poll(() => stream.seen).toContain(`message:${patientId}`)
    expect(stream.seen.indexOf('resync')).toBeLessThan(stream.seen.indexOf(`message:${patientId}`))
    await stream.close()
  })

  it('is for signed-in clinicians only', async () => {
    const res = await t.request('/api/team-events')
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ error: { code: 'unauthenticated' } })
  })
})
