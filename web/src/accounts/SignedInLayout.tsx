import { A, createAsync, revalidate, type RouteSectionProps } from '@solidjs/router'
import { createSignal, onCleanup, Show, type Accessor, type JSX } from 'solid-js'
import type { Me } from '../../../shared/accounts'
import { AsyncBoundary } from '../ui/AsyncBoundary'
import { Button } from '../ui/Button'
import { ErrorMessage } from '../ui/ErrorMessage'
import { Layout } from '../ui/Layout'
import { SafetyAlertBanner } from '../outcomes/SafetyAlertBanner'
import { fetchMe, getMe } from './api'
import { createIdleLogoff } from './idle-logoff'
import { IdleWarning } from './IdleWarning'
import { isAdmin, MeContext } from './me'
import { listenForSignOutElsewhere, markSignedIn, useSignOut } from './sign-out'

// Every page for signed-in clinicians renders inside this: it loads who is signed in, shows the
// navigation, and runs the idle logoff.
export function SignedInLayout(props: RouteSectionProps) {
  const me = createAsync(() => getMe())
  return (
    <AsyncBoundary
      loading="Loading…"
      retry={() => void revalidate(getMe.key)}
      fallback={(error, retry) => (
        <Layout>
          <ErrorMessage error={error} onRetry={retry} />
        </Layout>
      )}
    >
      <Show when={me()}>{(me) => <SignedIn me={me}>{props.children}</SignedIn>}</Show>
    </AsyncBoundary>
  )
}

function SignedIn(props: { me: Accessor<Me>; children?: JSX.Element }) {
  const signOutHere = useSignOut()
  const [signOutError, setSignOutError] = createSignal<unknown>()
  const [isSigningOut, setIsSigningOut] = createSignal(false)

  markSignedIn()
  const idle = createIdleLogoff({
    timeoutSeconds: props.me().idleTimeoutSeconds,
    ping: fetchMe,
    onExpire: () => void signOutHere('idle'),
  })
  onCleanup(listenForSignOutElsewhere(() => void signOutHere('other_tab')))

  async function chooseSignOut() {
    setIsSigningOut(true)
    setSignOutError(undefined)
    try {
      await signOutHere('chosen')
    } catch (error) {
      setSignOutError(error)
      setIsSigningOut(false)
    }
  }

  return (
    <MeContext.Provider value={props.me}>
      <Layout
        account={
          <p class="site-header-account">
            <span class="visually-hidden">Signed in as </span>
            {props.me().clinician.displayName}
          </p>
        }
        nav={
          <nav class="site-nav" aria-label="Main">
            <ul class="site-nav-links">
              <li>
                <A href="/" end>
                  Home
                </A>
              </li>
              <li>
                <A href="/dashboard">Dashboard</A>
              </li>
              <Show when={isAdmin(props.me())}>
                <li>
                  <A href="/admin/clinicians">Clinicians</A>
                </li>
              </Show>
            </ul>
            <Button
              variant="quiet"
              onClick={() => void chooseSignOut()}
              pending={isSigningOut()}
              pendingLabel="Signing out…"
            >
              Sign out
            </Button>
          </nav>
        }
      >
        <Show when={signOutError()}>
          {(error) => (
            <ErrorMessage
              title="We couldn't sign you out."
              error={error()}
              onRetry={() => void chooseSignOut()}
            />
          )}
        </Show>
        <SafetyAlertBanner />
        {props.children}
      </Layout>
      <IdleWarning idle={idle} onSignOut={() => void chooseSignOut()} />
    </MeContext.Provider>
  )
}
