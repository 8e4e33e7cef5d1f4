// A media token asked for while still waiting: the request is answered the moment this person is admitted, so the
// token is on its way before the waiting page hears of the admission. An admission on this instance answers it from
// its own transaction (open-token-requests.ts, admit.ts); otherwise the admission's event (it reaches every
// instance's event hub after its commit, and the hub hands it to this session's listeners only) wakes the request,
// which asks issueToken like any other: the same checks of admission and consent, the same audit row in the same
// transaction. A wait that ends without an admission (its time is up, the caller went away, a gap in the events,
// the instance shutting down) mints nothing and says so: ask again.
import type { MediaToken } from '../../shared/admission'
import type { Deps } from '../deps'
import { unavailable } from '../http/errors'
import type { Actor } from '../identity/actor'
import { requireAccess, requireParticipant, VIDEO_UNAVAILABLE } from './guards'
import * as store from './store'
import { issueToken } from './token'

export async function issueTokenWhenAdmitted(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  wait: { ms: number; signal?: AbortSignal }
): Promise<MediaToken | undefined> {
  if (!deps.livekit) throw unavailable(VIDEO_UNAVAILABLE, 60)
  const access = await requireAccess(deps.db, actor, sessionId)
  const me = requireParticipant(access)
  // Open, and listening, before looking, so an admission committed in between is not missed.
  const request = deps.tokenRequests.open(sessionId, me.id, actor, access.session.roomName)
  const admitted = admissionOf(deps, sessionId, me.id, wait)
  let wasAdmitted: boolean
  try {
    wasAdmitted =
      (await store.findOpenAdmission(deps.db, sessionId, me.id)) !== undefined ||
      (await Promise.race([admitted.settled, request.claimed.then(() => true)]))
  } catch (err) {
    request.close()
    throw err
  } finally {
    admitted.stop()
  }
  // Claimed by an admission on this instance (even as the wait ran out): that admission sends the token.
  if (!request.close()) return request.answer
  return wasAdmitted ? issueToken(deps, actor, sessionId) : undefined
}

/** Settles true on this person's `admission.granted`, false when the wait ends otherwise. */
function admissionOf(
  deps: Deps,
  sessionId: string,
  participantId: string,
  wait: { ms: number; signal?: AbortSignal }
) {
  let settle!: (admitted: boolean) => void
  const settled = new Promise<boolean>((resolve) => (settle = resolve))
  // Only this session's events reach the listener (realtime/fanout.ts), not every event of the instance.
  const offEvent = deps.events.sessions.subscribe(sessionId, (event) => {
    if (event.type === 'admission.granted' && event.participantId === participantId) settle(true)
  })
  // After a gap in the events one may be lost, and at shutdown the caller should go elsewhere: ask again.
  const offSignal = deps.events.onSignal(() => settle(false))
  const timer = setTimeout(() => settle(false), wait.ms)
  const onAbort = () => settle(false)
  wait.signal?.addEventListener('abort', onAbort, { once: true })
  if (wait.signal?.aborted) settle(false)
  return {
    settled,
    stop: () => {
      offEvent()
      offSignal()
      clearTimeout(timer)
      wait.signal?.removeEventListener('abort', onAbort)
    },
  }
}
