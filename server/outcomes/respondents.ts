// Link holders answering their own questionnaires. Two ways in, both narrow: the guest session they joined the
// call with, or a questionnaire link (a bearer secret) that opens their own questionnaires and nothing else.
import { randomBytes } from 'node:crypto'
import type { RespondentRole } from '../../shared/outcomes'
import { parse } from 'hono/utils/cookie'
import type { Config } from '../config'
import { guestCookieName, hashSecret } from '../identity/secrets'
import type { Deps } from '../deps'
import type { Actor, ParticipantActor } from '../identity/actor'
import { AppError, unauthenticated } from '../http/errors'
import type { Queryable } from '../db/client'
import * as store from './store'
import type { Claimant, RespondentClaim } from './submission-store'

/** How long a link to finish questionnaires later stays open. */
export const LINK_DAYS = 14

export type Respondent = {
  participantId: string
  sessionId: string
  patientId: string
  clinicId: string
  role: RespondentRole
  /** Who the audit trail names: the participant, whichever way they came in. */
  actor: ParticipantActor
}

const linkNotValid = () =>
  new AppError(
    404,
    'not_found',
    'This questionnaire link is not valid. It may have expired. Please ask your care team for a new one.'
  )

const notARespondent = () =>
  new AppError(403, 'not_allowed', 'Questionnaires are for the patient and their partner.')

const isRespondentRole = (role: string): role is RespondentRole =>
  role === 'patient' || role === 'partner'

/** The respondent a participant (with their session's patient and clinic) stands for, if their role answers. */
function respondentOf(p: Omit<ParticipantActor, 'kind'>): Respondent | undefined {
  const { role } = p
  if (!isRespondentRole(role)) return undefined
  return {
    participantId: p.participantId,
    sessionId: p.sessionId,
    patientId: p.patientId,
    clinicId: p.clinicId,
    role,
    actor: { kind: 'participant', ...p },
  }
}

/**
 * The respondent behind a request: a questionnaire link wins over a guest session; clinicians are not respondents.
 * A guest session's actor already names the session's patient and clinic (identity/resolve.ts): no query then.
 */
export async function resolveRespondent(
  deps: Deps,
  actor: Actor,
  linkSecret: string | undefined
): Promise<Respondent> {
  if (linkSecret) {
    const secretHash = hashSecret(linkSecret)
    const holder = await store.findLinkHolder(deps.db, secretHash, deps.clock())
    return respondentOfClaimant({ kind: 'link', secretHash }, holder)
  }
  if (actor.kind !== 'participant')
    throw unauthenticated('Please open your questionnaire link to continue.')
  const respondent = respondentOf(actor)
  if (!respondent) throw notARespondent()
  return respondent
}

/**
 * What a request's sender holds, for a submission to check in its own transaction: a questionnaire link wins over a
 * guest session, as in resolveRespondent; clinicians are not respondents.
 */
export function respondentClaim(
  config: Config,
  cookieHeader: string | undefined,
  linkSecret: string | undefined
): RespondentClaim {
  if (linkSecret) return { kind: 'link', secretHash: hashSecret(linkSecret) }
  const name = guestCookieName(config)
  const token = cookieHeader ? parse(cookieHeader, name)[name] : undefined
  if (!token) throw unauthenticated('Please open your questionnaire link to continue.')
  return { kind: 'guest', tokenHash: hashSecret(token) }
}

/**
 * The respondent a claim stands for, once checked (the link lookup above, or inside a submission's own transaction:
 * submission-store.ts). A link that is not valid, or not a respondent's, answers as one that does not exist.
 */
export function respondentOfClaimant(
  claim: RespondentClaim,
  claimant: Claimant | undefined
): Respondent {
  if (!claimant) {
    if (claim.kind === 'link') throw linkNotValid()
    throw unauthenticated('Please open your questionnaire link to continue.')
  }
  const respondent = respondentOf({
    participantId: claimant.participantId,
    sessionId: claimant.sessionId,
    role: claimant.role,
    displayName: claimant.displayName,
    participantSessionId: claimant.claimId,
    patientId: claimant.sessionPatientId,
    clinicId: claimant.clinicId,
  })
  if (!respondent) throw claim.kind === 'link' ? linkNotValid() : notARespondent()
  return respondent
}

/** Issues a new link (the previous one stops working). The secret leaves the server once, in this answer. */
export async function issueLink(tx: Queryable, participantId: string, now: Date) {
  const secret = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + LINK_DAYS * 24 * 3600 * 1000)
  await store.replaceLink(tx, {
    participantId,
    secretHash: hashSecret(secret),
    expiresAt,
    createdAt: now,
  })
  return { secret, expiresAt }
}
