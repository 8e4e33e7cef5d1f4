// The screens around the call: getting ready, and every way of being out of it, each saying why and what next.
import { A } from '@solidjs/router'
import { Show, type JSX } from 'solid-js'
import type { Id } from '../../../shared/ids'
import { NextSteps } from '../clinic/NextSteps'
import { Button } from '../ui/Button'
import { ErrorMessage } from '../ui/ErrorMessage'
import { LiveUpdatesStatus } from '../ui/LiveUpdatesStatus'

export function Screen(props: { title: string; children: JSX.Element }) {
  return (
    <div class="call-screen">
      <h1 class="call-screen-title" tabindex="-1" data-screen-heading>
        {props.title}
      </h1>
      {props.children}
    </div>
  )
}

export function PreparingScreen(props: { connecting: boolean }) {
  return (
    <Screen title={props.connecting ? 'Connecting…' : 'Getting your call ready'}>
      <p class="loading" role="status">
        {props.connecting ? 'Connecting…' : 'Checking that you can join…'}
      </p>
      <LiveUpdatesStatus />
    </Screen>
  )
}

/** A screen for someone who is out of the call for good: why, what happens next, and whom to contact. */
export function OutOfCallScreen(props: {
  title: string
  sessionId: Id
  isClinician: boolean
  next?: string
  children: JSX.Element
}) {
  return (
    <Screen title={props.title}>
      <p>{props.children}</p>
      <NextSteps
        isClinician={props.isClinician}
        sessionId={props.sessionId}
        next={props.next ?? 'Your care team will be in touch about what happens next.'}
      />
    </Screen>
  )
}

export function EndedScreen(props: { sessionId: Id; isClinician: boolean }) {
  return (
    <Screen title="The session has ended.">
      <Show when={!props.isClinician}>
        <QuestionnaireOffer sessionId={props.sessionId} />
      </Show>
      <NextSteps
        isClinician={props.isClinician}
        sessionId={props.sessionId}
        next="Thank you for joining. Your care team will follow up on what you discussed. You can close this page now."
      />
    </Screen>
  )
}

export function LeftScreen(props: {
  sessionId: Id
  isHost: boolean
  isClinician: boolean
  onRejoin: () => void
}) {
  return (
    <Screen title="You left the session.">
      <div class="actions">
        <Button onClick={() => props.onRejoin()}>
          {props.isHost ? 'Rejoin' : 'Ask to join again'}
        </Button>
      </div>
      <Show when={props.isClinician} fallback={<QuestionnaireOffer sessionId={props.sessionId} />}>
        <HomeLinks sessionId={props.sessionId} />
      </Show>
    </Screen>
  )
}

/** Straight after leaving, patients and partners are offered their questionnaires on their own device. */
function QuestionnaireOffer(props: { sessionId: Id }) {
  return (
    <section class="notice" aria-labelledby="questionnaire-offer">
      <h2 id="questionnaire-offer">A few short questions</h2>
      <p>
        Your answers help your care team see how you are doing. They are private: others in the
        session do not see them.
      </p>
      <A href={`/sessions/${props.sessionId}/questionnaires`} class="button button-primary">
        Answer the questions
      </A>
    </section>
  )
}

export function DuplicateScreen(props: { onTakeOver: () => void }) {
  return (
    <Screen title="You joined from another window or device.">
      <p>This window has been disconnected.</p>
      <div class="actions">
        <Button onClick={() => props.onTakeOver()}>Use this window instead</Button>
      </div>
    </Screen>
  )
}

export function LostScreen(props: { onRetry: () => void }) {
  return (
    <Screen title="Connection lost">
      <p>
        We lost the connection to the call. Check your internet connection, then try again. You
        won't need to wait to be let in again.
      </p>
      <div class="actions">
        <Button onClick={() => props.onRetry()}>Try again</Button>
      </div>
    </Screen>
  )
}

export function FailedScreen(props: {
  sessionId: Id
  error: unknown
  isClinician: boolean
  onRetry: () => void
}) {
  return (
    <Screen title="We couldn't start your call">
      <ErrorMessage error={props.error} onRetry={() => props.onRetry()} />
      <Show when={props.isClinician}>
        <HomeLinks sessionId={props.sessionId} />
      </Show>
    </Screen>
  )
}

export function HomeLinks(props: { sessionId: Id }) {
  return (
    <ul class="plain-list">
      <li>
        <A href={`/sessions/${props.sessionId}`} class="link-standalone">
          Session details and attendance
        </A>
      </li>
      <li>
        <A href="/" class="link-standalone">
          Go to the home page
        </A>
      </li>
    </ul>
  )
}
