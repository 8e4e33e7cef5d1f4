// The call's connection lifecycle: check that this person may be in the call, fetch the media token, connect to
// LiveKit, and turn every way of leaving (a host, a withdrawn consent, a step-out, another window, the network)
// into one phase the page shows. The server is the truth; LiveKit's disconnect reasons only prompt a look.
import { useNavigate } from '@solidjs/router'
import { DisconnectReason, type Participant, type Room } from 'livekit-client'
import { createEffect, createSignal, on, onCleanup, onMount } from 'solid-js'
import type { MyStatus } from '../../../shared/admission'
import type { Id } from '../../../shared/ids'
import type { SessionDetail } from '../../../shared/sessions'
import { fetchMe } from '../accounts/api'
import { arrive, fetchMyStatus, leaveSession } from '../admission/api'
import { takeEarlyToken } from '../admission/early-join'
import type { WaitingPageState } from '../admission/WaitingPage'
import { deviceChoices, mediaErrorMessage } from '../devices/choices'
import { ApiError } from '../lib/api'
import { onSessionEvents } from '../lib/events'
import { mainId } from '../ui/Layout'
import { fetchSession } from '../sessions/api'
import { fetchMediaToken } from './api'
import { createCallRoom, isLoopbackUrl, type CallRoom } from './room'
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
    // The token the waiting room asked for on the admission event, else one asked for now beside the checks
    // (the server refuses it to anyone not admitted); either is used only once the status says admitted.
    const tokenEarly = takeEarlyToken(sessionId)
    if (tokenEarly) performance.mark('join:token-early')
    const askForToken = () => {
      const asked = fetchMediaToken(sessionId)
      asked.catch(() => undefined) // awaited below only if admitted; a refusal otherwise is expected
      return asked
    }
    let token = tokenEarly ?? askForToken()
    try {
      const [session, status] = await Promise.all([
        fetchSession(sessionId),
        fetchMyStatus(sessionId),
      ])
      if (thisAttempt !== attempt) return
      setDetail(session)
      if (status.sessionStatus === 'ended' || status.sessionStatus === 'cancelled') {
        return setPhase('ended')
      }
      if (status.state === 'removed') return setPhase('removed')
      if (status.state === 'denied') return setPhase('denied')
      let state: MyStatus['state'] = status.state
      // Hosts go straight in: a host who left or reloaded arrives again.
      if (state !== 'admitted' && status.role === 'host') {
        state = (await arrive(sessionId)).state
        // Asked for before this arrival: ask again now that the host is in.
        token = askForToken()
      }
      if (state !== 'admitted') {
        navigate(`/sessions/${sessionId}/waiting`, { replace: true })
        return
      }

      const media = await token.catch((err: unknown) =>
        // A token asked for early can lose a race with the admission (or a step-out): ask once more.
        err instanceof ApiError && err.code === 'not_admitted'
          ? fetchMediaToken(sessionId)
          : Promise.reject(err)
      )
      if (thisAttempt !== attempt) return
      // Join-time marks (tests/bench/join.ts); the first remote track and frame are marked in room.ts.
      performance.mark('join:token')
      setPhase('connecting')
      const loopback = isLoopbackUrl(media.url)
      const current = createCallRoom({
        loopback,
        cameraId: deviceChoices().cameraId,
        micId: deviceChoices().micId,
        speakerId: deviceChoices().speakerId,
        onDisconnected: (reason) => {
          if (call() === current) onDisconnected(reason)
        },
      })
      setCall(current)
      // The loopback LiveKit of dev and tests has no reachable STUN/TURN; production configures real ones.
      await current.room.connect(media.url, media.token, {
        rtcConfig: loopback ? { iceServers: [] } : undefined,
      })
      if (call() !== current) return
      performance.mark('join:connected')
      // Before publishing: our tracks go to admitted identities only.
      await subscriptions.attach(current.room)
      if (call() !== current) return
      setPhase('in-call')
      await publishChoices(current.room)
    } catch (error) {
      if (thisAttempt !== attempt) return
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

  async function publishChoices(room: Room) {
    const problems: string[] = []
    const tryPublish = async (enabled: boolean, run: () => Promise<unknown>, what: string) => {
      if (!enabled) return
      try {
        await run()
      } catch (error) {
        problems.push(mediaErrorMessage(error, what).title)
      }
    }
    const me = room.localParticipant
    await tryPublish(deviceChoices().micOn, () => me.setMicrophoneEnabled(true), 'microphone')
    await tryPublish(deviceChoices().cameraOn, () => me.setCameraEnabled(true), 'camera')
    if (problems.length) {
      setMediaNote(
        `${problems.join(' ')} Others can't see or hear you until it works. ` +
          'You can try again with the buttons below.'
      )
    }
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
    const person = detail()?.participants.find((p) => p.id === participant.identity)
    if (!person && !askedAbout.has(participant.identity)) {
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
