// The care plan and the side panels (Yjs and their requests with them) follow the others' first video frame, or a
// second in the call when none comes: on a busy device their loading would hold that frame up.
import { createEffect, createSignal, onCleanup, type Accessor } from 'solid-js'

const EXTRAS_AT_LATEST_MS = 1_000

/** True from the first remote frame (or a second after connecting without one) on. */
export function createAfterFirstFrame(
  connecting: () => boolean,
  firstRemoteFrame: () => unknown
): Accessor<boolean> {
  const [shown, setShown] = createSignal(false)
  createEffect(() => {
    if (connecting() || shown()) return
    if (firstRemoteFrame()) return setShown(true)
    const timer = setTimeout(() => setShown(true), EXTRAS_AT_LATEST_MS)
    onCleanup(() => clearTimeout(timer))
  })
  return shown
}
