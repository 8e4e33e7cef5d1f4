// LiveKit behind one interface: the only module that imports livekit-server-sdk.
import {
  AccessToken,
  RoomServiceClient,
  ServerError,
  TrackSource,
  WebhookReceiver,
  type VideoGrant,
} from 'livekit-server-sdk'

export type MediaSource = 'camera' | 'microphone' | 'screen_share' | 'screen_share_audio'

export type MediaGrants = {
  canSubscribe: boolean
  canPublish: boolean
  sources: MediaSource[]
  canPublishData: boolean
}

export type LivekitWebhookEvent = {
  id: string
  event: string
  createdAt: Date
  roomName: string | null
  participantIdentity: string | null
}

export type LivekitAdapter = {
  /** The ws(s) URL browsers connect to. */
  url: string
  issueToken(input: {
    roomName: string
    identity: string
    grants: MediaGrants
    ttlSeconds: number
  }): Promise<string>
  /** Idempotent: creating an existing room returns it unchanged. */
  createRoom(
    roomName: string,
    opts?: { emptyTimeoutSeconds?: number; departureTimeoutSeconds?: number }
  ): Promise<void>
  /** Already gone counts as success. Does not invalidate the person's token: refuse new ones in the database too. */
  removeParticipant(roomName: string, identity: string): Promise<void>
  /** Disconnects everyone; an unknown room counts as success. */
  deleteRoom(roomName: string): Promise<void>
  listParticipants(roomName: string): Promise<{ identity: string; joinedAt: Date | null }[]>
  /** Mutes the person's published track of that source; false when they publish none (nothing to mute). */
  muteTrack(roomName: string, identity: string, source: 'camera' | 'microphone'): Promise<boolean>
  ping(): Promise<{ ok: boolean; detail: string }>
  /** Throws when the signature is missing, wrong, expired, or the body was altered. */
  receiveWebhook(rawBody: string, authorization: string | undefined): Promise<LivekitWebhookEvent>
}

// TTL only guards the first connect (LiveKit refreshes tokens of connected participants), so keep it short.
export const TOKEN_TTL_MIN_SECONDS = 60
export const TOKEN_TTL_MAX_SECONDS = 120

const REQUEST_TIMEOUT_SECONDS = 5
const PING_TIMEOUT_SECONDS = 2

const trackSources: Record<MediaSource, TrackSource> = {
  camera: TrackSource.CAMERA,
  microphone: TrackSource.MICROPHONE,
  screen_share: TrackSource.SCREEN_SHARE,
  screen_share_audio: TrackSource.SCREEN_SHARE_AUDIO,
}

