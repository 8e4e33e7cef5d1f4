// Every event the server pushes over the event stream. Ids and kinds only, never health data: on an event the
// browser refetches through the normal, authorised query.
import * as z from 'zod'
import { Id } from './ids'

export const ServerEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('lobby.changed'), sessionId: Id }),
  z.object({ type: z.literal('admission.granted'), sessionId: Id, participantId: Id }),
  z.object({ type: z.literal('admission.denied'), sessionId: Id, participantId: Id }),
  z.object({
    type: z.literal('admission.removed'),
    sessionId: Id,
    participantId: Id,
    reason: z.enum(['removed', 'consent_withdrawn', 'stepped_out']).default('removed'),
  }),
  z.object({ type: z.literal('consent.changed'), sessionId: Id }),
  z.object({ type: z.literal('consent.requested'), sessionId: Id, requestId: Id }),
  z.object({ type: z.literal('session.changed'), sessionId: Id }),
  z.object({ type: z.literal('session.ended'), sessionId: Id }),
])
export type ServerEvent = z.infer<typeof ServerEvent>
export type ServerEventType = ServerEvent['type']
