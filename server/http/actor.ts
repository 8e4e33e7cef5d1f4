// Who is asking. Every service receives one of these and decides from it; nothing is allowed by default.
import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { AccountRole, Discipline, Role } from '../../shared/enums'
import { guestCookieName, resolveParticipantSession } from '../accounts/invitation-exchange'
import { resolveClinicianSession, sessionCookieName } from '../accounts/service'
import type { AppEnv, Deps } from '../deps'

export type ClinicianActor = {
  kind: 'clinician'
  clinicianId: string
  clinicId: string
  role: AccountRole
  discipline: Discipline
  displayName: string
  authSessionId: string
}
/** Someone who joined with a personal link: one participant of one session, nothing else. */
export type ParticipantActor = {
  kind: 'participant'
  participantId: string
  sessionId: string
  role: Role
  displayName: string
  participantSessionId: string
}
export type AnonymousActor = { kind: 'anonymous'; ip: string | null }
export type SystemActor = { kind: 'system' }
export type Actor = ClinicianActor | ParticipantActor | AnonymousActor | SystemActor

export const isClinician = (a: Actor): a is ClinicianActor => a.kind === 'clinician'
export const isAdmin = (a: Actor): a is ClinicianActor => a.kind === 'clinician' && a.role === 'admin'

export function clientIp(c: { env?: unknown; req: { header: (n: string) => string | undefined } }): string | null {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
  return incoming?.socket?.remoteAddress ?? null
}

export const resolveActor = (deps: Deps): MiddlewareHandler<AppEnv> => async (c, next) => {
  const clinicianToken = getCookie(c, sessionCookieName(deps.config))
  const guestToken = getCookie(c, guestCookieName(deps.config))
  const actor =
    (clinicianToken ? await resolveClinicianSession(deps, clinicianToken) : undefined) ??
    (guestToken ? await resolveParticipantSession(deps, guestToken) : undefined)
  c.set('actor', actor ?? { kind: 'anonymous', ip: clientIp(c) })
  await next()
}
