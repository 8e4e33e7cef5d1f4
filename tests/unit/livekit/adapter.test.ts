import { describe, expect, it } from 'vitest'
import { createLivekitAdapter, type MediaGrants } from '../../../server/livekit/adapter'
import { claimsOf as decodeClaims, signWebhook as sign } from '../../support/livekit'

const apiKey = 'APIunittest'
const apiSecret = 'unit-test-secret-that-is-at-least-32-characters'
// No request leaves the process in these tests: tokens and webhook checks are local computations.
const livekit = createLivekitAdapter({ url: 'ws://127.0.0.1:1', apiKey, apiSecret })

const clinician: MediaGrants = {
  canSubscribe: true,
  canPublish: true,
  sources: ['camera', 'microphone', 'screen_share'],
  canPublishData: false,
}

const claimsOf = (jwt: string) => decodeClaims(jwt)
const signWebhook = (
  body: string,
  opts: { secret?: string; key?: string; expiresInSeconds?: number } = {}
) =>
  sign(body, {
    key: opts.key ?? apiKey,
    secret: opts.secret ?? apiSecret,
    expiresInSeconds: opts.expiresInSeconds,
  })

describe('LiveKit tokens', () => {
  it.each([0, 59, 121, 3600, 90.5, Number.NaN])(
    'refuses a token lifetime of %s seconds',
    async (ttlSeconds) => {
      await expect(
        livekit.issueToken({
          roomName: 'room-1',
          identity: 'participant-1',
          grants: clinician,
          ttlSeconds,
        })
      ).rejects.toThrow(RangeError)
    }
  )

  it.each([60, 90, 120])('issues a token that lives exactly %s seconds', async (ttlSeconds) => {
    const claims = claimsOf(
      await livekit.issueToken({
        roomName: 'room-1',
        identity: 'participant-1',
        grants: clinician,
        ttlSeconds,
      })
    )
    expect(Number(claims.exp) - Number(claims.nbf)).toBe(ttlSeconds)
  })

  it('names the participant and the key, and carries no token id or display name', async () => {
    const claims = claimsOf(
      await livekit.issueToken({
        roomName: 'room-1',
        identity: 'participant-1',
        grants: clinician,
        ttlSeconds: 60,
      })
    )
    expect(claims).toMatchObject({ sub: 'participant-1', iss: apiKey })
    expect(claims).not.toHaveProperty('jti')
    expect(claims).not.toHaveProperty('name')
    expect(claims).not.toHaveProperty('metadata')
  })

  it('grants exactly joining one room and publishing the named sources', async () => {
    const claims = claimsOf(
      await livekit.issueToken({
        roomName: 'room-1',
        identity: 'participant-1',
        grants: clinician,
        ttlSeconds: 60,
      })
    )
    expect(claims.video).toStrictEqual({
      roomJoin: true,
      room: 'room-1',
      canSubscribe: true,
      canPublish: true,
      canPublishSources: ['camera', 'microphone', 'screen_share'],
      canPublishData: false,
    })
  })

  it('grants a watcher no sources at all', async () => {
    const watcher: MediaGrants = {
      canSubscribe: true,
      canPublish: false,
      sources: ['camera'],
      canPublishData: false,
    }
    const claims = claimsOf(
      await livekit.issueToken({
        roomName: 'room-1',
        identity: 'participant-2',
        grants: watcher,
        ttlSeconds: 60,
      })
    )
    expect(claims.video).toStrictEqual({
      roomJoin: true,
      room: 'room-1',
      canSubscribe: true,
      canPublish: false,
      canPublishData: false,
    })
  })

  it.each<MediaGrants>([
    clinician,
    {
      canSubscribe: true,
      canPublish: true,
      sources: ['camera', 'microphone'],
      canPublishData: true,
    },
    { canSubscribe: false, canPublish: false, sources: [], canPublishData: false },
  ])('never grants admin, create, list, hidden or recorder powers (%o)', async (grants) => {
    const claims = claimsOf(
      await livekit.issueToken({
        roomName: 'room-1',
        identity: 'participant-1',
        grants,
        ttlSeconds: 60,
      })
    )
    for (const power of [
      'roomAdmin',
      'roomCreate',
      'roomList',
      'roomRecord',
      'hidden',
      'recorder',
      'ingressAdmin',
      'agent',
    ]) {
      expect(claims.video).not.toHaveProperty(power)
    }
    expect(
      Object.keys(claims).filter((k) => !['video', 'sub', 'iss', 'exp', 'nbf'].includes(k))
    ).toEqual([])
  })

  // An empty canPublishSources means "any source" to LiveKit, so it must never be sent.
  it('refuses publishing without naming a source', async () => {
    const grants: MediaGrants = {
      canSubscribe: true,
      canPublish: true,
      sources: [],
      canPublishData: false,
    }
    await expect(
      livekit.issueToken({ roomName: 'room-1', identity: 'participant-1', grants, ttlSeconds: 60 })
    ).rejects.toThrow(/at least one media source/)
  })

  it('refuses a token without a room or an identity', async () => {
    await expect(
      livekit.issueToken({
        roomName: '',
        identity: 'participant-1',
        grants: clinician,
        ttlSeconds: 60,
      })
    ).rejects.toThrow()
    await expect(
      livekit.issueToken({ roomName: 'room-1', identity: '', grants: clinician, ttlSeconds: 60 })
    ).rejects.toThrow()
  })

  it('refuses to be built without a key and secret', () => {
    expect(() =>
      createLivekitAdapter({ url: 'ws://127.0.0.1:1', apiKey: '', apiSecret: '' })
    ).toThrow()
  })
})

describe('LiveKit webhooks', () => {
  const body = JSON.stringify({
    event: 'participant_joined',
    id: 'EV_unit1',
    createdAt: '1767225600',
    room: { sid: 'RM_1', name: 'room-1' },
    participant: { sid: 'PA_1', identity: 'participant-1' },
  })

  it('accepts a signed event and converts its creation time to a date', async () => {
    await expect(livekit.receiveWebhook(body, signWebhook(body))).resolves.toEqual({
      id: 'EV_unit1',
      event: 'participant_joined',
      createdAt: new Date('2026-01-01T00:00:00Z'),
      roomName: 'room-1',
      participantIdentity: 'participant-1',
    })
  })

  it('reports no room or participant when the event has none', async () => {
    const bare = JSON.stringify({ event: 'room_started', id: 'EV_unit2', createdAt: '1767225600' })
    await expect(livekit.receiveWebhook(bare, signWebhook(bare))).resolves.toMatchObject({
      roomName: null,
      participantIdentity: null,
    })
  })

  it.each([
    ['without a signature', () => undefined],
    [
      'signed with another secret',
      () => signWebhook(body, { secret: 'another-secret-that-is-at-least-32-characters' }),
    ],
    ['signed for another key', () => signWebhook(body, { key: 'APIsomeoneelse' })],
    ['whose signature has expired', () => signWebhook(body, { expiresInSeconds: -120 })],
    [
      'whose body was altered after signing',
      () => signWebhook(body.replace('participant-1', 'participant-9')),
    ],
    ['with a garbage signature', () => 'not-a-jwt'],
  ])('refuses an event %s', async (_, authorization) => {
    await expect(livekit.receiveWebhook(body, authorization())).rejects.toThrow()
  })
})
