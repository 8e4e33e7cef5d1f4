// The camera preview of the device check: open the chosen camera, show it, let go of it.
import { createSignal } from 'solid-js'
import { deviceChoices } from './choices'

export const hasMedia = () => typeof navigator.mediaDevices?.getUserMedia === 'function'

export function createCameraPreview() {
  const [track, setTrack] = createSignal<MediaStreamTrack>()
  const [error, setError] = createSignal<unknown>()
  let preview: HTMLVideoElement | undefined
  let disposed = false

  function constraints(): MediaTrackConstraints {
    const id = deviceChoices().cameraId
    return {
      ...(id ? { deviceId: { exact: id } } : {}),
      width: { ideal: 640 },
      height: { ideal: 360 },
    }
  }

  function adopt(next: MediaStreamTrack | undefined) {
    if (!next) return
    if (disposed) {
      next.stop()
      return
    }
    setTrack(next)
    if (preview) {
      preview.srcObject = new MediaStream([next])
      void preview.play().catch(() => undefined)
    }
  }

  function stop() {
    track()?.stop()
    setTrack(undefined)
    if (preview) preview.srcObject = null
  }

  async function start() {
    stop()
    setError(undefined)
    if (!deviceChoices().cameraOn || !hasMedia()) return
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: constraints() })
      adopt(stream.getVideoTracks()[0])
    } catch (err) {
      setError(err)
    }
  }

  return {
    track,
    error,
    setError,
    constraints,
    adopt,
    start,
    stop,
    setPreview: (el: HTMLVideoElement) => (preview = el),
    dispose() {
      disposed = true
      stop()
    },
  }
}
