// A media token asked for while still waiting: the request is answered the moment this person is admitted (the
// admission's event reaches every instance's event hub after its commit, and the hub hands it to this session's
// listeners only), so the token is on its way before the waiting page hears of the admission. It is minted by
// issueToken like any other: the same checks of admission and consent, the same audit row in the same transaction.
// A wait that ends without an admission (its time is up, the caller went away, a gap in the events, the instance
// shutting down) mints nothing and says so: ask again.
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
  const me = requireParticipant(await requireAccess(deps.db, actor, sessionId))
  // Listening before looking, so an admission committed in between is not missed.
  const admitted = admissionOf(deps, sessionId, me.id, wait)
  try {
    const open = await store.findOpenAdmission(deps.db, sessionId, me.id)
    if (!open && !(await admitted.settled)) return undefined
  } finally {
    admitted.stop()
  }
  return issueToken(deps, actor, sessionId)
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
