// Admission is the only road to a media token: issueToken() mints one only from an open admission whose consent is
// still active, checked in the same transaction that records the issuance.
import type { MediaToken } from '../../shared/admission'
import * as audit from '../audit/service'
import { gateFor } from '../consent/state'
import type { Deps } from '../deps'
import type { Actor } from '../identity/actor'
import { AppError, unavailable } from '../http/errors'
import { isOpen, type SessionAccess } from '../sessions/access'
import * as sessionsStore from '../sessions/store'
import { grantsFor } from './grants'
import { requireAccess, requireParticipant, subject, VIDEO_UNAVAILABLE } from './guards'
import * as store from './store'

const TOKEN_TTL_SECONDS = 120

const notAdmitted = (message: string) => new AppError(403, 'not_admitted', message)

export async function issueToken(deps: Deps, actor: Actor, sessionId: string): Promise<MediaToken> {
  const livekit = deps.livekit
  if (!livekit) throw unavailable(VIDEO_UNAVAILABLE, 60)
  let refusal: { access: SessionAccess; participantId: string; reason: string } | undefined
  let roomReady: Promise<boolean> = Promise.resolve(false)
  try {
    const issued = await deps.db.transaction(async (tx) => {
      const access = await requireAccess(tx, actor, sessionId, { lock: true })
      const me = requireParticipant(access)
      const refuse = (reason: string, message: string) => {
        refusal = { access, participantId: me.id, reason }
        return notAdmitted(message)
      }
      if (!isOpen(access.session.status)) throw refuse('session_closed', 'This session has ended.')
      // Both checks in one round trip (pipelined on the transaction's connection); refusals keep their order.
      const [admission, status] = await Promise.all([
        store.findOpenAdmission(tx, sessionId, me.id, { lock: true }),
        gateFor(tx, access.session, me.id),
      ])
      if (!admission)
        throw refuse(
          'not_admitted',
          'You have not been admitted yet. Please wait in the waiting room for a host to let you in.'
        )
      // Defence in depth: an admission outliving its consent (a race, a bug) still yields no token.
      if (!status.admissible)
        throw refuse(
          'consent_inactive',
          'The consent that covers you in this session is no longer active.'
        )

      // The app creates rooms (LiveKit's auto-create is off), so the room exists before anyone connects. Ensuring
      // it is idempotent and harmless if this transaction then rolls back (an empty room closes after its empty
      // timeout), so it runs beside the writes and the commit instead of after them: off the join's critical path.
      roomReady = livekit
        .createRoom(access.session.roomName, {
          emptyTimeoutSeconds: 10 * 60,
          departureTimeoutSeconds: 60,
        })
        .then(
          () => true,
          () => false
        )
      const [token] = await Promise.all([
        livekit.issueToken({
          roomName: access.session.roomName,
          identity: me.id,
          grants: grantsFor(me.role),
          ttlSeconds: TOKEN_TTL_SECONDS,
        }),
        store.countIssuedToken(tx, admission.id),
        access.session.status === 'scheduled'
          ? sessionsStore.updateSession(tx, sessionId, { status: 'live' }, deps.clock())
          : undefined,
        audit.record(tx, actor, 'admission.token_issued', {
          ...subject(access, me.id),
          detail: { admissionId: admission.id, role: me.role },
        }),
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
          ...subject(r.access, r.participantId),
          detail: { reason: r.reason },
        })
      )
    }
    throw err
  }
}
