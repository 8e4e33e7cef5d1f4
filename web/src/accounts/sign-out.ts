// Leaving the signed-in state in this tab, whatever the reason, and telling the sign-in page why.
import { query, useLocation, useNavigate, type Location, type Navigator } from '@solidjs/router'
import { createSignal } from 'solid-js'
import { startSignInGeneration } from '../lib/api'
import { signOut } from './api'

/**
 * chosen: the person pressed Sign out. idle: this tab's idle timer ran out. expired: the server
 * refused a request (idle logoff on the server, signed out elsewhere, or never signed in).
 * other_tab: another tab signed out.
 */
export type SignOutReason = 'chosen' | 'idle' | 'expired' | 'other_tab'

const notices: Record<SignOutReason, string> = {
  chosen: 'You have signed out.',
  idle:
    'You were signed out because there was no activity for a while. ' +
    'This keeps patient information private.',
  expired: 'You were signed out. Please sign in again to continue.',
  other_tab: 'You were signed out in another tab.',
}

const [signInNotice, setSignInNotice] = createSignal<string>()
export { signInNotice }

/**
 * Someone has just signed in. Every answer cached before (the 401s of pages preloaded while nobody was signed in
 * among them) is dropped, so each section of the next page fetches again instead of showing a stale failure.
 */
export function beginSignedIn() {
  startSignInGeneration()
  query.clear()
  setSignInNotice(undefined)
}

let isSignedInHere = false

export function markSignedIn() {
  isSignedInHere = true
  setSignInNotice(undefined)
}

const signedOutKey = 'careteam.signedOutAt'

/** Calls `then` when another tab of this browser signs out. */
export function listenForSignOutElsewhere(then: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === signedOutKey) then()
  }
  window.addEventListener('storage', onStorage)
  return () => window.removeEventListener('storage', onStorage)
}

/** Only same-site paths, so a crafted link can't send someone elsewhere after they sign in. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/'
  if (next.startsWith('/sign-in')) return '/'
  return next
}

export function useSignOut() {
  return signOutWith(useNavigate(), useLocation())
}

/** useSignOut() for code that holds the router's navigate and location already. */
export function signOutWith(navigate: Navigator, location: Location) {
  return async function signOutHere(reason: SignOutReason): Promise<void> {
    // The server ends its own session on idle; it needs telling only when we end it first. A failed
    // chosen sign-out throws: nobody should believe they're signed out when they aren't.
    if (reason === 'chosen') await signOut()
    if (reason === 'idle') await signOut().catch(() => undefined)

    if (reason === 'chosen' || reason === 'idle') {
      try {
        localStorage.setItem(signedOutKey, String(Date.now()))
      } catch {
        // Storage may be unavailable (private browsing); other tabs learn on their next request.
      }
    }

    // Drop every cached answer so no patient data stays in memory after signing out.
    query.clear()
    // Someone opening the app before signing in needs no notice: nothing was taken from them.
    if (reason !== 'expired' || isSignedInHere) setSignInNotice(notices[reason])
    isSignedInHere = false

    const isLeavingOnPurpose = reason === 'chosen' || reason === 'other_tab'
    const returnTo = isLeavingOnPurpose ? undefined : location.pathname + location.search
    const search = returnTo && returnTo !== '/' ? `?next=${encodeURIComponent(returnTo)}` : ''
    navigate(`/sign-in${search}`, { replace: true })
  }
}
