// Clinician accounts: sign-in sessions and account administration. The only writer of clinicians and auth_sessions.
import { randomBytes } from 'node:crypto'
import type {
  Clinician,
  CreateClinicianInput,
  Me,
  SignInInput,
  UpdateClinicianInput,
} from '../../shared/accounts'
import * as audit from '../audit/service'
import type { Deps } from '../deps'
import { type Actor, type ClinicianActor, isAdmin, isClinician } from '../identity/actor'
import { clinicianCookieName, hashSecret } from '../identity/secrets'
import { conflict, notFound, rateLimited, unauthenticated } from '../http/errors'
import { dummyHash, hashPassword, verifyPassword } from './password'
import { reserveAttempt } from './attempts'
import * as store from './store'
import type { clinicians } from './tables'

/** 5 wrong passwords per account from one network, 30 from one address; 50 per account in all caps a guessing
 * attack spread over many networks (which then does lock the account for the window). */
const SIGN_IN_LIMITS = { perKeyFromNetwork: 5, perKey: 50, perIp: 30 }
// Writing last_seen_at on every request would cost a write per call; this precision is enough for idle logoff.
const TOUCH_EVERY_MS = 15 * 1000

export const sessionCookieName = clinicianCookieName
const hashToken = hashSecret

export function toClinician(row: typeof clinicians.$inferSelect): Clinician {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    discipline: row.discipline,
    role: row.role,
    active: row.active,
  }
}

export type SignInResult = { me: Me; token: string; maxAgeSeconds: number }

export async function signIn(
  deps: Deps,
  ip: string | null,
  input: SignInInput
): Promise<SignInResult> {
  const now = deps.clock()
  // Counted before the password is checked, so parallel guesses get no more checks than the limit.
  const attemptId = await reserveAttempt(
    deps.db,
    { kind: 'sign_in', key: input.email.toLowerCase(), ip, at: now },
    SIGN_IN_LIMITS
  )
  if (!attemptId) {
    await deps.db.transaction((tx) =>
      audit.record(tx, { kind: 'anonymous', ip }, 'auth.sign_in_refused', {
        detail: { email: input.email, reason: 'rate_limited' },
      })
    )
    throw rateLimited(
      'Too many sign-in attempts. Please wait 15 minutes and try again, or ask your clinic administrator for help.',
      15 * 60
    )
  }

  const clinician = await store.findClinicianByEmail(deps.db, input.email)
  const passwordOk = await verifyPassword(
    clinician?.passwordHash ?? (await dummyHash()),
    input.password
  )
  if (!clinician || !passwordOk || !clinician.active) {
    const reason = !clinician
      ? 'unknown_email'
      : !passwordOk
        ? 'wrong_password'
        : 'inactive_account'
    // The reserved attempt stays counted as this failure.
    await deps.db.transaction(async (tx) => {
      await audit.record(tx, { kind: 'anonymous', ip }, 'auth.sign_in_failed', {
        subjectKind: clinician ? 'clinician' : undefined,
        subjectId: clinician?.id,
        detail: { email: input.email, reason },
      })
    })
    throw unauthenticated(
      'That email and password do not match an active account. Check them and try again.'
    )
  }

  const token = randomBytes(32).toString('base64url')
  const maxAgeSeconds = deps.config.sessionMaxSeconds
  await deps.db.transaction(async (tx) => {
    await store.deleteAttempt(tx, attemptId)
    const session = await store.insertAuthSession(tx, {
      tokenHash: hashToken(token),
      clinicianId: clinician.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + maxAgeSeconds * 1000),
    })
    await audit.record(tx, actorFor(clinician, session.id), 'auth.signed_in', {
      subjectKind: 'clinician',
      subjectId: clinician.id,
    })
  })
  return {
    me: { clinician: toClinician(clinician), idleTimeoutSeconds: deps.config.idleTimeoutSeconds },
    token,
    maxAgeSeconds,
  }
}

export async function signOut(deps: Deps, actor: Actor) {
  if (!isClinician(actor)) return
  await deps.db.transaction(async (tx) => {
    if (await store.markAuthSessionEnded(tx, actor.authSessionId, deps.clock())) {
      await audit.record(tx, actor, 'auth.signed_out', {
        subjectKind: 'clinician',
        subjectId: actor.clinicianId,
      })
    }
  })
}

