// Admission is the only road to a media token: issueToken() mints one only from an open admission whose consent is
// still active, checked in the same transaction that records the issuance.
import type { MediaToken } from '../../shared/admission'
import type { Role } from '../../shared/enums'
import * as auditChain from '../audit/pipelined'
import * as audit from '../audit/service'
import type { ChainHead } from '../audit/service'
import { readConsentFacts } from '../consent/pipelined'
import { decideConsent, gateOf } from '../consent/state'
import { pipelinedTransaction } from '../db/pipelined'
import type { Deps } from '../deps'
import type { LivekitAdapter } from '../livekit/adapter'
import type { Actor, ClinicianActor, ParticipantActor } from '../identity/actor'
import { AppError, notFound, unavailable } from '../http/errors'
import { isOpen } from '../sessions/access'
import { grantsFor } from './grants'
import { requireParticipant, subject, VIDEO_UNAVAILABLE } from './guards'
import * as tokenStore from './pipelined-store'

const TOKEN_TTL_SECONDS = 120

const notAdmitted = (message: string) => new AppError(403, 'not_admitted', message)

/** As findAccessible: only people sign in, and a participant's sign-in names one session. */
function signedInFor(actor: Actor, sessionId: string): ClinicianActor | ParticipantActor {
  if (actor.kind === 'clinician') return actor
  if (actor.kind === 'participant' && actor.sessionId === sessionId) return actor
  throw notFound('session')
}

type Refusal = { session: tokenStore.TokenSession; participantId: string; reason: string }

/**
 * One transaction in two round trips (db/pipelined.ts), on the join's critical path (BENCHMARKS.md, join): BEGIN,
 * the locked session and admission, the consent facts and the audit chain's lock and head go together; once checked
 * in Node, the issuance count, the session going live, the audit row and COMMIT go together. The checks and their
 * order are those of every other admission command: access, taking part, session open, admitted, consent active.
 */
export async function issueToken(deps: Deps, actor: Actor, sessionId: string): Promise<MediaToken> {
  const livekit = deps.livekit
  if (!livekit) throw unavailable(VIDEO_UNAVAILABLE, 60)
  const person = signedInFor(actor, sessionId)
  let refusal: Refusal | undefined
  try {
    const minted = await pipelinedTransaction(deps.db, async (conn, commit) => {
      // In the order the checks read them, which is also the order of the locks: session, admission, audit chain.
      const [{ session, me: found }, admission, consent, head] = await Promise.all([
        tokenStore.lockAccessibleSession(conn, person, sessionId),
        tokenStore.lockOpenAdmission(conn, person, sessionId),
        readConsentFacts(conn, sessionId),
        auditChain.lockSessionChainHead(conn, sessionId),
      ])
      if (!session) throw notFound('session')
      const me = requireParticipant({ me: found })
      const refuse = (reason: string, message: string) => {
        refusal = { session, participantId: me.id, reason }
        return notAdmitted(message)
      }
      if (!isOpen(session.status)) throw refuse('session_closed', 'This session has ended.')
      if (!admission)
        throw refuse(
          'not_admitted',
          'You have not been admitted yet. Please wait in the waiting room for a host to let you in.'
        )
      // Defence in depth: an admission outliving its consent (a race, a bug) still yields no token.
      const { gates } = await decideConsent(
        session,
        consent.facts,
        () => consent.patientDeclinedLatest
      )
      if (!gateOf(gates, me.id).admissible)
        throw refuse(
          'consent_inactive',
          'The consent that covers you in this session is no longer active.'
        )

      const minted = await mintToken(livekit, actor, session, me, admission.id, head)
      await Promise.all([
        tokenStore.countIssuedToken(conn, admission.id),
        session.status === 'scheduled'
          ? tokenStore.markSessionLive(conn, sessionId, deps.clock())
          : undefined,
        auditChain.append(conn, minted.row),
        commit(),
      ])
      return minted
    })
    return await minted.deliver()
  } catch (err) {
    // The refusal itself is recorded, in its own transaction since the attempt's was rolled back.
    if (refusal) {
      const r = refusal
      await deps.db.transaction((tx) =>
        audit.record(tx, actor, 'admission.token_refused', {
          ...subject({ session: r.session }, r.participantId),
          detail: { reason: r.reason },
        })
      )
    }
    throw err
  }
}

/**
 * The app creates rooms (LiveKit's auto-create is off), so the room exists before anyone connects. Ensuring it is
 * idempotent and harmless if the transaction then rolls back (an empty room closes after its empty timeout), so it
 * runs beside the writes and the commit instead of after them: off the join's critical path. True once it exists.
 */
export const ensureRoom = (livekit: LivekitAdapter, roomName: string): Promise<boolean> =>
  livekit.createRoom(roomName, { emptyTimeoutSeconds: 10 * 60, departureTimeoutSeconds: 60 }).then(
    () => true,
    () => false
  )

/**
 * What issuing a token takes once its checks have passed, for issueToken and for an admission answering the person's
 * open request (admit.ts): the token, signed before anything is written (a synchronous HMAC), so no issuance is
 * recorded without its token; its audit row on `head`; and the room ensured beside the writes (`roomReady`, unless
 * already under way). `deliver()`, after commit, gives the token once the room is there (503 otherwise).
 */
export async function mintToken(
  livekit: LivekitAdapter,
  actor: Actor,
  session: tokenStore.TokenSession,
  participant: { id: string; role: Role },
  admissionId: string,
  head: ChainHead,
  roomReady = ensureRoom(livekit, session.roomName)
) {
  const token = await livekit.issueToken({
    roomName: session.roomName,
    identity: participant.id,
    grants: grantsFor(participant.role),
    ttlSeconds: TOKEN_TTL_SECONDS,
  })
  const row = audit.chainedRow(
    actor,
    'admission.token_issued',
    { ...subject({ session }, participant.id), detail: { admissionId, role: participant.role } },
    head
  )
  return {
    row,
    async deliver(): Promise<MediaToken> {
      if (!(await roomReady)) throw unavailable(VIDEO_UNAVAILABLE)
      return {
        url: livekit.url,
        token,
        identity: participant.id,
        expiresInSeconds: TOKEN_TTL_SECONDS,
      }
    },
  }
}
