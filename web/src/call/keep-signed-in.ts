// Clinicians are signed out after IDLE_TIMEOUT_MINUTES without a request, but a call makes none. Being in a call
// is activity: ask the server something now and then, or a host could no longer admit or remove people.
import { createEffect, onCleanup } from 'solid-js'
import { fetchMe } from '../accounts/who-am-i'

const KEEP_SIGNED_IN_EVERY_MS = 4 * 60_000

/** While `active()` (a clinician in the call), asks who is signed in every few minutes. */
export function keepSignedIn(active: () => boolean) {
  createEffect(() => {
    if (!active()) return
    const timer = setInterval(() => void fetchMe().catch(() => undefined), KEEP_SIGNED_IN_EVERY_MS)
    onCleanup(() => clearInterval(timer))
  })
}
