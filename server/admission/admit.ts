// A host lets one waiting person in: the join's first step (BENCHMARKS.md, join), so one transaction in two round
// trips (db/pipelined.ts). BEGIN, the locked session and lobby entry, the consent facts and the audit chain's lock
// and head go together; once checked in Node, the admission, the entry, the audit row, the events and COMMIT go
// together. The checks are admitAllClinicians' and every host command's: a host of an open session, someone
// waiting, the consent gate (enforced here; the lobby's disabled button is only a courtesy).
// When the person waits on this instance with a token request open (token-wait.ts), the admission answers it: their
// token is minted and its issuance recorded (as issueToken would: counted, the session live, audited as the person)
// in this same transaction, and the token leaves at its commit. The checks issueToken makes are the ones above: the
// session is open, the admission is this one, and its consent was just checked.
import { randomUUID } from 'node:crypto'
import * as auditChain from '../audit/pipelined'
import * as audit from '../audit/service'
import { readConsentFacts } from '../consent/pipelined'
import { decideConsent, gateOf } from '../consent/state'
import { pipelinedTransaction } from '../db/pipelined'
import type { Deps } from '../deps'
import type { Actor } from '../identity/actor'
import { AppError, conflict, notFound } from '../http/errors'
import { notify } from '../realtime/events'
import { isOpen } from '../sessions/access'
import type { ClaimedTokenRequest } from './open-token-requests'
import { subject } from './guards'
import * as store from './pipelined-store'
import { ensureRoom, mintToken } from './token'

/** Stepped-out people wait to be re-admitted like anyone waiting, without repeating consent. */
export const isWaiting = (state: string) => state === 'waiting' || state === 'stepped_out'

export async function admit(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  participantId: string
): Promise<void> {
  // Only clinicians host (as requireHost: anyone else finds no session).
  if (actor.kind !== 'clinician') throw notFound('session')
  let refused: { session: store.TokenSession; reasons: string[] } | undefined
  const livekit = deps.livekit
  // A peek: the request may close before it is claimed, and then the seq reserved for its audit row goes unused.
  const asking = livekit && deps.tokenRequests.peek(sessionId, participantId)
  // Its room is ensured beside the whole transaction: the token leaves once both are done.
  const roomReady = livekit && asking ? ensureRoom(livekit, asking.roomName) : undefined
  let request: ClaimedTokenRequest | undefined
  const minted = await pipelinedTransaction(deps.db, async (conn, commit) => {
    // In the order the checks read them, which is also the order of the locks: session, entry, audit chain.
    const [{ session, me }, entry, consent, head, tokenSeq] = await Promise.all([
      store.lockAccessibleSession(conn, actor, sessionId),
      // Row lock: two hosts pressing Admit at once make exactly one admission; the second sees "not waiting".
      store.lockEntry(conn, sessionId, participantId),
      readConsentFacts(conn, sessionId),
      auditChain.lockSessionChainHead(conn, sessionId),
      asking ? auditChain.reserveSeq(conn) : undefined,
    ])
    if (!session || me?.role !== 'host') throw notFound('session')
    if (!isOpen(session.status)) throw conflict('This session has ended.')
    if (!entry || !isWaiting(entry.state)) throw conflict('This person is no longer waiting.')
    const { gates } = await decideConsent(
      session,
      consent.facts,
      () => consent.patientDeclinedLatest
    )
    const status = gateOf(gates, participantId)
    if (!status.admissible) {
      refused = { session, reasons: status.reasons }
      throw new AppError(409, 'consent_required', status.reasons.join(' '))
    }
    const row = audit.chainedRow(
      actor,
      'admission.granted',
      subject({ session }, participantId),
      head
    )
    const admissionId = randomUUID()
    request = livekit && tokenSeq ? deps.tokenRequests.claim(sessionId, participantId) : undefined
    const token =
      livekit && tokenSeq && request
        ? await mintToken(
            livekit,
            request.actor,
            session,
            { id: participantId, role: entry.role },
            admissionId,
            { prevHash: row.hash, seq: tokenSeq },
            asking?.roomName === session.roomName ? roomReady : undefined
          )
        : undefined
    await Promise.all([
      store.admitEntry(conn, {
        admissionId,
        sessionId,
        participantId,
        by: actor.clinicianId,
        at: deps.clock(),
        tokensIssued: token ? 1 : 0,
      }),
      auditChain.append(conn, row),
      token ? auditChain.append(conn, token.row) : undefined,
      token && session.status === 'scheduled'
        ? store.markSessionLive(conn, sessionId, deps.clock())
        : undefined,
      notify(conn, { type: 'admission.granted', sessionId, participantId }),
      notify(conn, { type: 'lobby.changed', sessionId }),
      commit(),
    ])
    return token
  }).catch(async (err) => {
    // Rolled back: the open request, if claimed, is told to ask again.
    request?.answer(Promise.resolve(undefined))
    // The refusal itself is recorded, in its own transaction since the attempt's was rolled back.
    const r = refused
    if (r)
      await deps.db.transaction((tx) =>
        audit.record(tx, actor, 'admission.refused_consent', {
          ...subject({ session: r.session }, participantId),
          detail: { reasons: r.reasons },
        })
      )
    throw err
  })
  if (minted) request?.answer(minted.deliver())
}
