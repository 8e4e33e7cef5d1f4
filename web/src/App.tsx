import { Route, Router, useLocation, type RouteSectionProps } from '@solidjs/router'
import { createEffect, lazy, on } from 'solid-js'
import { Id } from '../../shared/ids'
import { getMe } from './accounts/api'
import { recordServerContact } from './accounts/idle-logoff'
import { SignedInLayout } from './accounts/SignedInLayout'
import { useSignOut } from './accounts/sign-out'
import { setApiHooks } from './lib/api'
import { getPatient, listMyPatients, listPatientSessions } from './patients/api'
import { listMySessions } from './sessions/api'
import { mainId } from './ui/Layout'

const SignInPage = lazy(() => import('./accounts/SignInPage'))
const CliniciansPage = lazy(() => import('./accounts/CliniciansPage'))
const HomePage = lazy(() => import('./sessions/HomePage'))
const PatientPage = lazy(() => import('./patients/PatientPage'))
const NotFoundPage = lazy(() => import('./NotFoundPage'))

export function App() {
  return (
    <Router root={Root} scrollRestoration>
      <Route path="/sign-in" component={SignInPage} />
      <Route component={SignedInLayout} preload={() => void getMe()}>
        <Route
          path="/"
          component={HomePage}
          preload={() => {
            void listMySessions('upcoming')
            void listMyPatients()
          }}
        />
        <Route
          path="/patients/:id"
          component={PatientPage}
          preload={({ params }) => {
            const id = Id.safeParse(params.id)
            if (!id.success) return
            void getPatient(id.data)
            void listPatientSessions(id.data)
          }}
        />
        <Route path="/admin/clinicians" component={CliniciansPage} />
        <Route path="*404" component={NotFoundPage} />
      </Route>
    </Router>
  )
}

function Root(props: RouteSectionProps) {
  const location = useLocation()
  const signOutHere = useSignOut()

  setApiHooks({
    unauthenticated: () => {
      if (location.pathname !== '/sign-in') void signOutHere('expired')
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
