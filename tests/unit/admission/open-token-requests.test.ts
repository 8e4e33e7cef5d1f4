import { describe, expect, it } from 'vitest'
import type { MediaToken } from '../../../shared/admission'
import { createOpenTokenRequests } from '../../../server/admission/open-token-requests'
import type { Actor } from '../../../server/identity/actor'

const asker = (participantId: string): Actor => ({
  kind: 'participant',
  participantId,
  sessionId: 's1',
  role: 'patient',
  displayName: 'Riley',
  participantSessionId: 'g1',
  patientId: 'pt1',
  clinicId: 'c1',
})
const token: MediaToken = { url: 'ws://lk', token: 't', identity: 'p1', expiresInSeconds: 120 }
const settledNow = async (p: Promise<unknown>) =>
  Promise.race([p.then(() => true), new Promise((r) => setTimeout(() => r(false), 10))])

describe('open token requests', () => {
  it('are claimed oldest first, once each, and answered by their claimant', async () => {
    const requests = createOpenTokenRequests()
    const first = requests.open('s1', 'p1', asker('p1'), 'room-1')
    const second = requests.open('s1', 'p1', asker('p1'), 'room-1')
    expect(requests.peek('s1', 'p1')).toEqual({ roomName: 'room-1' })

    const claimed = requests.claim('s1', 'p1')!
    expect(claimed.actor).toEqual(asker('p1'))
    expect(await settledNow(first.claimed)).toBe(true)
    expect(await settledNow(second.claimed)).toBe(false)
    // Claimed: the request may no longer withdraw; the claimant's answer is its answer, sent once.
    expect(first.close()).toBe(false)
    claimed.answer(Promise.resolve(token))
    claimed.answer(Promise.resolve(undefined))
    expect(await first.answer).toEqual(token)

    expect(requests.claim('s1', 'p1')).toBeDefined()
    expect(requests.peek('s1', 'p1')).toBeUndefined()
    expect(requests.claim('s1', 'p1')).toBeUndefined()
  })

  it('are never claimed once withdrawn, and only for the same session and person', () => {
    const requests = createOpenTokenRequests()
    const request = requests.open('s1', 'p1', asker('p1'), 'room-1')
    expect(requests.claim('s1', 'p2')).toBeUndefined()
    expect(requests.claim('s2', 'p1')).toBeUndefined()
    expect(request.close()).toBe(true)
    expect(requests.peek('s1', 'p1')).toBeUndefined()
    expect(requests.claim('s1', 'p1')).toBeUndefined()
  })

  it('pass a failed answer on to the request, without an unhandled rejection before it is read', async () => {
    const requests = createOpenTokenRequests()
    const request = requests.open('s1', 'p1', asker('p1'), 'room-1')
    requests.claim('s1', 'p1')!.answer(Promise.reject(new Error('no room')))
    await new Promise((r) => setTimeout(r, 10))
    await expect(request.answer).rejects.toThrow('no room')
  })
})
