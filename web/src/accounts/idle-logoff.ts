// Courtesy idle logoff: warns before the server's idle timeout and signs out when it runs out.
// The server enforces the real timeout; this keeps the screen from showing patient data meanwhile.
import { createSignal, onCleanup, type Accessor } from 'solid-js'

import { contactKey, lastServerContact } from './server-contact'

const activityEvents = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const

export type IdleLogoff = {
  /** Seconds until sign-out while the warning should show; undefined otherwise. */
  secondsLeft: Accessor<number | undefined>
  /** Resets the server's idle timer by asking it something; rejects with ApiError if that fails. */
  staySignedIn: () => Promise<void>
}

export function createIdleLogoff(options: {
  timeoutSeconds: number
  /** A request that any signed-in person may make; its answer resets the server's timer. */
  ping: () => Promise<unknown>
  onExpire: () => void
}): IdleLogoff {
  // The server records activity at most every 15 s, so its count may have started up to that much
  // earlier than ours. Counting from that earlier moment keeps "Stay signed in" from being late.
  const timeoutMs = Math.max(options.timeoutSeconds * 1000 - 15_000, options.timeoutSeconds * 500)
  const warnMs = Math.min(60_000, timeoutMs / 2)
  // Activity alone doesn't reach the server, so while someone is active we ping now and then.
  // Pinging well inside the warning window keeps the client's count close to the server's.
  const pingAfterMs = Math.min(30_000, timeoutMs / 4)

  const [secondsLeft, setSecondsLeft] = createSignal<number>()
  let timer: ReturnType<typeof setTimeout> | undefined
  let lastActivityAt = 0
  let pinging: Promise<void> | undefined
  let expired = false

  function check() {
    clearTimeout(timer)
    if (expired) return
    const left = lastServerContact() + timeoutMs - Date.now()
    if (left <= 0) {
      expired = true
      setSecondsLeft(undefined)
      options.onExpire()
    } else if (left <= warnMs) {
      setSecondsLeft(Math.ceil(left / 1000))
      timer = setTimeout(check, Math.min(1000, left))
    } else {
      setSecondsLeft(undefined)
      // Timers in background tabs may fire late. check() reads the clock, so late only means later.
      timer = setTimeout(check, left - warnMs)
    }
  }

  function staySignedIn(): Promise<void> {
    pinging ??= options
      .ping()
      .then(() => undefined)
      .finally(() => {
        pinging = undefined
        check()
      })
    return pinging
  }

  function onActivity() {
    const now = Date.now()
    if (now - lastActivityAt < 1000) return
    lastActivityAt = now
    if (now - lastServerContact() > pingAfterMs) {
      // A 401 signs out through the API hook; any other failure leaves the countdown running.
      staySignedIn().catch(() => undefined)
    }
  }

  function onStorage(event: StorageEvent) {
    if (event.key === contactKey) check()
  }

  function onVisibilityChange() {
    if (document.visibilityState === 'visible') check()
  }

  for (const type of activityEvents) {
    window.addEventListener(type, onActivity, { capture: true, passive: true })
  }
  window.addEventListener('storage', onStorage)
  document.addEventListener('visibilitychange', onVisibilityChange)
  check()

  onCleanup(() => {
    expired = true
    clearTimeout(timer)
    for (const type of activityEvents) {
      window.removeEventListener(type, onActivity, { capture: true })
    }
    window.removeEventListener('storage', onStorage)
    document.removeEventListener('visibilitychange', onVisibilityChange)
  })

  return { secondsLeft, staySignedIn }
}
