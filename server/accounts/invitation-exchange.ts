// Exchanging a personal link for a cookie session bound to one participant of one session.
import { randomBytes } from 'node:crypto'
import type { GuestMe } from '../../shared/sessions'
import type { ExchangeInvitationInput } from '../../shared/session-inputs'
import * as audit from '../audit/service'
import type { Deps } from '../deps'
import type { Actor } from '../identity/actor'
import { hashSecret } from '../identity/secrets'
import { AppError, notFound, rateLimited } from '../http/errors'
import * as sessionsStore from '../sessions/store'
import { narrowAttempt, releaseAttempt, reserveAttempt } from './attempts'
import * as store from './store'

/** Links tried from one address, whatever the session. */
const LINK_LIMITS = { perIp: 20 }
/** Wrong dates of birth for one patient's link: 5 from one network, 20 in all (a guess spread over networks). */
const BIRTH_DATE_LIMITS = { perKeyFromNetwork: 5, perKey: 20 }

/** Forged, expired, replaced and foreign links all get exactly this answer. */
const linkNotValid = () =>
  new AppError(
    404,
    'not_found',
    'This link is not valid. It may have expired or been replaced by a newer one. Please ask your care team for a new link.'
  )

/** A real link to a session that is over: say so on arrival, rather than after a device check and Join. */
const sessionClosed = (status: 'ended' | 'cancelled') =>
  new AppError(
    410,
    'session_closed',
    status === 'ended' ? 'This session has ended.' : 'This session was cancelled.'
  )

export type ExchangeResult = { me: GuestMe; token: string; expiresAt: Date }

export async function exchangeInvitation(
  deps: Deps,
  ip: string | null,
  input: ExchangeInvitationInput
): Promise<ExchangeResult> {
  const now = deps.clock()
  // Counted before anything is checked (parallel tries get no more checks than the limit); given back on success.
  const attemptId = await reserveAttempt(
    deps.db,
    { kind: 'invitation', key: input.sessionId, ip, at: now },
    LINK_LIMITS
  )
  if (!attemptId) {
    throw rateLimited(
      'Too many attempts with links from this connection. Please wait 15 minutes and try again.',
      15 * 60
    )
  }

  /** The reserved attempt stays counted as this failure. */
  const refuse = async (reason: string) => {
    await deps.db.transaction((tx) =>
      audit.record(tx, { kind: 'anonymous', ip }, 'invitations.exchange_refused', {
        subjectKind: 'session',
        subjectId: input.sessionId,
        detail: { reason },
      })
    )
  }

  const found = await sessionsStore.findInvitationBySecretHash(deps.db, hashSecret(input.secret))
  const status = found?.session.status
  if (
    found &&
    found.session.id === input.sessionId &&
    (status === 'ended' || status === 'cancelled')
  ) {
    await refuse(`session_${status}`)
    throw sessionClosed(status)
  }
  // A link opens on each of its person's devices until it expires; a new link or the session's end revokes it.
  const usable =
    found &&
    found.session.id === input.sessionId &&
    !found.invitation.revokedAt &&
    found.invitation.expiresAt > now
  if (!found || !usable) {
    await refuse(
      !found
        ? 'unknown'
        : found.session.id !== input.sessionId
          ? 'foreign'
          : found.invitation.revokedAt
            ? 'revoked'
            : 'expired'
    )
    throw linkNotValid()
  }

  // Patients confirm their date of birth: a forwarded link alone does not open their session.
  if (found.participant.role === 'patient') {
    if (!input.dateOfBirth) {
      await releaseAttempt(deps.db, attemptId)
      throw new AppError(
        409,
        'confirmation_required',
        'Please confirm your date of birth to continue.'
      )
    }
    const withinLimits = await narrowAttempt(
      deps.db,
      attemptId,
      { kind: 'invitation', key: found.participant.id, ip, at: now },
      BIRTH_DATE_LIMITS
    )
    if (!withinLimits) {
      throw rateLimited(
        'Too many attempts. Please wait 15 minutes, or ask your care team for a new link.',
        15 * 60
      )
    }
    if (input.dateOfBirth !== found.patientDateOfBirth) {
      await refuse('date_of_birth_mismatch')
      throw new AppError(
        409,
        'confirmation_required',
        'That date of birth does not match our records. Please check it and try again.'
      )
    }
  }

  const token = randomBytes(32).toString('base64url')
  const expiresAt = found.invitation.expiresAt
  await deps.db.transaction(async (tx) => {
    await store.deleteAttempt(tx, attemptId)
    // Revoked meanwhile (a new link, the session's end): the update finds nothing.
    const use = await sessionsStore.recordInvitationUse(tx, found.invitation.id, now)
    if (!use) throw linkNotValid()
    await sessionsStore.insertParticipantSession(tx, {
      tokenHash: hashSecret(token),
      participantId: found.participant.id,
      createdAt: now,
      expiresAt,
    })
    await audit.record(tx, { kind: 'anonymous', ip }, 'invitations.exchanged', {
      subjectKind: 'participant',
      subjectId: found.participant.id,
      patientId: found.session.patientId,
      // Every use is audited; firstUse tells the first device from the next ones.
      detail: { sessionId: found.session.id, role: found.participant.role, firstUse: use.firstUse },
    })
  })
  return {
    me: {
      participantId: found.participant.id,
      sessionId: found.session.id,
      role: found.participant.role,
      displayName: found.participant.displayName,
    },
    token,
    expiresAt,
  }
}

export function guestMe(actor: Actor): GuestMe {
  if (actor.kind !== 'participant') throw notFound()
  return {
    participantId: actor.participantId,
    sessionId: actor.sessionId,
    role: actor.role,
    displayName: actor.displayName,
  }
}