export function createLivekitAdapter(cfg: {
  url: string
  apiKey: string
  apiSecret: string
}): LivekitAdapter {
  // The SDK silently falls back to LIVEKIT_API_KEY/SECRET from the environment when these are empty.
  if (!cfg.apiKey || !cfg.apiSecret) throw new Error('LiveKit API key and secret are required')
  const apiUrl = toHttpUrl(cfg.url)
  // failover: false, since region failover only applies to LiveKit Cloud and would retry against other hosts.
  const rooms = new RoomServiceClient(apiUrl, cfg.apiKey, cfg.apiSecret, {
    requestTimeout: REQUEST_TIMEOUT_SECONDS,
    failover: false,
  })
  const pingRooms = new RoomServiceClient(apiUrl, cfg.apiKey, cfg.apiSecret, {
    requestTimeout: PING_TIMEOUT_SECONDS,
    failover: false,
  })
  const webhooks = new WebhookReceiver(cfg.apiKey, cfg.apiSecret)

  return {
    url: cfg.url,

    async issueToken({ roomName, identity, grants, ttlSeconds }) {
      if (
        !Number.isInteger(ttlSeconds) ||
        ttlSeconds < TOKEN_TTL_MIN_SECONDS ||
        ttlSeconds > TOKEN_TTL_MAX_SECONDS
      ) {
        throw new RangeError(
          `Token TTL must be a whole number of seconds from ${TOKEN_TTL_MIN_SECONDS} to ${TOKEN_TTL_MAX_SECONDS}`
        )
      }
      if (!roomName || !identity) throw new Error('A token needs a room name and an identity')
      const token = new AccessToken(cfg.apiKey, cfg.apiSecret, { identity, ttl: ttlSeconds })
      token.addGrant(videoGrant(roomName, grants))
      return token.toJwt()
    },

    async createRoom(roomName, opts = {}) {
      await rooms.createRoom({
        name: roomName,
        emptyTimeout: opts.emptyTimeoutSeconds,
        departureTimeout: opts.departureTimeoutSeconds,
      })
    },

    async removeParticipant(roomName, identity) {
      await rooms.removeParticipant(roomName, identity).catch(ignoreNotFound)
    },

    async deleteRoom(roomName) {
      await rooms.deleteRoom(roomName).catch(ignoreNotFound)
    },

    async listParticipants(roomName) {
      const participants = await rooms.listParticipants(roomName).catch((err: unknown) => {
        if (isNotFound(err)) return []
        throw err
      })
      return participants.map((p) => ({
        identity: p.identity,
        joinedAt: joinedAt(p.joinedAtMs, p.joinedAt),
      }))
    },

    async muteTrack(roomName, identity, source) {
      const participant = await rooms.getParticipant(roomName, identity).catch((err: unknown) => {
        if (isNotFound(err)) return undefined
        throw err
      })
      const track = participant?.tracks.find((t) => t.source === trackSources[source] && !t.muted)
      if (!track) return false
      await rooms.mutePublishedTrack(roomName, identity, track.sid, true)
      return true
    },

    async ping() {
      const started = Date.now()
      try {
        await pingRooms.listRooms([])
        return { ok: true, detail: `LiveKit answered in ${Date.now() - started} ms.` }
      } catch (err) {
        return { ok: false, detail: describePingFailure(err, apiUrl) }
      }
    },

    async receiveWebhook(rawBody, authorization) {
      const event = await webhooks.receive(rawBody, authorization)
      return {
        id: event.id,
        event: event.event,
        createdAt: new Date(Number(event.createdAt) * 1000),
        roomName: event.room?.name || null,
        participantIdentity: event.participant?.identity || null,
      }
    },
  }
}

/** Exactly what a browser participant needs; never roomAdmin, roomCreate, roomList or hidden. */
function videoGrant(roomName: string, grants: MediaGrants): VideoGrant {
  const sources = [...new Set(grants.sources)]
  for (const source of sources) {
    if (!(source in trackSources)) throw new Error(`Unknown media source: ${String(source)}`)
  }
  // LiveKit reads an empty canPublishSources as "any source", so publishing must name its sources.
  if (grants.canPublish && sources.length === 0)
    throw new Error('Publishing needs at least one media source')
  return {
    roomJoin: true,
    room: roomName,
    canSubscribe: grants.canSubscribe,
    canPublish: grants.canPublish,
    ...(grants.canPublish ? { canPublishSources: sources.map((s) => trackSources[s]) } : {}),
    // Set explicitly: LiveKit defaults it to true when absent.
    canPublishData: grants.canPublishData,
  }
}

function toHttpUrl(url: string): string {
  return url.replace(/^ws(s?):\/\//i, 'http$1://')
}

function isNotFound(err: unknown): boolean {
  return err instanceof ServerError && (err.code === 'not_found' || err.status === 404)
}

function ignoreNotFound(err: unknown): void {
  if (!isNotFound(err)) throw err
}

function joinedAt(ms: bigint, seconds: bigint): Date | null {
  if (ms > 0n) return new Date(Number(ms))
  if (seconds > 0n) return new Date(Number(seconds) * 1000)
  return null
}

function describePingFailure(err: unknown, apiUrl: string): string {
  if (err instanceof ServerError) {
    if (err.status === 401 || err.code === 'unauthenticated')
      return 'LiveKit refused our API key and secret.'
    return `LiveKit answered with an error (HTTP ${err.status}).`
  }
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
    return `LiveKit at ${apiUrl} did not answer within ${PING_TIMEOUT_SECONDS} s.`
  }
  return `LiveKit at ${apiUrl} could not be reached.`
}
