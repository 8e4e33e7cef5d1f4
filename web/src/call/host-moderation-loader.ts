// Hosts' moderation (mute, remove, end for everyone) loads in its own chunk and only for hosts: nobody else ever needs
// it, and a host does not need it before the first frame (BENCHMARKS.md, "bundle").
import { createEffect, createSignal, getOwner, runWithOwner, type Accessor } from 'solid-js'
import type { HostModeration, HostModerationProps } from './HostModeration'

/** Undefined until the module has arrived, and for as long as the viewer is not a host. */
export function createLazyHostModeration(
  isHost: () => boolean,
  props: HostModerationProps
): Accessor<HostModeration | undefined> {
  // Made under the caller's owner, so its state lives and ends with the call.
  const owner = getOwner()
  const [moderation, setModeration] = createSignal<HostModeration>()
  let loading = false
  createEffect(() => {
    if (!isHost() || moderation() || loading) return
    loading = true
    import('./HostModeration').then(
      (m) => setModeration(runWithOwner(owner, () => m.createHostModeration(props))),
      // Offline, say: the next change of host status tries again.
      () => (loading = false)
    )
  })
  return moderation
}
