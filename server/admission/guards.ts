// What every admission command checks first: the caller's access to the session, and whether they host it or are
// invited to it. Shared by the lobby, the decisions, the token and the host's call controls.
import { conflict, notAllowed, notFound } from '../http/errors'
import type { Queryable, Tx } from '../db/client'
import type { Actor } from '../identity/actor'
import { findAccessible, isOpen } from '../sessions/access'

export const VIDEO_UNAVAILABLE =
  'Video is not available on this server right now. Please try again in a few minutes, or contact your care team.'

export async function requireAccess(
  tx: Queryable,
  actor: Actor,
  sessionId: string,
  opts: { lock?: boolean } = {}
) {
  const access = await findAccessible(tx, actor, sessionId, opts)
  if (!access) throw notFound('session')
  return access
}

export async function requireHost(tx: Tx, actor: Actor, sessionId: string) {
  const access = await requireAccess(tx, actor, sessionId, { lock: true })
  if (!access.isHost) throw notFound('session')
  if (!isOpen(access.session.status)) throw conflict('This session has ended.')
  return access
}

export function requireParticipant<P>(access: { me: P | undefined }): P {
  if (!access.me) throw notAllowed('You are not invited to this session. Ask a host to invite you.')
  return access.me
}

export const subject = (
  access: { session: { id: string; patientId: string } },
  participantId?: string
) => ({
  subjectKind: participantId ? 'participant' : 'session',
  subjectId: participantId ?? access.session.id,
  patientId: access.session.patientId,
})
