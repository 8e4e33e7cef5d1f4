import { beforeAll, describe, expect, it } from 'vitest'
import { ServerEvent } from '../../../shared/events'
import { startTestApp, type TestApp } from '../../support/app'
import {
  acknowledge,
  createCareTeam,
  createClinic,
  createClinician,
  exchangeLink,
  giveJointConsent,
  scheduleSession,
  signIn,
} from '../../support/people'

let t: TestApp
let hostCookie: string
let outsiderCookie: string
let patientId: string

beforeAll(async () => {
  t = await startTestApp()
  const clinicId = (await createClinic(t)).id
  const gp = await createClinician(t, clinicId)
  patientId = (await createCareTeam(t, clinicId, [gp])).id
  hostCookie = await signIn(t, gp)
  outsiderCookie = await signIn(t, await createClinician(t, clinicId))
})

/** Reads server-sent events until `count` messages arrived. */
async function collect(res: Response, count: number): Promise<ServerEvent[]> {
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  const events: ServerEvent[] = []
  let buffer = ''
  while (events.length < count) {
    const { value, done } = await reader.read()
    if (done) break
    buffer += decoder.decode(value, { stream: true })
    let end: number
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      if (!block.includes('event: message')) continue
      const data = block
        .split('\n')
        .find((l) => l.startsWith('data: '))!
        .slice(6)
      events.push(ServerEvent.parse(JSON.parse(data)))
    }
  }
  await reader.cancel()
  return events
}

describe('the event stream', () => {
  it('tells a waiting patient they were admitted, after the change committed, with ids only', async () => {
    const { session, links } = await scheduleSession(t, hostCookie, {
      patientId,
      invitePatient: true,
      specialists: [{ displayName: 'Dr V', email: 'v@x.example', discipline: 'urology' }],
    })
    const specialist = links.find((l) => l.role === 'specialist')!
    const patientCookie = await exchangeLink(
      t,
      links.find((l) => l.role === 'patient')!.url,
      '1985-06-01'
    )
    const cookie = await exchangeLink(t, specialist.url)
    await giveJointConsent(t, session.id, patientCookie, [
      { participantId: specialist.participantId },
    ])
    await acknowledge(t, session.id, cookie)
    await t.request(`/api/sessions/${session.id}/arrival`, { method: 'POST', cookie })
    const stream = await t.request(`/api/sessions/${session.id}/events`, { cookie })
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/)
    const received = collect(stream, 2)
    await t.request(`/api/sessions/${session.id}/admissions`, {
      method: 'POST',
      cookie: hostCookie,
      json: { participantId: specialist.participantId },
    })
    expect(await received).toEqual([
      { type: 'admission.granted', sessionId: session.id, participantId: specialist.participantId },
      { type: 'lobby.changed', sessionId: session.id },
    ])
  })

  it('refuses a stream of a session the caller may not see, as if it did not exist', async () => {
    const { session } = await scheduleSession(t, hostCookie, { patientId, kind: 'case_conference' })
    expect(
      (await t.request(`/api/sessions/${session.id}/events`, { cookie: outsiderCookie })).status
    ).toBe(404)
    expect((await t.request(`/api/sessions/${session.id}/events`)).status).toBe(404)
  })
})
