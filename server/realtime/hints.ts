// Refresh hints: server events that carry no news themselves and only tell open pages to refetch (`outcomes.changed`).
// A burst of changes to one patient (a clinic's questionnaires arriving together) used to send one hint per change,
// and every open page of that patient refetched each time. Now each key has at most one hint per window on an
// instance: the first change's at once, the rest folded into one sent when the window closes, so a page is at most
// one window behind and never misses the last change. Events with news of their own (safety alerts) never come here.
import type { ServerEvent } from '../../shared/events'

/** How long a key's window stays open after a hint: pages refetch at most this often per patient and instance. */
export const HINT_WINDOW_MS = 1000

export type HintThrottle = {
  /**
   * For a change about to commit: true when no window is open for `key`. The window is opened now, and the caller
   * sends the hint itself, right after its commit (in the same write: db/pipelined.ts). False: call `fold` once the
   * change has committed.
   */
  claim: (key: string) => boolean
  /** A change that committed while `key`'s window was open: its hint goes when the window closes (now if it has). */
  fold: (key: string, event: ServerEvent) => void
  /** Stops the timers; folded hints not yet sent are dropped (open pages resync when they reconnect). */
  close: () => void
}

type Window = { pending?: ServerEvent; timer: NodeJS.Timeout }

export function createHintThrottle(
  send: (event: ServerEvent) => void,
  windowMs = HINT_WINDOW_MS
): HintThrottle {
  const windows = new Map<string, Window>()
  const open = (key: string) => {
    const timer = setTimeout(() => closeWindow(key), windowMs)
    timer.unref()
    windows.set(key, { timer })
  }
  const closeWindow = (key: string) => {
    const pending = windows.get(key)?.pending
    windows.delete(key)
    if (!pending) return
    // The folded hint starts a window of its own: changes right after it wait for the next one.
    open(key)
    send(pending)
  }
  return {
    claim(key) {
      if (windows.has(key)) return false
      open(key)
      return true
    },
    fold(key, event) {
      const window = windows.get(key)
      if (window) window.pending = event
      else {
        open(key)
        send(event)
      }
    },
    close() {
      for (const { timer } of windows.values()) clearTimeout(timer)
      windows.clear()
    },
  }
}
