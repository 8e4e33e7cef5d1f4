// The call's connection lifecycle: check that this person may be in the call, fetch the media token, connect to
// LiveKit, and turn every way of leaving (a host, a withdrawn consent, a step-out, another window, the network)
// into one phase the page shows. The server is the truth; LiveKit's disconnect reasons only prompt a look.
import { useNavigate } from '@solidjs/router'
import { DisconnectReason, type Participant } from 'livekit-client'
import { createEffect, createSignal, on, onCleanup, onMount } from 'solid-js'
import type { MediaToken, MyStatus } from '../../../shared/admission'
import type { Id } from '../../../shared/ids'
import type { SessionDetail } from '../../../shared/sessions'
import { fetchMe } from '../accounts/api'
import { arrive, fetchMyStatus, leaveSession } from '../admission/api'
import { takeEarlyToken, takeHandedOverSession } from '../admission/early-join'
import type { WaitingPageState } from '../admission/WaitingPage'
import { deviceChoices } from '../devices/choices'
import { ApiError } from '../lib/api'
import { onSessionEvents } from '../lib/events'
import { mainId } from '../ui/Layout'
import { fetchSession } from '../sessions/api'
import { fetchMediaToken } from './api'
import { createCallRoom, isLoopbackUrl, type CallRoom } from './room'
import { publishChoices, settle } from './join-steps'
import { createSubscriptionGuard, mayChangeAdmissions } from './subscription-guard'

export type Phase =
  | 'preparing'
  | 'connecting'
  | 'in-call'
  | 'left'
  | 'removed'
  | 'uncovered'
  | 'denied'
  | 'ended'
  | 'duplicate'
  | 'lost'
  | 'failed'

// Clinicians are signed out after IDLE_TIMEOUT_MINUTES without a request, but a call makes none. Being in a call
// is activity: ask the server something now and then, or a host could no longer admit or remove people.
const KEEP_SIGNED_IN_EVERY_MS = 4 * 60_000

