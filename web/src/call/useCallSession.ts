// The call's connection lifecycle: check that this person may be in the call, fetch the media token and connect to
// LiveKit. The token-and-connect step is in connect-with-token.ts, the phases and how each way of leaving becomes one
// in phase.ts, the endings from outside this window in call-endings.ts.
import { useNavigate } from '@solidjs/router'
import { createSignal, onCleanup, onMount } from 'solid-js'
import type { MyStatus } from '../../../shared/admission'
import type { Id } from '../../../shared/ids'
import type { SessionDetail } from '../../../shared/sessions'
import { leaveSession } from '../admission/api'
import { takeEarlyConnection, takeHandedOverSession } from '../admission/early-join'
import type { WaitingPageState } from '../admission/WaitingPage'
import { ApiError } from '../lib/api'
import { createCallEndings } from './call-endings'
import { createTokenConnect, startChecks, type Checks } from './connect-with-token'
import { publishChoices } from './join-steps'
import { keepSignedIn } from './keep-signed-in'
import { createLabels } from './participant-labels'
import { phaseBlockingJoin, type Outcome, type Phase } from './phase'
import { announcePhases } from './phase-screen'
import type { CallRoom } from './room'
import { createSubscriptionGuard } from './subscription-guard'

export type CallSession = ReturnType<typeof useCallSession>

/** How long our own media and the checks wait for the others' first frame at most (as the side panels do). */
const FIRST_FRAME_AT_LATEST_MS = 1_000

