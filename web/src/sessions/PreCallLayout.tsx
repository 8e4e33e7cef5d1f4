// The pages before the call (device check, waiting room), for clinicians and people with a link alike. It loads the
// session and the caller's own place in it; pages below read both from context.
import { A, createAsync, revalidate, useLocation, type RouteSectionProps } from '@solidjs/router'
import { createContext, Show, useContext, type Accessor, type JSX } from 'solid-js'
import type { Id } from '../../../shared/ids'
import type { Participant, SessionDetail } from '../../../shared/sessions'
import { NextSteps } from '../clinic/NextSteps'
import { ApiError } from '../lib/api'
import { AsyncBoundary } from '../ui/AsyncBoundary'
import { ErrorMessage } from '../ui/ErrorMessage'
import { Layout } from '../ui/Layout'
import { PageHeader } from '../ui/PageHeader'
import { getSession } from './api'
import { useIdParam } from '../lib/route'

export type PreCall = {
  session: Accessor<SessionDetail>
  me: Accessor<Participant>
  /** A signed-in clinician (with a home page here), not someone who joined by link. */
  isClinician: Accessor<boolean>
}

const PreCallContext = createContext<PreCall>()

export function usePreCall(): PreCall {
  const context = useContext(PreCallContext)
  if (!context) throw new Error('usePreCall() is only for pages inside PreCallLayout.')
  return context
}

export function participantFor(session: SessionDetail): Participant | undefined {
  return session.participants.find((p) => p.id === session.myParticipantId)
}

export default function PreCallLayout(props: RouteSectionProps) {
  const id = useIdParam()

  return (
    <Show
      when={id()}
      keyed
      fallback={
        <Frame>
          <SessionUnavailable />
        </Frame>
      }
    >
      {(id) => (
        <AsyncBoundary
          loading="Loading your session…"
          retry={() => void revalidate(getSession.keyFor(id))}
          fallback={(error, retry) => (
            <Frame>
              {error instanceof ApiError && error.code === 'not_found' ? (
                <SessionUnavailable />
              ) : (
                <>
                  <PageHeader title="We couldn't open your session" />
                  <ErrorMessage error={error} onRetry={retry} />
                </>
              )}
            </Frame>
          )}
        >
          <Loaded id={id}>{props.children}</Loaded>
        </AsyncBoundary>
      )}
    </Show>
  )
}

function Loaded(props: { id: Id; children: JSX.Element }) {
  const session = createAsync(() => getSession(props.id))
  return (
    <Show when={session()}>
      {(session) => (
        <Show
          when={participantFor(session())}
          fallback={
            <Frame>
              <PageHeader title="You're not invited to this session" />
              <p>Only the people invited can join. Ask a host of this session to invite you.</p>
              <p>
                <A href={`/sessions/${props.id}`} class="link-standalone">
                  See the session's details
                </A>
              </p>
            </Frame>
          }
        >
          {(me) => {
            const isClinician = () => me().clinicianId !== null
            return (
              <PreCallContext.Provider value={{ session, me, isClinician }}>
                <Frame name={me().displayName} home={isClinician()}>
                  {/* Over already: say so on arrival, not after a device check and Join. */}
                  <Show
                    when={session().status !== 'ended' && session().status !== 'cancelled'}
                    fallback={
                      <SessionOver
                        status={session().status === 'cancelled' ? 'cancelled' : 'ended'}
                        sessionId={session().id}
                        isClinician={isClinician()}
                      />
                    }
                  >
                    {props.children}
                  </Show>
                </Frame>
              </PreCallContext.Provider>
            )
          }}
        </Show>
      )}
    </Show>
  )
}

function Frame(props: { name?: string; home?: boolean; children: JSX.Element }) {
  return (
    <Layout
      plainBrand={!props.home}
      account={
        <Show when={props.name}>
          <p class="site-header-account">
            <span class="visually-hidden">Joining as </span>
            {props.name}
          </p>
        </Show>
      }
    >
      {props.children}
    </Layout>
  )
}

export function SessionOver(props: {
  /** From the session's status, or the server's own words (a link opened after the end). */
  status?: 'ended' | 'cancelled'
  title?: string
  sessionId: Id | undefined
  isClinician: boolean
}) {
  return (
    <div class="narrow">
      <PageHeader
        title={
          props.title ??
          (props.status === 'cancelled' ? 'This session was cancelled' : 'This session has ended')
        }
      />
      <NextSteps
        isClinician={props.isClinician}
        sessionId={props.sessionId}
        next={
          props.status === 'cancelled'
            ? 'Your care team will be in touch about a new time. You can close this page.'
            : 'Your care team will follow up on what was discussed. If there is another session, ' +
              'they will send you a new link for it. You can close this page.'
        }
      />
    </div>
  )
}

function SessionUnavailable() {
  const location = useLocation()
  return (
    <div class="narrow">
      <PageHeader title="We couldn't open this session" />
      <p>
        It may have been cancelled, or this browser may no longer be connected to your invitation.
      </p>
      <p>
        If you were invited with a personal link, please open it again. If it no longer works, ask
        your care team for a new one.
      </p>
      <p>
        Clinicians:{' '}
        <A href={`/sign-in?next=${encodeURIComponent(location.pathname)}`} class="link-standalone">
          sign in to join
        </A>
      </p>
    </div>
  )
}