export type CallSession = ReturnType<typeof useCallSession>

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
    // The token the waiting room asked for, else one asked for now. The server mints one only from an open
    // admission with active consent, so holding one is enough to connect: with a token from the waiting room (and
    // the session it showed, for names) the session and status checks wait until connected, so as not to compete
    // with the connection, and still end the call or send the person back if they disagree. Without a token, the
    // checks decide what happens.
    const early = takeEarlyToken(sessionId)
    if (early) performance.mark('join:token-early')
    const handedOver = takeHandedOverSession(sessionId)
    if (handedOver && !detail()) setDetail(handedOver.detail)
    const firstToken = settle(early ?? fetchMediaToken(sessionId))
    let checks = early ? undefined : startChecks()
    // With the media server's address known, the call is shown while the token is on its way: its render is then
    // done before connecting, instead of holding up the connection's first steps.
    let shown = handedOver?.mediaUrl ? showRoom(handedOver.mediaUrl) : undefined
    try {
      const first = await firstToken
      if (thisAttempt !== attempt) return
      let media: MediaToken
      if (first.ok) media = first.value
      else {
        if (!(first.error instanceof ApiError && first.error.code === 'not_admitted'))
          throw first.error
        if (shown) {
          teardown()
          expectedDisconnect = false
          shown = undefined
        }
        const [session, status] = await (checks ??= startChecks())
        if (thisAttempt !== attempt) return
        setDetail(session)
        if (!routeByStatus(status)) return
        let state: MyStatus['state'] = status.state
        // Hosts go straight in: a host who left or reloaded arrives again.
        if (state !== 'admitted' && status.role === 'host') state = (await arrive(sessionId)).state
        if (state !== 'admitted') {
          navigate(`/sessions/${sessionId}/waiting`, { replace: true })
          return
        }
        // Admitted after the first ask (a host arriving, or a race with the admission): ask once more.
        media = await fetchMediaToken(sessionId)
        if (thisAttempt !== attempt) return
      }
      // Join-time marks (tests/bench/join.ts); the first remote track and frame are marked in room.ts.
      performance.mark('join:token')
      if (shown && call() !== shown.call) return // ended meanwhile (an event): that end is shown
      const loopback = isLoopbackUrl(media.url)
      let current = shown?.loopback === loopback ? shown.call : undefined
      if (!current) {
        if (shown) teardown()
        expectedDisconnect = false
        setPhase('connecting')
        current = createRoomFor(loopback)
      }
      // The loopback LiveKit of dev and tests has no reachable STUN/TURN; production configures real ones.
      const connecting = current.room.connect(media.url, media.token, {
        rtcConfig: loopback ? { iceServers: [] } : undefined,
      })
      connecting.catch(() => undefined) // awaited below
      if (call() !== current) {
        // Let the connection's first request go out before rendering the call around it.
        await new Promise((resolve) => setTimeout(resolve, 0))
        if (thisAttempt !== attempt) {
          void current.room.disconnect().finally(() => current.dispose())
          return
        }
        setCall(current)
      }
      await connecting
      if (call() !== current) return
      performance.mark('join:connected')
      // Now the checks (already under way without an early token), beside the subscription guard.
      const checked = (checks ??= startChecks()).then(([session, status]) => {
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
      performance.mark('join:in-call')
      setPhase('in-call')
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

  function createRoomFor(loopback: boolean): CallRoom {
    const room = createCallRoom({
      loopback,
      cameraId: deviceChoices().cameraId,
      micId: deviceChoices().micId,
      speakerId: deviceChoices().speakerId,
      onDisconnected: (reason) => {
        if (call() === room) onDisconnected(reason)
      },
    })
    return room
  }

  /** The call, shown (connecting) before there is a token to connect with. */
  function showRoom(mediaUrl: string) {
    const loopback = isLoopbackUrl(mediaUrl)
    const room = createRoomFor(loopback)
    setPhase('connecting')
    setCall(room)
    return { call: room, loopback }
  }

  function startChecks() {
    const checks = Promise.all([fetchSession(sessionId), fetchMyStatus(sessionId)])
    checks.catch(() => undefined) // awaited later; unhandled meanwhile is expected
    return checks
  }

  /** Ends the page for a session over or a person removed or declined; true when the person may be here. */
  function routeByStatus(status: MyStatus): boolean {
    if (status.sessionStatus === 'ended' || status.sessionStatus === 'cancelled') setPhase('ended')
    else if (status.state === 'removed') setPhase('removed')
    else if (status.state === 'denied') setPhase('denied')
    else return true
    return false
  }

  function onDisconnected(reason: DisconnectReason | undefined) {
    if (expectedDisconnect) return
    const current = call()
    setCall(undefined)
    current?.dispose()
    switch (reason) {
      case DisconnectReason.PARTICIPANT_REMOVED:
        // LiveKit says only "removed"; the server says why: a host, a withdrawn consent, a step-out, or leaving in
        // another window (the reconcile loop). Ask before showing anything, so nobody reads the wrong reason.
        void fetchMyStatus(sessionId)
          .then((status) => {
            if (call()) return // joined again meanwhile
            if (status.sessionStatus === 'ended' || status.sessionStatus === 'cancelled')
              setPhase('ended')
            else if (status.state === 'stepped_out') backToWaiting()
            else if (status.state === 'left') setPhase(leftPhase(status))
            else if (status.state === 'admitted') setPhase('lost')
            else setPhase('removed')
          })
          .catch(() => setPhase('removed'))
        break
      case DisconnectReason.ROOM_DELETED:
        setPhase('ended')
        break
      case DisconnectReason.DUPLICATE_IDENTITY:
        setPhase('duplicate')
        break
      case DisconnectReason.CLIENT_INITIATED:
        break
      default:
        setPhase('lost')
    }
  }

  // Server events can arrive before LiveKit's own disconnect: act on whichever comes first.
  onSessionEvents(sessionId, (event) => {
    if (call() && mayChangeAdmissions(event)) void subscriptions.refresh()
    if (!event) {
      void recheck()
      return
    }
    if (event.type === 'admission.removed' && event.participantId === detail()?.myParticipantId) {
      if (event.reason === 'stepped_out') backToWaiting()
      else finish(event.reason === 'consent_withdrawn' ? 'uncovered' : 'removed')
    } else if (event.type === 'session.ended') {
      finish('ended')
    } else if (event.type === 'session.changed') {
      void fetchSession(sessionId)
        .then(setDetail)
        .catch(() => undefined)
    }
  })

  // The waiting room itself explains a step-out, so it needs no notice.
  function backToWaiting() {
    teardown()
    navigate(`/sessions/${sessionId}/waiting`, { replace: true })
  }

  async function recheck() {
    if (phase() !== 'in-call' && phase() !== 'connecting') return
    try {
      const status = await fetchMyStatus(sessionId)
      if (status.sessionStatus === 'ended' || status.sessionStatus === 'cancelled') finish('ended')
      else if (status.state === 'removed') finish('removed')
      else if (status.state === 'stepped_out') backToWaiting()
      else if (status.state === 'left' && status.leftBecause === 'consent_withdrawn')
        finish('uncovered')
    } catch {
      // The call itself goes on; the next event or reconnect checks again.
    }
  }

  async function leave() {
    expectedDisconnect = true
    try {
      await leaveSession(sessionId)
    } catch {
      // Leaving the media still leaves; the server closes the admission when LiveKit reports it.
    }
    finish('left')
  }

  // Someone in the call whose identity we don't know yet (added after we loaded): look again, once per person.
  const askedAbout = new Set<string>()
  function labelFor(participant: Participant) {
    const d = detail()
    if (!participant.identity) return undefined // our own, before the connection gives it an identity
    const person = d?.participants.find((p) => p.id === participant.identity)
    // Before the first detail arrives (it is on its way beside the connection) there is nobody to ask about.
    if (d && !person && !askedAbout.has(participant.identity)) {
      askedAbout.add(participant.identity)
      void fetchSession(sessionId)
        .then(setDetail)
        .catch(() => undefined)
    }
    return person
  }

  createEffect(
    on(phase, (current) => {
      document.title = `${titleFor(current)} · Care team sessions`
      // A new screen: start reading and tabbing at its heading.
      requestAnimationFrame(() =>
        (
          document.querySelector<HTMLElement>('[data-screen-heading]') ??
          document.getElementById(mainId)
        )?.focus({ preventScroll: true })
      )
    })
  )

  createEffect(() => {
    if (phase() !== 'in-call' || !isClinician()) return
    const timer = setInterval(() => void fetchMe().catch(() => undefined), KEEP_SIGNED_IN_EVERY_MS)
    onCleanup(() => clearInterval(timer))
  })

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

function leftPhase(status: MyStatus): Phase {
  return status.leftBecause === 'consent_withdrawn' ? 'uncovered' : 'left'
}

function titleFor(phase: Phase): string {
  switch (phase) {
    case 'in-call':
      return 'In a call'
    case 'ended':
      return 'Session ended'
    default:
      return 'Call'
  }
}
