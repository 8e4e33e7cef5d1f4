// Who is asking. Every service receives one of these and decides from it; nothing is allowed by default.
import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { AccountRole, Discipline } from '../../shared/enums'
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
export type AnonymousActor = { kind: 'anonymous'; ip: string | null }
export type SystemActor = { kind: 'system' }
export type Actor = ClinicianActor | AnonymousActor | SystemActor

export const isClinician = (a: Actor): a is ClinicianActor => a.kind === 'clinician'
export const isAdmin = (a: Actor): a is ClinicianActor => a.kind === 'clinician' && a.role === 'admin'

export function clientIp(c: { env?: unknown; req: { header: (n: string) => string | undefined } }): string | null {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
  return incoming?.socket?.remoteAddress ?? null
}

export const resolveActor = (deps: Deps): MiddlewareHandler<AppEnv> => async (c, next) => {
  const token = getCookie(c, sessionCookieName(deps.config))
  const actor = token ? await resolveClinicianSession(deps, token) : undefined
  c.set('actor', actor ?? { kind: 'anonymous', ip: clientIp(c) })
  await next()
}
