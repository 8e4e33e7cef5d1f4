// Who is admitted right now, for the people in the call: each publisher's client lets only these identities
// subscribe to its tracks (LiveKit track subscription permissions), so an old token alone never yields media.
import type { AdmittedIdentities } from '../../shared/admission'
import type { Deps } from '../deps'
import { AppError, notFound } from '../http/errors'
import type { Actor } from '../identity/actor'
import { findAccessible } from '../sessions/access'
import * as store from './store'

export async function listAdmitted(
  deps: Deps,
  actor: Actor,
  sessionId: string
): Promise<AdmittedIdentities> {
  return deps.db.transaction(async (tx) => {
    const access = await findAccessible(tx, actor, sessionId)
    if (!access) throw notFound('session')
    // Only someone in the call needs (or may learn) who else is in it.
    if (!access.me || !(await store.findOpenAdmission(tx, sessionId, access.me.id)))
      throw new AppError(403, 'not_admitted', 'You are not in this call.')
    return { identities: await store.listOpenAdmissionIds(tx, sessionId) }
  })
}

/** Whether the actor has an open admission in the session (used to keep a clinician signed in during a call). */
export async function isAdmitted(
  db: Deps['db'],
  actor: Actor,
  sessionId: string
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const access = await findAccessible(tx, actor, sessionId)
    return Boolean(access?.me && (await store.findOpenAdmission(tx, sessionId, access.me.id)))
  })
}
