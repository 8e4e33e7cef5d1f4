// The microphone of the device check: open the chosen microphone and measure its level for the meter.
import { createSignal } from 'solid-js'
import { hasMedia } from './camera'
import { deviceChoices } from './choices'

export function createMicrophoneLevel() {
  const [track, setTrack] = createSignal<MediaStreamTrack>()
  const [error, setError] = createSignal<unknown>()
  const [level, setLevel] = createSignal(0)
  const [heard, setHeard] = createSignal(false)
  let meterContext: AudioContext | undefined
  let meterFrame = 0
  let disposed = false

  function constraints(): MediaTrackConstraints | true {
    const id = deviceChoices().micId
    return id ? { deviceId: { exact: id } } : true
  }

  function adopt(next: MediaStreamTrack | undefined) {
    if (!next) return
    if (disposed) {
      next.stop()
      return
    }
    setTrack(next)
    measureLevel(next)
  }

  function stop() {
    cancelAnimationFrame(meterFrame)
    void meterContext?.close().catch(() => undefined)
    meterContext = undefined
    track()?.stop()
    setTrack(undefined)
    setLevel(0)
  }

  async function start() {
    stop()
    setError(undefined)
    if (!deviceChoices().micOn || !hasMedia()) return
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: constraints() })
      adopt(stream.getAudioTracks()[0])
    } catch (err) {
      setError(err)
    }
  }

  function measureLevel(source: MediaStreamTrack) {
    const context = new AudioContext()
    meterContext = context
    const analyser = context.createAnalyser()
    analyser.fftSize = 1024
    context.createMediaStreamSource(new MediaStream([source])).connect(analyser)
    const samples = new Float32Array(analyser.fftSize)
    let shownAt = 0
    let smoothed = 0
    const tick = (now: number) => {
      if (context.state === 'suspended') void context.resume().catch(() => undefined)
      analyser.getFloatTimeDomainData(samples)
      let sum = 0
      for (const s of samples) sum += s * s
      const rms = Math.sqrt(sum / samples.length)
      // Speech sits around 0.02–0.2 RMS; stretch it so ordinary speech fills most of the meter.
      smoothed = Math.max(Math.min(1, rms * 5), smoothed * 0.85)
      // Ten updates a second is smooth to the eye and quiet for assistive technology.
      if (now - shownAt > 100) {
        shownAt = now
        setLevel(Math.round(smoothed * 100) / 100)
        if (smoothed > 0.1) setHeard(true)
      }
      meterFrame = requestAnimationFrame(tick)
    }
    meterFrame = requestAnimationFrame(tick)
  }

  return {
    track,
    error,
    setError,
    level,
    heard,
    constraints,
    adopt,
    start,
    stop,
    dispose() {
      disposed = true
      stop()
    },
  }
}
