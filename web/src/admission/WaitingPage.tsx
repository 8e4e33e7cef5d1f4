// The waiting room: the person's place, whether a host is here, the hosts' message. It moves on to the call by
// itself when a host lets the person in. Every server event refetches the status; nothing polls.
import { useLocation, useNavigate } from '@solidjs/router'
import { createEffect, createSignal, Match, onCleanup, onMount, Show, Switch } from 'solid-js'
import type { MyStatus } from '../../../shared/admission'
import type { ConsentOverview } from '../../../shared/consent'
import { fetchConsent } from '../consent/api'
import { NextSteps } from '../clinic/NextSteps'
import { ApiError } from '../lib/api'
import { onSessionEvents } from '../lib/events'
import { Button } from '../ui/Button'
import { ErrorMessage } from '../ui/ErrorMessage'
import { LiveUpdatesStatus } from '../ui/LiveUpdatesStatus'
import { PageHeader } from '../ui/PageHeader'
import { StatusBanner } from '../ui/StatusBanner'
import { arrive, fetchMyStatus, leaveSession } from './api'
import { MayRejoin } from './MayRejoin'
import { WaitingCard } from './WaitingCard'
import {
  awaitTokenWhile,
  dropEarlyConnection,
  handOverSession,
  prefetchCallPage,
  requestTokenEarly,
  stillConnecting,
  warmMediaConnection,
} from './early-join'
import { usePreCall } from '../sessions/PreCallLayout'

/** Passed by the call page when it sends someone back here. */
export type WaitingPageState = { notice?: string }

