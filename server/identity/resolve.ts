// One answer to "who is this?" from a request's cookies, for the HTTP middleware and the document socket alike.
import { parse } from 'hono/utils/cookie'
import { resolveClinicianSession } from '../accounts/service'
import type { Deps } from '../deps'
import { resolveParticipantSession } from '../sessions/guest-sign-in'
import type { Actor } from './actor'
import { clinicianCookieName, guestCookieName } from './secrets'

/** Each kind of sign-in is resolved by the feature that owns its data; a clinician cookie wins over a guest one. */
export async function actorFromCookies(
  deps: Deps,
  cookieHeader: string | undefined,
  ip: string | null
): Promise<Actor> {
  const cookies = cookieHeader ? parse(cookieHeader) : {}
  const clinicianToken = cookies[clinicianCookieName(deps.config)]
  const guestToken = cookies[guestCookieName(deps.config)]
  const actor =
    (clinicianToken ? await resolveClinicianSession(deps, clinicianToken) : undefined) ??
    (guestToken ? await resolveParticipantSession(deps, guestToken) : undefined)
  return actor ?? { kind: 'anonymous', ip }
}
