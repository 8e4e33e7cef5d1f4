// Admission is the only road to a media token: issueToken() mints one only from an open admission whose consent is
// still active, checked in the same transaction that records the issuance.
import type { MediaToken } from '../../shared/admission'
import * as auditChain from '../audit/pipelined'
import * as audit from '../audit/service'
import { readConsentFacts } from '../consent/pipelined'
import { decideConsent, gateOf } from '../consent/state'
import { pipelinedTransaction } from '../db/pipelined'
import type { Deps } from '../deps'
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
  let roomReady: Promise<boolean> = Promise.resolve(false)
  try {
    const issued = await pipelinedTransaction(deps.db, async (conn, commit) => {
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

      // The app creates rooms (LiveKit's auto-create is off), so the room exists before anyone connects. Ensuring
      // it is idempotent and harmless if this transaction then rolls back (an empty room closes after its empty
      // timeout), so it runs beside the writes and the commit instead of after them: off the join's critical path.
      roomReady = livekit
        .createRoom(session.roomName, { emptyTimeoutSeconds: 10 * 60, departureTimeoutSeconds: 60 })
        .then(
          () => true,
          () => false
        )
      // Signed before anything is written (a synchronous HMAC), so no issuance is recorded without its token.
      const token = await livekit.issueToken({
        roomName: session.roomName,
        identity: me.id,
        grants: grantsFor(me.role),
        ttlSeconds: TOKEN_TTL_SECONDS,
      })
      const row = audit.chainedRow(
        actor,
        'admission.token_issued',
        { ...subject({ session }, me.id), detail: { admissionId: admission.id, role: me.role } },
        head
      )
      await Promise.all([
        tokenStore.countIssuedToken(conn, admission.id),
        session.status === 'scheduled'
          ? tokenStore.markSessionLive(conn, sessionId, deps.clock())
          : undefined,
        auditChain.append(conn, row),
        commit(),
      ])
      return { identity: me.id, token }
    })
    if (!(await roomReady)) throw unavailable(VIDEO_UNAVAILABLE)
    return {
      url: livekit.url,
      token: issued.token,
      identity: issued.identity,
      expiresInSeconds: TOKEN_TTL_SECONDS,
    }
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