/** The actor behind a session cookie, or undefined when it is unknown, ended, idle too long or past its lifetime. */
export async function resolveClinicianSession(
  deps: Deps,
  token: string
): Promise<ClinicianActor | undefined> {
  const found = await store.findOpenAuthSession(deps.db, hashToken(token))
  if (!found) return undefined
  const { session, clinician } = found
  const now = deps.clock()
  const idleFor = now.getTime() - session.lastSeenAt.getTime()
  const expired = now >= session.expiresAt
  const idle = idleFor >= deps.config.idleTimeoutSeconds * 1000
  if (expired || idle || !clinician.active) {
    await deps.db.transaction(async (tx) => {
      if (await store.markAuthSessionEnded(tx, session.id, now)) {
        const reason = expired ? 'lifetime' : idle ? 'idle' : 'account_inactive'
        await audit.record(tx, { kind: 'system' }, 'auth.session_ended', {
          subjectKind: 'clinician',
          subjectId: clinician.id,
          detail: { reason },
        })
      }
    })
    return undefined
  }
  if (idleFor >= TOUCH_EVERY_MS) await store.touchAuthSession(deps.db, session.id, now)
  return actorFor(clinician, session.id)
}

function actorFor(c: typeof clinicians.$inferSelect, authSessionId: string): ClinicianActor {
  return {
    kind: 'clinician',
    clinicianId: c.id,
    clinicId: c.clinicId,
    role: c.role,
    discipline: c.discipline,
    displayName: c.displayName,
    authSessionId,
  }
}

export function requireClinician(actor: Actor): ClinicianActor {
  if (!isClinician(actor)) throw unauthenticated()
  return actor
}

/** Account administration is for admins; everyone else is told the page does not exist. */
function requireAdmin(actor: Actor): ClinicianActor {
  const clinician = requireClinician(actor)
  if (!isAdmin(clinician)) throw notFound()
  return clinician
}

/**
 * A call makes no HTTP requests, so an idle-logoff clock would sign a host out mid-session. While a clinician's
 * event stream is open and they are admitted to that session, its heartbeat counts as activity.
 */
export async function keepAliveInCall(deps: Deps, actor: Actor, isInCall: () => Promise<boolean>) {
  if (!isClinician(actor) || !(await isInCall())) return
  await store.touchAuthSession(deps.db, actor.authSessionId, deps.clock())
}

export async function me(deps: Deps, actor: Actor): Promise<Me> {
  const clinician = requireClinician(actor)
  const row = await store.findClinician(deps.db, clinician.clinicId, clinician.clinicianId)
  if (!row) throw unauthenticated()
  return { clinician: toClinician(row), idleTimeoutSeconds: deps.config.idleTimeoutSeconds }
}

export async function listClinicians(deps: Deps, actor: Actor): Promise<Clinician[]> {
  const admin = requireAdmin(actor)
  return (await store.listClinicians(deps.db, admin.clinicId)).map(toClinician)
}

export async function createClinician(
  deps: Deps,
  actor: Actor,
  input: CreateClinicianInput
): Promise<Clinician> {
  const admin = requireAdmin(actor)
  const passwordHash = await hashPassword(input.password)
  return deps.db.transaction(async (tx) => {
    if (await store.findClinicianByEmail(tx, input.email))
      throw conflict('An account with this email already exists.')
    const row = await store.insertClinician(tx, {
      clinicId: admin.clinicId,
      email: input.email,
      displayName: input.displayName,
      discipline: input.discipline,
      role: input.role,
      passwordHash,
    })
    await audit.record(tx, admin, 'accounts.clinician_created', {
      subjectKind: 'clinician',
      subjectId: row.id,
      detail: { discipline: row.discipline, role: row.role },
    })
    return toClinician(row)
  })
}

export async function updateClinician(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateClinicianInput
): Promise<Clinician> {
  const admin = requireAdmin(actor)
  return deps.db.transaction(async (tx) => {
    const before = await store.findClinician(tx, admin.clinicId, id)
    if (!before) throw notFound('account')
    if (before.id === admin.clinicianId && (input.active === false || input.role === 'clinician')) {
      throw conflict(
        'You cannot remove your own admin access or deactivate yourself. Ask another admin.'
      )
    }
    const now = deps.clock()
    const row = await store.updateClinician(
      tx,
      id,
      {
        displayName: input.displayName,
        discipline: input.discipline,
        role: input.role,
        active: input.active,
      },
      now
    )
    // A deactivated account is signed out everywhere at once.
    if (input.active === false) await store.endAllAuthSessions(tx, id, now)
    const changed = Object.keys(input).filter(
      (k) => input[k as keyof UpdateClinicianInput] !== undefined
    )
    await audit.record(tx, admin, 'accounts.clinician_updated', {
      subjectKind: 'clinician',
      subjectId: id,
      detail: { changed },
    })
    return toClinician(row!)
  })
}
