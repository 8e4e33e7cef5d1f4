import { Route, Router, useLocation, useNavigate, type RouteSectionProps } from '@solidjs/router'
import { createEffect, lazy, on } from 'solid-js'
import { Id } from '../../shared/ids'
import { recordServerContact } from './accounts/server-contact'
import { setApiHooks } from './lib/api'
import { mainId } from './ui/Layout'

// People opening a personal link load only what their pages need: the signed-in shell (idle logoff, navigation,
// clinicians' queries) loads with the first signed-in page.
const SignedInLayout = lazy(() =>
  import('./accounts/SignedInLayout').then((m) => ({ default: m.SignedInLayout }))
)

const SignInPage = lazy(() => import('./accounts/SignInPage'))
const CliniciansPage = lazy(() => import('./accounts/CliniciansPage'))
const HomePage = lazy(() => import('./sessions/HomePage'))
const PatientPage = lazy(() => import('./patients/PatientPage'))
const NotFoundPage = lazy(() => import('./NotFoundPage'))
const SchedulePage = lazy(() => import('./sessions/SchedulePage'))
const NewSessionPage = lazy(() => import('./sessions/NewSessionPage'))
const SessionPage = lazy(() => import('./sessions/SessionPage'))
const JoinPage = lazy(() => import('./sessions/JoinPage'))
const PreCallLayout = lazy(() => import('./sessions/PreCallLayout'))
const DeviceCheckPage = lazy(() => import('./devices/DeviceCheckPage'))
const WaitingPage = lazy(() => import('./admission/WaitingPage'))
const ConsentPage = lazy(() => import('./consent/ConsentPage'))
// The only page that loads livekit-client (about 140 kB gzip): never before the call.
const CallPage = lazy(() => import('./call/CallPage'))
const QuestionnairesPage = lazy(() => import('./outcomes/QuestionnairesPage'))
const DashboardPage = lazy(() => import('./outcomes/DashboardPage'))

type Params = { params: Record<string, string | undefined> }

const preloadSession = ({ params }: Params) => {
  const id = Id.safeParse(params.id)
  if (id.success) void import('./sessions/api').then((m) => m.getSession(id.data))
}

const preloadPatient = ({ params }: Params) => {
  const id = Id.safeParse(params.id)
  if (!id.success) return
  void import('./patients/api').then((m) => {
    void m.getPatient(id.data)
    void m.listPatientSessions(id.data)
  })
}

/**
 * Pages that people with a personal link use too. A 401 there is not news that a clinician was signed out: guests
 * never had a sign-in, and clinicians in a call should not be pulled out of it.
 */
export function isOpenToGuests(pathname: string): boolean {
  return /^\/join\/|^\/questionnaires|^\/sessions\/[^/]+\/(check|consent|waiting|call|questionnaires)\/?$/.test(
    pathname
  )
}

export function App() {
  return (
    <Router root={Root} scrollRestoration>
      <Route path="/sign-in" component={SignInPage} />
      <Route path="/join/:sessionId" component={JoinPage} />
      <Route path="/sessions/:id/call" component={CallPage} />
      <Route path="/sessions/:id/questionnaires" component={QuestionnairesPage} />
      <Route path="/questionnaires" component={QuestionnairesPage} />
      <Route component={PreCallLayout} preload={preloadSession}>
        <Route path="/sessions/:id/check" component={DeviceCheckPage} />
        <Route path="/sessions/:id/consent" component={ConsentPage} />
        <Route path="/sessions/:id/waiting" component={WaitingPage} />
      </Route>
      <Route
        component={SignedInLayout}
        preload={() => void import('./accounts/api').then((m) => m.getMe())}
      >
        <Route
          path="/"
          component={HomePage}
          preload={() => {
            void import('./sessions/api').then((m) => m.listMySessions('upcoming'))
            void import('./patients/api').then((m) => m.listMyPatients())
          }}
        />
        <Route path="/patients/:id" component={PatientPage} preload={preloadPatient} />
        <Route path="/schedule" component={NewSessionPage} />
        <Route path="/patients/:id/schedule" component={SchedulePage} preload={preloadPatient} />
        <Route path="/sessions/:id" component={SessionPage} preload={preloadSession} />
        <Route path="/admin/clinicians" component={CliniciansPage} />
        <Route path="/dashboard" component={DashboardPage} />
        <Route path="*404" component={NotFoundPage} />
      </Route>
    </Router>
  )
}

function Root(props: RouteSectionProps) {
  const location = useLocation()
  const navigate = useNavigate()

  setApiHooks({
    unauthenticated: () => {
      if (location.pathname === '/sign-in' || isOpenToGuests(location.pathname)) return
      void import('./accounts/sign-out').then((m) => m.signOutWith(navigate, location)('expired'))
    },
    answered: recordServerContact,
  })

  // After an in-app navigation, start screen readers and keyboard focus at the new page's content,
  // as a full page load would.
  createEffect(
    on(
      () => location.pathname,
      () =>
        requestAnimationFrame(() => {
          document.getElementById(mainId)?.focus({ preventScroll: true })
        }),
      { defer: true }
    )
  )

  return props.children
}
