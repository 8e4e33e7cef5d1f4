// The video call. Lazy-loaded: it is the only page that loads livekit-client. The server decides who may be here
// (a media token is minted only from an admission); this page shows the call and what ended it. The connection
// lifecycle is in useCallSession.ts, the call itself in InCall.tsx, the screens around it in CallScreens.tsx.
import { Match, Show, Switch } from 'solid-js'
import type { Id } from '../../../shared/ids'
import { UntilLetBack } from '../admission/MayRejoin'
import { useIdParam } from '../lib/route'
import { mainId } from '../ui/Layout'
import {
  DuplicateScreen,
  EndedScreen,
  FailedScreen,
  LeftScreen,
  LostScreen,
  OutOfCallScreen,
  PreparingScreen,
  Screen,
} from './CallScreens'
import { InCall } from './InCall'
import { useCallSession } from './useCallSession'

export default function CallPage() {
  const id = useIdParam()
  return (
    <main id={mainId} tabindex="-1" class="call-main">
      <Show
        when={id()}
        keyed
        fallback={
          <Screen title="We couldn't find this session">
            <p>The address may be incomplete. Please open your link again.</p>
          </Screen>
        }
      >
        {(id) => <Call sessionId={id} />}
      </Show>
    </main>
  )
}

function Call(props: { sessionId: Id }) {
  const session = useCallSession(props.sessionId)
  const phase = session.phase
  const out = (title: string, why: string) => (
    <OutOfCallScreen title={title} sessionId={props.sessionId} isClinician={session.isClinician()}>
      {why}
    </OutOfCallScreen>
  )

  return (
    <Switch>
      <Match when={phase() === 'preparing' || (phase() === 'connecting' && !session.call())}>
        <PreparingScreen connecting={phase() === 'connecting'} />
      </Match>
      {/* Shown while connecting too, so the others' video is attached the moment it arrives (BENCHMARKS.md, join). */}
      <Match when={(phase() === 'connecting' || phase() === 'in-call') && session.call()}>
        {(current) => (
          <InCall
            sessionId={props.sessionId}
            call={current()}
            connecting={phase() === 'connecting'}
            detail={session.detail()}
            isHost={session.isHost()}
            labelFor={session.labelFor}
            mediaNote={session.mediaNote()}
            onLeave={() => void session.leave()}
            onEnded={() => session.finish('ended')}
          />
        )}
      </Match>
      <Match when={phase() === 'removed'}>
        <UntilLetBack sessionId={props.sessionId} participantId={session.detail()?.myParticipantId}>
          {out(
            'A host removed you from this session.',
            'If you think this is a mistake, please contact your care team.'
          )}
        </UntilLetBack>
      </Match>
      <Match when={phase() === 'uncovered'}>
        {out(
          'The patient has asked you to leave',
          "The patient's consent no longer covers you in this session, so the call ended for you. " +
            'This was their choice; you need to do nothing.'
        )}
      </Match>
      <Match when={phase() === 'denied'}>
        <UntilLetBack sessionId={props.sessionId} participantId={session.detail()?.myParticipantId}>
          {out(
            'A host has declined your request to join this session.',
            'If you think this is a mistake, please contact your care team.'
          )}
        </UntilLetBack>
      </Match>
      <Match when={phase() === 'ended'}>
        <EndedScreen sessionId={props.sessionId} isClinician={session.isClinician()} />
      </Match>
      <Match when={phase() === 'left'}>
        <LeftScreen
          sessionId={props.sessionId}
          isHost={session.isHost()}
          isClinician={session.isClinician()}
          onRejoin={session.rejoin}
        />
      </Match>
      <Match when={phase() === 'duplicate'}>
        <DuplicateScreen onTakeOver={() => void session.join()} />
      </Match>
      <Match when={phase() === 'lost'}>
        <LostScreen onRetry={() => void session.join()} />
      </Match>
      <Match when={phase() === 'failed'}>
        <FailedScreen
          sessionId={props.sessionId}
          error={session.failure()}
          isClinician={session.isClinician()}
          onRetry={() => void session.join()}
        />
      </Match>
    </Switch>
  )
}
