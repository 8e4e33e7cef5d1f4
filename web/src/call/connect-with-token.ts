// The call's token-and-connect step: the media token (the waiting room's, else one asked for now), the checks that
// this person may be here, and the LiveKit connection, with the call shown while the token is on its way. The state
// it reads and sets belongs to useCallSession.ts, which hands it over as `CallState`.
import type { Navigator } from '@solidjs/router'
import type { Accessor } from 'solid-js'
import type { MediaToken, MyStatus } from '../../../shared/admission'
import type { Id } from '../../../shared/ids'
import type { SessionDetail } from '../../../shared/sessions'
import { arrive, fetchMyStatus } from '../admission/api'
import { takeEarlyToken } from '../admission/early-join'
import { deviceChoices } from '../devices/choices'
import { ApiError } from '../lib/api'
import { fetchSession } from '../sessions/api'
import { fetchMediaToken } from './api'
import { settle } from './join-steps'
import type { Phase } from './phase'
import { connectRoom, createCallRoom, isLoopbackUrl, type CallRoom } from './room'

/** The session and this person's status, fetched together; awaited later, so a failure meanwhile is expected. */
export function startChecks(sessionId: Id) {
  const checks = Promise.all([fetchSession(sessionId), fetchMyStatus(sessionId)])
  checks.catch(() => undefined)
  return checks
}
export type Checks = ReturnType<typeof startChecks>

export type CallState = {
  sessionId: Id
  navigate: Navigator
  /** Whether `attempt` is still the latest join. */
  isCurrent: (attempt: number) => boolean
  call: Accessor<CallRoom | undefined>
  setCall: (call: CallRoom | undefined) => void
  setPhase: (phase: Phase) => void
  setDetail: (detail: SessionDetail) => void
  /** Ends this window's connection on purpose (the disconnect that follows is then expected). */
  teardown: () => void
  setExpectedDisconnect: (expected: boolean) => void
  /** Ends the page for a session over or a person removed or declined; true when the person may be here. */
  routeByStatus: (status: MyStatus) => boolean
  onDisconnected: Parameters<typeof createCallRoom>[0]['onDisconnected']
}

export function createTokenConnect(state: CallState) {
  const { sessionId, call, setCall, setPhase } = state

  /**
   * The token the waiting room asked for, else one asked for now, then the connection with it. The server mints one
   * only from an open admission with active consent, so holding one is enough to connect: with a token from the
   * waiting room (and the session it showed, for names) the session and status checks wait until connected, so as
   * not to compete with the connection, and still end the call or send the person back if they disagree. Without a
   * token, the checks decide what happens. Undefined when this attempt is over.
   */
  async function connectWithToken(thisAttempt: number, mediaUrl: string | null) {
    const early = takeEarlyToken(sessionId)
    if (early) performance.mark('join:token-early')
    const firstToken = settle(early ?? fetchMediaToken(sessionId))
    let checks = early ? undefined : startChecks(sessionId)
    // With the media server's address known, the call is shown while the token is on its way: its render is then
    // done before connecting, instead of holding up the connection's first steps.
    let shown = mediaUrl ? showRoom(mediaUrl) : undefined
    const first = await firstToken
    if (!state.isCurrent(thisAttempt)) return undefined
    let media: MediaToken
    if (first.ok) media = first.value
    else {
      if (!(first.error instanceof ApiError && first.error.code === 'not_admitted'))
        throw first.error
      if (shown) {
        state.teardown()
        state.setExpectedDisconnect(false)
        shown = undefined
      }
      const [session, status] = await (checks ??= startChecks(sessionId))
      if (!state.isCurrent(thisAttempt)) return undefined
      state.setDetail(session)
      if (!state.routeByStatus(status)) return undefined
      let admission: MyStatus['state'] = status.state
      // Hosts go straight in: a host who left or reloaded arrives again.
      if (admission !== 'admitted' && status.role === 'host')
        admission = (await arrive(sessionId)).state
      if (admission !== 'admitted') {
        state.navigate(`/sessions/${sessionId}/waiting`, { replace: true })
        return undefined
      }
      // Admitted after the first ask (a host arriving, or a race with the admission): ask once more.
      media = await fetchMediaToken(sessionId)
      if (!state.isCurrent(thisAttempt)) return undefined
    }
    // Join-time marks (tests/bench/join.ts); the first remote track and frame are marked in room.ts.
    performance.mark('join:token')
    if (shown && call() !== shown.call) return undefined // ended meanwhile (an event): that end is shown
    const loopback = isLoopbackUrl(media.url)
    let current = shown?.loopback === loopback ? shown.call : undefined
    if (!current) {
      if (shown) state.teardown()
      state.setExpectedDisconnect(false)
      setPhase('connecting')
      current = createRoomFor(loopback)
    }
    const connecting = connectRoom(current, media, loopback)
    connecting.catch(() => undefined) // awaited by join()
    if (call() !== current) {
      // Let the connection's first request go out before rendering the call around it.
      await new Promise((resolve) => setTimeout(resolve, 0))
      if (!state.isCurrent(thisAttempt)) {
        void current.room.disconnect().finally(() => current.dispose())
        return undefined
      }
      setCall(current)
    }
    return { current, connecting, checks }
  }

  function createRoomFor(loopback: boolean): CallRoom {
    const room = createCallRoom({
      loopback,
      cameraId: deviceChoices().cameraId,
      micId: deviceChoices().micId,
      speakerId: deviceChoices().speakerId,
      onDisconnected: (reason) => {
        if (call() === room) state.onDisconnected(reason)
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

  return { connectWithToken }
}