export default function WaitingPage() {
  const { session, isClinician } = usePreCall()
  const navigate = useNavigate()
  const location = useLocation<WaitingPageState>()
  const [status, setStatus] = createSignal<MyStatus>()
  const [error, setError] = createSignal<unknown>()
  const [isPending, setIsPending] = createSignal(false)
  const [actionError, setActionError] = createSignal<unknown>()
  const [consent, setConsent] = createSignal<ConsentOverview>()
  const sessionId = () => session().id
  const hosts = () => session().participants.filter((p) => p.role === 'host')

  // On to the call once admitted; the call page checks the status itself and sends the person back here if the
  // admission was undone meanwhile.
  let leaving = false
  let gone = false
  /** This person's admission has been heard of: the call follows, with nothing left to refresh here. */
  let admitted = false
  function goToCall() {
    if (leaving || gone) return
    // Connecting with the token that came here: the call renders once connected, as rendering holds that up.
    const connecting = stillConnecting(sessionId())
    if (connecting) return void connecting.then(goToCall)
    leaving = true
    handOverSession(session(), status()?.mediaUrl ?? null)
    performance.mark('join:to-call') // join-time measurement (tests/bench/join.ts)
    navigate(`/sessions/${sessionId()}/call`, { replace: true })
  }

  // One request at a time, and one more if events arrived meanwhile: answers never arrive out of order.
  let inFlight = false
  let again = false
  async function refresh() {
    if (inFlight) {
      again = true
      return
    }
    inFlight = true
    try {
      do {
        again = false
        try {
          const next = await fetchMyStatus(sessionId())
          setStatus(next)
          setError(undefined)
          if (next.state === 'admitted' && next.sessionStatus !== 'ended') return goToCall()
        } catch (err) {
          setError(err)
        }
      } while (again)
    } finally {
      inFlight = false
    }
  }

  async function refreshConsent() {
    try {
      setConsent(await fetchConsent(sessionId()))
    } catch {
      // The status above still shows; the next event or reconnect loads it again.
    }
  }

  // Left for anywhere but the call: a connection started with the token here must not stay open unseen.
  onCleanup(() => {
    gone = true
    if (!leaving) dropEarlyConnection(sessionId())
  })
  onMount(() => {
    void refresh()
    void refreshConsent()
    prefetchCallPage()
  })
  onSessionEvents(sessionId(), (event) => {
    if (event?.type === 'admission.granted' && event.participantId === session().myParticipantId) {
      // Join-time measurement (tests/bench/join.ts): the moment this person's admission reaches the page.
      performance.mark('join:admitted-event')
      admitted = true
      if (leaving) return
      // The token is on its way already (the open request below), or asked for now. The open request's answer
      // moves on to the call itself once connected (rendering the call first would hold the connection up), or
      // here if it fails.
      const { token, fromOpenRequest } = requestTokenEarly(sessionId())
      if (fromOpenRequest) void token.catch(() => goToCall())
      else goToCall()
      return
    }
    // Nothing to refresh once on the way to the call (and nothing to compete with the connection).
    if (leaving || admitted || stillConnecting(sessionId())) return
    void refresh()
    if (!event || event.type === 'consent.changed' || event.type === 'consent.requested') {
      void refreshConsent()
    }
  })

  // The media server's address comes with the status: warm the connection to it before the admission.
  createEffect(() => {
    const url = status()?.mediaUrl
    if (url) warmMediaConnection(url)
  })

  // A document to answer (a new version, or someone invited while waiting): the consent step asks it, then comes back.
  createEffect(() => {
    if (consent()?.pending.length) navigate(`/sessions/${sessionId()}/consent`, { replace: true })
  })

  async function rejoin() {
    setIsPending(true)
    setActionError(undefined)
    try {
      setStatus(await arrive(sessionId()))
      await refresh()
    } catch (err) {
      setActionError(err)
      if (err instanceof ApiError && err.code === 'not_allowed') await refresh()
    } finally {
      setIsPending(false)
    }
  }

  async function leave() {
    setIsPending(true)
    setActionError(undefined)
    try {
      dropEarlyConnection(sessionId())
      await leaveSession(sessionId())
      await refresh()
    } catch (err) {
      setActionError(err)
    } finally {
      setIsPending(false)
    }
  }

  const state = () => {
    const s = status()
    if (!s) return undefined
    if (s.sessionStatus === 'ended') return 'ended'
    if (s.sessionStatus === 'cancelled') return 'cancelled'
    // Stepped out for a clinicians-only moment: waiting again, to be let back in.
    return s.state === 'stepped_out' ? 'waiting' : s.state
  }

  // Patients and partners keep a token request open while they wait, answered the moment they are let in.
  // Clinicians don't: a request every half minute would keep an idle clinician signed in.
  awaitTokenWhile(() => state() === 'waiting' && !isClinician(), sessionId(), goToCall)

  const nextStep = (next = 'If you think this is a mistake, please contact your care team.') => (
    <NextSteps isClinician={isClinician()} sessionId={sessionId()} next={next} />
  )

  return (
    <div class="waiting">
      <PageHeader title="Waiting room" />
      <LiveUpdatesStatus />
      <StatusBanner message={location.state?.notice} />
      <Show when={error()}>
        {(err) => (
          <ErrorMessage
            title="We couldn't check your place in the waiting room."
            error={err()}
            onRetry={() => void refresh()}
          />
        )}
      </Show>
      <Show when={actionError()}>{(err) => <ErrorMessage error={err()} />}</Show>

      <Switch
        fallback={
          <p class="loading" role="status">
            Checking your place…
          </p>
        }
      >
        <Match when={state() === 'waiting'}>
          <WaitingCard
            status={status()}
            isClinician={isClinician()}
            hosts={hosts()}
            isPending={isPending()}
            onLeave={() => void leave()}
          />
        </Match>
        <Match when={state() === 'admitted'}>
          <p role="status">You've been let in. Opening the call…</p>
        </Match>
        <Match when={state() === 'removed'}>
          <div role="alert">
            <p class="waiting-title">A host removed you from this session.</p>
          </div>
          {nextStep()}
        </Match>
        <Match when={state() === 'denied'}>
          <div role="alert">
            <p class="waiting-title">A host has declined your request to join this session.</p>
          </div>
          {nextStep()}
        </Match>
        <Match when={state() === 'may_rejoin'}>
          <MayRejoin sessionId={sessionId()} onJoined={setStatus} />
        </Match>
        <Match when={state() === 'ended'}>
          <div role="status">
            <p class="waiting-title">This session has ended.</p>
          </div>
          {nextStep(
            'Thank you for joining. Your care team will follow up on what you discussed. You can close this page.'
          )}
        </Match>
        <Match when={state() === 'cancelled'}>
          <div role="status">
            <p class="waiting-title">This session was cancelled.</p>
          </div>
          {nextStep('Your care team will be in touch about a new time. You can close this page.')}
        </Match>
        <Match when={state() === 'left' || state() === 'not_arrived'}>
          <p role="status" class="waiting-title">
            {state() !== 'left'
              ? "You're not in the waiting room yet."
              : status()?.leftBecause === 'consent_withdrawn'
                ? "The patient's consent no longer covers you in this session."
                : 'You left the session.'}
          </p>
          <div class="actions">
            <Button pending={isPending()} pendingLabel="Joining…" onClick={() => void rejoin()}>
              {state() === 'left' ? 'Ask to join again' : 'Join the waiting room'}
            </Button>
          </div>
        </Match>
      </Switch>
    </div>
  )
}
