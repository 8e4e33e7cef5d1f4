// The lobby and admission: who waits, who is in, and the token that lets an admitted person's browser join the media.
import * as z from 'zod'
import { Discipline, Role } from './enums'
import { Id } from './ids'
import { Line, Payload } from './input'

export const LobbyState = z.enum([
  'waiting',
  'admitted',
  'denied',
  'removed',
  'left',
  'stepped_out',
])
export type LobbyState = z.infer<typeof LobbyState>

export const LobbyEntry = z.object({
  participantId: Id,
  displayName: z.string(),
  role: Role,
  discipline: Discipline.nullable(),
  state: LobbyState,
  waitingSince: z.iso.datetime({ offset: true }).nullable(),
  /** Whether the consent covering this person is active, and if not, why. */
  consent: z.object({ admissible: z.boolean(), reasons: z.array(z.string()) }),
})
export type LobbyEntry = z.infer<typeof LobbyEntry>

export const Lobby = z.object({
  sessionId: Id,
  entries: z.array(LobbyEntry),
  message: z.string().nullable(),
})
export type Lobby = z.infer<typeof Lobby>

/** The caller's own place in a session, as the waiting page and the call page show it. */
export const MyStatus = z.object({
  sessionId: Id,
  participantId: Id,
  role: Role,
  state: LobbyState.or(z.literal('not_arrived')),
  sessionStatus: z.enum(['scheduled', 'live', 'ended', 'cancelled']),
  hostPresent: z.boolean(),
  /** When state is 'left': why the person's admission ended. */
  leftBecause: z
    .enum(['left', 'removed', 'session_ended', 'consent_withdrawn', 'stepped_out'])
    .nullable()
    .default(null),
  /** The hosts' message to people waiting, if any. */
  message: z.string().nullable(),
  /** A host has seen this person in the waiting room since they last arrived. */
  seenByHost: z.boolean().default(false),
  /** The media server's address (already public in the pages' CSP), so the waiting page can warm the way to it. */
  mediaUrl: z.string().nullable().default(null),
})
export type MyStatus = z.infer<typeof MyStatus>

export const AdmitInput = Payload({ participantId: Id })
export type AdmitInput = z.infer<typeof AdmitInput>

/** Longest message to people waiting or stepping out. */
export const LOBBY_MESSAGE_MAX = 280

export const LobbyMessageInput = Payload({
  message: Line(LOBBY_MESSAGE_MAX).nullable(),
})
export type LobbyMessageInput = z.infer<typeof LobbyMessageInput>

export const StepOutInput = Payload({
  message: Line(LOBBY_MESSAGE_MAX).nullable().default(null),
})
export type StepOutInput = z.infer<typeof StepOutInput>

export const MuteInput = Payload({ participantId: Id, source: z.enum(['microphone', 'camera']) })
export type MuteInput = z.infer<typeof MuteInput>

export const MediaToken = z.object({
  url: z.string(),
  token: z.string(),
  /** Our participant id; LiveKit knows people only by this opaque identity. */
  identity: Id,
  expiresInSeconds: z.number().int().positive(),
})
export type MediaToken = z.infer<typeof MediaToken>

/** The LiveKit identities currently admitted to the call: the only ones a publisher lets subscribe to its tracks. */
export const AdmittedIdentities = z.object({ identities: z.array(Id) })
export type AdmittedIdentities = z.infer<typeof AdmittedIdentities>

/** The longest a token request may wait for the caller's admission (`?waitSeconds=`), under common proxy timeouts. */
export const TOKEN_WAIT_MAX_SECONDS = 25

/** `POST …/token?waitSeconds=N`: answered once the caller is admitted, or with 204 after N seconds without. */
export const TokenQuery = z.object({
  waitSeconds: z.optional(
    z.coerce.number().check(z.int(), z.gte(1), z.lte(TOKEN_WAIT_MAX_SECONDS))
  ),
})

/** What a waiting token request answers: the token, or nothing yet (204). */
export const MaybeMediaToken = z.optional(MediaToken)
