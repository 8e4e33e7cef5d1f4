// The lobby and admission: who waits, who is in, and the token that lets an admitted person's browser join the media.
import { z } from './zod'
import { Discipline, Role } from './enums'
import { Id } from './ids'

export const LobbyState = z.enum([
  'waiting',
  'admitted',
  'denied',
  'removed',
  'left',
  'stepped_out',
  /** Declined or removed, then let wait again by a host: their next arrival puts them in the waiting room. */
  'may_rejoin',
])
export type LobbyState = z.infer<typeof LobbyState>

export const LobbyEntry = z.object({
  participantId: Id,
  displayName: z.string(),
  role: Role,
  discipline: z.nullable(Discipline),
  state: LobbyState,
  waitingSince: z.nullable(z.iso.datetime({ offset: true })),
  /** Whether the consent covering this person is active, and if not, why. */
  consent: z.object({ admissible: z.boolean(), reasons: z.array(z.string()) }),
})
export type LobbyEntry = z.infer<typeof LobbyEntry>

export const Lobby = z.object({
  sessionId: Id,
  entries: z.array(LobbyEntry),
  message: z.nullable(z.string()),
})
export type Lobby = z.infer<typeof Lobby>

/** The caller's own place in a session, as the waiting page and the call page show it. */
export const MyStatus = z.object({
  sessionId: Id,
  participantId: Id,
  role: Role,
  state: z.union([LobbyState, z.literal('not_arrived')]),
  sessionStatus: z.enum(['scheduled', 'live', 'ended', 'cancelled']),
  hostPresent: z.boolean(),
  /** When state is 'left': why the person's admission ended. */
  leftBecause: z._default(
    z.nullable(z.enum(['left', 'removed', 'session_ended', 'consent_withdrawn', 'stepped_out'])),
    null
  ),
  /** The hosts' message to people waiting, if any. */
  message: z.nullable(z.string()),
  /** A host has seen this person in the waiting room since they last arrived. */
  seenByHost: z._default(z.boolean(), false),
  /** The media server's address (already public in the pages' CSP), so the waiting page can warm the way to it. */
  mediaUrl: z._default(z.nullable(z.string()), null),
})
export type MyStatus = z.infer<typeof MyStatus>

/** The lobby states a host can undo with "Let … wait again". */
export const UNDOABLE_LOBBY_STATES: readonly LobbyState[] = ['denied', 'removed']

/** Longest message to people waiting or stepping out. */
export const LOBBY_MESSAGE_MAX = 280

export const MediaToken = z.object({
  url: z.string(),
  token: z.string(),
  /** Our participant id; LiveKit knows people only by this opaque identity. */
  identity: Id,
  expiresInSeconds: z.number().check(z.int(), z.positive()),
})
export type MediaToken = z.infer<typeof MediaToken>

/** The LiveKit identities currently admitted to the call: the only ones a publisher lets subscribe to its tracks. */
export const AdmittedIdentities = z.object({ identities: z.array(Id) })
export type AdmittedIdentities = z.infer<typeof AdmittedIdentities>

/** The longest a token request may wait for the caller's admission (`?waitSeconds=`), under common proxy timeouts. */
export const TOKEN_WAIT_MAX_SECONDS = 25

/** What a waiting token request answers: the token, or nothing yet (204). */
export const MaybeMediaToken = z.optional(MediaToken)
