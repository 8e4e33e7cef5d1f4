// Every event the server pushes over the event stream. Ids and kinds only, never health data: on an event the
// browser refetches through the normal, authorised query.
import { z } from './zod'
import { Id } from './ids'

/** Events about one session, sent on that session's stream to whoever may see the session. */
export const SessionEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('lobby.changed'), sessionId: Id }),
  z.object({ type: z.literal('admission.granted'), sessionId: Id, participantId: Id }),
  z.object({ type: z.literal('admission.denied'), sessionId: Id, participantId: Id }),
  /** A host undid a decline or removal: the person may arrive again and wait. */
  z.object({ type: z.literal('admission.may_rejoin'), sessionId: Id, participantId: Id }),
  z.object({
    type: z.literal('admission.removed'),
    sessionId: Id,
    participantId: Id,
    reason: z._default(z.enum(['removed', 'consent_withdrawn', 'stepped_out']), 'removed'),
  }),
  z.object({ type: z.literal('consent.changed'), sessionId: Id }),
  z.object({ type: z.literal('consent.requested'), sessionId: Id, requestId: Id }),
  z.object({ type: z.literal('session.changed'), sessionId: Id }),
  z.object({ type: z.literal('session.ended'), sessionId: Id }),
])
export type SessionEvent = z.infer<typeof SessionEvent>

/** Events about a patient, sent only to signed-in clinicians of the patient's care team, wherever they are. */
export const TeamEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('safety_alert.raised'), patientId: Id, alertId: Id }),
  z.object({ type: z.literal('safety_alert.closed'), patientId: Id, alertId: Id }),
  z.object({ type: z.literal('outcomes.changed'), patientId: Id }),
])
export type TeamEvent = z.infer<typeof TeamEvent>

export const ServerEvent = z.discriminatedUnion('type', [
  ...SessionEvent.def.options,
  ...TeamEvent.def.options,
])
export type ServerEvent = z.infer<typeof ServerEvent>
export type ServerEventType = ServerEvent['type']
