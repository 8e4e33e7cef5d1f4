// The ways a call ends from outside this window: a server event (a host, a withdrawn consent, a step-out, the
// session's end), events missed while the stream was away, or LiveKit's own disconnect. The server is the truth;
// LiveKit's disconnect reasons only prompt a look.
import type { DisconnectReason } from 'livekit-client'
import type { Accessor } from 'solid-js'
import type { Id } from '../../../shared/ids'
import type { SessionDetail } from '../../../shared/sessions'
import { fetchMyStatus } from '../admission/api'
import { onSessionEvents } from '../lib/events'
import { fetchSession } from '../sessions/api'
import {
  phaseAfterRemoval,
  phaseForDisconnect,
  phaseForRemoval,
  phaseOnRecheck,
  type Outcome,
  type Phase,
} from './phase'
import type { CallRoom } from './room'
import { mayChangeAdmissions, type SubscriptionGuard } from './subscription-guard'

type CallEndingsDeps = {
  sessionId: Id
  phase: Accessor<Phase>
  call: Accessor<CallRoom | undefined>
  detail: Accessor<SessionDetail | undefined>
  setDetail: (detail: SessionDetail) => void
  subscriptions: SubscriptionGuard
  /** This window ended its own connection, so the disconnect that follows is not shown as a loss. */
  expectsDisconnect: () => boolean
  /** Forgets a call whose connection has already ended. */
  dropCall: () => void
  /** Ends the connection (if any) and shows the outcome. */
  goTo: (outcome: Outcome) => void
  /** Shows a phase, leaving any connection as it is. */
  show: (phase: Phase) => void
}

/** Follows the session's events now; returns what to do when LiveKit disconnects the room. */
export function createCallEndings(deps: CallEndingsDeps) {
  const { sessionId } = deps

  // Server events can arrive before LiveKit's own disconnect: act on whichever comes first.
  onSessionEvents(sessionId, (event) => {
    if (deps.call() && mayChangeAdmissions(event)) void deps.subscriptions.refresh()
    if (!event) {
      void recheck()
      return
    }
    if (
      event.type === 'admission.removed' &&
      event.participantId === deps.detail()?.myParticipantId
    ) {
      deps.goTo(phaseForRemoval(event.reason))
    } else if (event.type === 'session.ended') {
      deps.goTo('ended')
    } else if (event.type === 'session.changed') {
      void fetchSession(sessionId)
        .then(deps.setDetail)
        .catch(() => undefined)
    }
  })

  async function recheck() {
    if (deps.phase() !== 'in-call' && deps.phase() !== 'connecting') return
    try {
      const next = phaseOnRecheck(await fetchMyStatus(sessionId))
      if (next) deps.goTo(next)
    } catch {
      // The call itself goes on; the next event or reconnect checks again.
    }
  }

  function onDisconnected(reason: DisconnectReason | undefined) {
    if (deps.expectsDisconnect()) return
    deps.dropCall()
    const next = phaseForDisconnect(reason)
    if (next !== 'ask') {
      if (next) deps.show(next)
      return
    }
    // LiveKit says only "removed"; the server says why: a host, a withdrawn consent, a step-out, or leaving in
    // another window (the reconcile loop). Ask before showing anything, so nobody reads the wrong reason.
    void fetchMyStatus(sessionId)
      .then((status) => {
        if (deps.call()) return // joined again meanwhile
        deps.goTo(phaseAfterRemoval(status))
      })
      .catch(() => deps.show('removed'))
  }

  return { onDisconnected }
}
