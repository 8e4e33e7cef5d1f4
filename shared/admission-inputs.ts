// What people send about the lobby and the call: whom to let in, the message to people waiting, a step-out, a mute,
// how long a token request may wait.
// Request bodies only, apart from ./admission.ts (what the server answers), which every page before the call loads:
// no page checks these before sending, and the server validates every one of them.
import { z } from './zod'
import { LOBBY_MESSAGE_MAX, TOKEN_WAIT_MAX_SECONDS } from './admission'
import { Id } from './ids'
import { Line, Payload } from './input'

export const AdmitInput = Payload({ participantId: Id })
export type AdmitInput = z.infer<typeof AdmitInput>

export const LobbyMessageInput = Payload({
  message: z.nullable(Line(LOBBY_MESSAGE_MAX)),
})
export type LobbyMessageInput = z.infer<typeof LobbyMessageInput>

export const StepOutInput = Payload({
  message: z._default(z.nullable(Line(LOBBY_MESSAGE_MAX)), null),
})
export type StepOutInput = z.infer<typeof StepOutInput>

export const MuteInput = Payload({ participantId: Id, source: z.enum(['microphone', 'camera']) })
export type MuteInput = z.infer<typeof MuteInput>

/** `POST …/token?waitSeconds=N`: answered once the caller is admitted, or with 204 after N seconds without. */
export const TokenQuery = z.object({
  waitSeconds: z.optional(
    z.coerce.number().check(z.int(), z.gte(1), z.lte(TOKEN_WAIT_MAX_SECONDS))
  ),
})