export function useCallSession(sessionId: Id) {
  const navigate = useNavigate()
  const [phase, setPhase] = createSignal<Phase>('preparing')
  const [detail, setDetail] = createSignal<SessionDetail>()
  const [call, setCall] = createSignal<CallRoom>()
  const [failure, setFailure] = createSignal<unknown>()
  const [mediaNote, setMediaNote] = createSignal<string>()
  let attempt = 0
  const subscriptions = createSubscriptionGuard(sessionId)
  // Set when this window ends its own connection, so the disconnect that follows is not shown as a loss.
  let expectedDisconnect = false

  const me = () => {
    const d = detail()
    return d?.participants.find((p) => p.id === d.myParticipantId)
  }
  const isHost = () => detail()?.isHost ?? false
  const isClinician = () => (me()?.clinicianId ?? null) !== null

  function teardown() {
    const current = call()
    if (!current) return
    expectedDisconnect = true
    setCall(undefined)
    void current.room.disconnect().finally(() => current.dispose())
  }

  function finish(next: Phase) {
    teardown()
    setPhase(next)
  }

  async function join() {
    const thisAttempt = ++attempt
    teardown()
    expectedDisconnect = false
    setFailure(undefined)
    setMediaNote(undefined)
    setPhase('preparing')
    const handedOver = takeHandedOverSession(sessionId)
    if (handedOver && !detail()) setDetail(handedOver.detail)
    // The waiting room started connecting the moment its token arrived: the call takes that connection over.
    const adopted = takeEarlyConnection(sessionId)
    let checks: Checks | undefined
    try {
      let current: CallRoom
      let connecting: Promise<void>
      if (adopted) {
        const adoptedCall = adopted.call
        adopted.onDisconnected((reason) => {
          if (call() === adoptedCall) endings.onDisconnected(reason)
        })
        ;[current, connecting] = [adoptedCall, adopted.connecting]
        setPhase('connecting')
        setCall(current)
      } else {
        const started = await connectWithToken(thisAttempt, handedOver?.mediaUrl ?? null)
        if (!started) return
        ;({ current, connecting, checks } = started)
      }
      await connecting
      if (call() !== current) return
      performance.mark('join:in-call')
      setPhase('in-call')
      // The others' first frame comes first: our own camera and microphone, the checks and the subscription list
      // (requests, encoders, a renegotiation) wait for it, or a second in the call when none comes, since on a busy
      // device they would hold it up. Nothing of ours is published before the guard is in place.
      await current.afterFirstRemoteFrame(FIRST_FRAME_AT_LATEST_MS)
      if (thisAttempt !== attempt || call() !== current) return
      // Now the checks (already under way without an early token), beside the subscription guard.
      const checked = (checks ??= startChecks(sessionId)).then(([session, status]) => {
        if (thisAttempt !== attempt) return
        setDetail(session)
        const mayBeHere = routeByStatus(status)
        if (mayBeHere && status.state === 'admitted') return
        attempt += 1 // this join is over: its connection's end is not a loss
        if (mayBeHere) backToWaiting()
        else teardown()
      })
      // Our own tracks wait: the guard denies everyone synchronously, then allows the admitted identities, before
      // we publish. The others' video needs neither: the call is shown since connecting, and attaches it on arrival.
      const guarded = subscriptions.attach(current.room)
      await Promise.all([guarded, checked])
      if (call() !== current) return
      const note = await publishChoices(current.room)
      if (note) setMediaNote(note)
    } catch (error) {
      // Superseded, or ended on purpose (an event, leaving) while connecting: that end is already shown.
      if (thisAttempt !== attempt || expectedDisconnect) return
      teardown()
      if (error instanceof ApiError && error.code === 'not_admitted') {
        const state: WaitingPageState = { notice: error.message }
        navigate(`/sessions/${sessionId}/waiting`, { replace: true, state })
      } else if (error instanceof ApiError) {
        setFailure(error)
        setPhase('failed')
      } else {
        // livekit-client's connection errors: the network, a firewall, or the media server.
        setPhase('lost')
      }
    }
  }

  /** Ends the page for a session over or a person removed or declined; true when the person may be here. */
  function routeByStatus(status: MyStatus): boolean {
    const blocking = phaseBlockingJoin(status)
    if (blocking) setPhase(blocking)
    return !blocking
  }

  // The waiting room itself explains a step-out, so it needs no notice.
  function backToWaiting() {
    teardown()
    navigate(`/sessions/${sessionId}/waiting`, { replace: true })
  }

  function goTo(outcome: Outcome) {
    if (outcome === 'waiting') backToWaiting()
    else finish(outcome)
  }

  const { connectWithToken } = createTokenConnect({
    sessionId,
    navigate,
    isCurrent: (thisAttempt) => thisAttempt === attempt,
    call,
    setCall,
    setPhase,
    setDetail,
    teardown,
    setExpectedDisconnect: (expected) => {
      expectedDisconnect = expected
    },
    routeByStatus,
    onDisconnected: (reason) => endings.onDisconnected(reason),
  })

  const endings = createCallEndings({
    sessionId,
    phase,
    call,
    detail,
    setDetail,
    subscriptions,
    expectsDisconnect: () => expectedDisconnect,
    dropCall: () => {
      const current = call()
      setCall(undefined)
      current?.dispose()
    },
    goTo,
    show: setPhase,
  })

  async function leave() {
    expectedDisconnect = true
    try {
      await leaveSession(sessionId)
    } catch {
      // Leaving the media still leaves; the server closes the admission when LiveKit reports it.
    }
    finish('left')
  }

  const labelFor = createLabels(sessionId, detail, setDetail)
  announcePhases(phase)
  keepSignedIn(() => phase() === 'in-call' && isClinician())

  onMount(() => {
    // The call page's code has loaded and it starts joining (tests/bench/join.ts).
    performance.mark('join:call-page')
    void join()
  })
  onCleanup(() => {
    attempt += 1
    teardown()
  })

  const rejoin = () => {
    if (isHost()) void join()
    else navigate(`/sessions/${sessionId}/waiting`)
  }

  return {
    phase,
    detail,
    call,
    failure,
    mediaNote,
    isHost,
    isClinician,
    join,
    rejoin,
    leave,
    finish,
    labelFor,
  }
}
