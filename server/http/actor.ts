// Who is asking. Every service receives one of these and decides from it; nothing is allowed by default.
import { isIP } from 'node:net'
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
export const isAdmin = (a: Actor): a is ClinicianActor =>
  a.kind === 'clinician' && a.role === 'admin'

/**
 * The address rate limits and the audit trail attribute a request to. Directly exposed, the socket's peer. With
 * `trustProxy` (TRUST_PROXY=true: only ever behind our own proxy), the right-most X-Forwarded-For entry, which that
 * proxy added; everything left of it came from the client and may be forged. Not an IP address: the peer again.
 */
export function clientIp(
  c: { env?: unknown; req: { header: (n: string) => string | undefined } },
  config: { trustProxy: boolean }
): string | null {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming
  const peer = incoming?.socket?.remoteAddress ?? null
  if (!config.trustProxy) return peer
  // Repeated headers arrive joined with commas, so the last entry is the one the nearest hop added.
  const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim()
  // Stored in an inet column: anything else (a port, a zone id) would fail the insert, so it counts as absent.
  return forwarded && isIP(forwarded) && !forwarded.includes('%') ? forwarded : peer
}

export const resolveActor =
  (deps: Deps): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const clinicianToken = getCookie(c, sessionCookieName(deps.config))
    const guestToken = getCookie(c, guestCookieName(deps.config))
    const actor =
      (clinicianToken ? await resolveClinicianSession(deps, clinicianToken) : undefined) ??
      (guestToken ? await resolveParticipantSession(deps, guestToken) : undefined)
    c.set('actor', actor ?? { kind: 'anonymous', ip: clientIp(c, deps.config) })
    await next()
  }
