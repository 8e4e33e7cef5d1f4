// Before joining: see yourself, hear that the microphone works, play a test sound, and check the video service.
// Uses the browser's media APIs directly: livekit-client loads only with the call page.
import { A, useNavigate } from '@solidjs/router'
import { createSignal, For, onCleanup, onMount, Show } from 'solid-js'
import { sessionKindLabel } from '../../../shared/enums'
import { ApiError } from '../lib/api'
import { formatDateTime, formatDuration } from '../lib/format'
import { Button } from '../ui/Button'
import { ErrorMessage } from '../ui/ErrorMessage'
import { PageHeader } from '../ui/PageHeader'
import { arrive } from './api'
import { deviceChoices, mediaErrorMessage, setDeviceChoice } from './devices'
import { ParticipantLine } from './participants'
import { usePreCall } from './PreCallLayout'

type ServiceState = 'checking' | 'ok' | 'down'

export default function DeviceCheckPage() {
  const { session, me, isClinician } = usePreCall()
  const navigate = useNavigate()

  const [videoTrack, setVideoTrack] = createSignal<MediaStreamTrack>()
  const [audioTrack, setAudioTrack] = createSignal<MediaStreamTrack>()
  const [cameraError, setCameraError] = createSignal<unknown>()
  const [micError, setMicError] = createSignal<unknown>()
  const [devices, setDevices] = createSignal<MediaDeviceInfo[]>([])
  const [level, setLevel] = createSignal(0)
  const [heard, setHeard] = createSignal(false)
  const [toneStatus, setToneStatus] = createSignal<string>()
  const [service, setService] = createSignal<ServiceState>('checking')
  const [joining, setJoining] = createSignal(false)
  const [joinError, setJoinError] = createSignal<unknown>()
  let preview!: HTMLVideoElement
  let joinAlert: HTMLDivElement | undefined
  let meterContext: AudioContext | undefined
  let meterFrame = 0
  let disposed = false

  const hasMedia = typeof navigator.mediaDevices?.getUserMedia === 'function'
  const canChooseSpeaker = 'setSinkId' in HTMLMediaElement.prototype
  const others = () => session().participants.filter((p) => p.id !== me().id)

  // Camera

  async function startCamera() {
    stopCamera()
    setCameraError(undefined)
    if (!deviceChoices().cameraOn || !hasMedia) return
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: videoConstraints() })
      adoptVideo(stream.getVideoTracks()[0])
    } catch (error) {
      setCameraError(error)
    }
  }

  function videoConstraints(): MediaTrackConstraints {
    const id = deviceChoices().cameraId
    return {
      ...(id ? { deviceId: { exact: id } } : {}),
      width: { ideal: 640 },
      height: { ideal: 360 },
    }
  }

  function adoptVideo(track: MediaStreamTrack | undefined) {
    if (!track) return
    if (disposed) {
      track.stop()
      return
    }
    setVideoTrack(track)
    preview.srcObject = new MediaStream([track])
    void preview.play().catch(() => undefined)
  }

  function stopCamera() {
    videoTrack()?.stop()
    setVideoTrack(undefined)
    if (preview) preview.srcObject = null
  }

  // Microphone

  async function startMicrophone() {
    stopMicrophone()
    setMicError(undefined)
    if (!deviceChoices().micOn || !hasMedia) return
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: audioConstraints() })
      adoptAudio(stream.getAudioTracks()[0])
    } catch (error) {
      setMicError(error)
    }
  }

  function audioConstraints(): MediaTrackConstraints | true {
    const id = deviceChoices().micId
    return id ? { deviceId: { exact: id } } : true
  }

  function adoptAudio(track: MediaStreamTrack | undefined) {
    if (!track) return
    if (disposed) {
      track.stop()
      return
    }
    setAudioTrack(track)
    measureLevel(track)
  }

  function stopMicrophone() {
    cancelAnimationFrame(meterFrame)
    void meterContext?.close().catch(() => undefined)
    meterContext = undefined
    audioTrack()?.stop()
    setAudioTrack(undefined)
    setLevel(0)
  }

  function measureLevel(track: MediaStreamTrack) {
    const context = new AudioContext()
    meterContext = context
    const analyser = context.createAnalyser()
    analyser.fftSize = 1024
    context.createMediaStreamSource(new MediaStream([track])).connect(analyser)
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

  // Both at once first, so the browser asks for permission once.
  async function startBoth() {
    setCameraError(undefined)
    setMicError(undefined)
    if (!hasMedia) {
      const unsupported = new DOMException('No media devices', 'NotSupportedError')
      setCameraError(unsupported)
      setMicError(unsupported)
      return
    }
    const wantVideo = deviceChoices().cameraOn
    const wantAudio = deviceChoices().micOn
    if (wantVideo && wantAudio) {
      stopCamera()
      stopMicrophone()
      try {
        const stream = await navigator.mediaDevices.getUserMedia({
          video: videoConstraints(),
          audio: audioConstraints(),
        })
        adoptVideo(stream.getVideoTracks()[0])
        adoptAudio(stream.getAudioTracks()[0])
      } catch (error) {
        const name = error instanceof Error ? error.name : ''
        if (name === 'NotAllowedError' || name === 'SecurityError') {
          setCameraError(error)
          setMicError(error)
        } else {
          // One of the two may still work on its own (no camera, a busy camera…).
          await startCamera()
          await startMicrophone()
        }
      }
    } else {
      await startCamera()
      await startMicrophone()
    }
    await listDevices()
  }

  async function listDevices() {
    try {
      setDevices(await navigator.mediaDevices.enumerateDevices())
    } catch {
      setDevices([])
    }
  }

  const devicesOf = (kind: MediaDeviceKind) =>
    devices().filter((d) => d.kind === kind && d.deviceId)

  // Speaker

  async function playTestSound() {
    setToneStatus(undefined)
    try {
      const context = new AudioContext()
      const sinkId = deviceChoices().speakerId
      const withSink = context as AudioContext & { setSinkId?: (id: string) => Promise<void> }
      if (sinkId && withSink.setSinkId) await withSink.setSinkId(sinkId)
      await context.resume()
      const gain = context.createGain()
      gain.connect(context.destination)
      const start = context.currentTime + 0.05
      // Two soft notes, rising: recognisable without being alarming.
      for (const [index, frequency] of [523.25, 659.25].entries()) {
        const oscillator = context.createOscillator()
        oscillator.type = 'sine'
        oscillator.frequency.value = frequency
        oscillator.connect(gain)
        oscillator.start(start + index * 0.5)
        oscillator.stop(start + index * 0.5 + 0.45)
      }
      gain.gain.setValueAtTime(0, start)
      gain.gain.linearRampToValueAtTime(0.25, start + 0.05)
      gain.gain.setValueAtTime(0.25, start + 0.9)
      gain.gain.linearRampToValueAtTime(0, start + 1)
      setToneStatus('Playing a test sound… If you heard two notes, your sound works.')
      setTimeout(() => void context.close().catch(() => undefined), 1500)
    } catch {
      setToneStatus("We couldn't play a sound. Check that your device isn't muted.")
    }
  }

  // The video service

  async function checkService() {
    setService('checking')
    try {
      const res = await fetch('/readyz', {
        cache: 'no-store',
        headers: { accept: 'application/json' },
      })
      // 503 when the database is down; the body still says how LiveKit is.
      const readiness = (await res.json()) as { livekit?: { ok?: unknown } } | null
      setService(readiness?.livekit?.ok === true ? 'ok' : 'down')
    } catch {
      setService('down')
    }
  }

  // Toggles and choices

  async function toggleCamera() {
    setDeviceChoice('cameraOn', !deviceChoices().cameraOn)
    if (deviceChoices().cameraOn) await startCamera()
    else stopCamera()
    await listDevices()
  }

  async function toggleMicrophone() {
    setDeviceChoice('micOn', !deviceChoices().micOn)
    if (deviceChoices().micOn) await startMicrophone()
    else stopMicrophone()
    await listDevices()
  }

  async function join() {
    if (joining()) return
    setJoining(true)
    setJoinError(undefined)
    try {
      const status = await arrive(session().id)
      // The call page opens the devices again; let go of them here first.
      stopCamera()
      stopMicrophone()
      navigate(`/sessions/${session().id}/${status.state === 'admitted' ? 'call' : 'waiting'}`)
    } catch (error) {
      setJoining(false)
      setJoinError(error)
      joinAlert?.focus()
    }
  }

  onMount(() => {
    void startBoth()
    void checkService()
    const onDeviceChange = () => void listDevices()
    navigator.mediaDevices?.addEventListener('devicechange', onDeviceChange)
    onCleanup(() => navigator.mediaDevices?.removeEventListener('devicechange', onDeviceChange))
  })

  onCleanup(() => {
    disposed = true
    stopCamera()
    stopMicrophone()
  })

  const isHost = () => me().role === 'host'

  return (
    <>
      <PageHeader title="Check your camera and microphone" tabTitle="Device check">
        <p class="muted">
          {sessionKindLabel[session().kind]} ·{' '}
          <time datetime={session().startsAt}>{formatDateTime(session().startsAt)}</time> ·{' '}
          {formatDuration(session().durationMinutes)}
        </p>
      </PageHeader>

      <div class="device-check">
        <section class="device-panel" aria-labelledby="camera-heading">
          <h2 id="camera-heading">Camera</h2>
          <div class="preview-frame">
            <video
              ref={preview}
              class="preview-video"
              classList={{ 'preview-video-hidden': !videoTrack() }}
              aria-label="Your camera preview"
              muted
              playsinline
              autoplay
            />
            <Show when={!videoTrack()}>
              <p class="preview-placeholder">
                {deviceChoices().cameraOn ? 'Starting your camera…' : 'Your camera is off.'}
              </p>
            </Show>
          </div>
          <Show when={cameraError()}>
            {(error) => (
              <MediaProblem error={error()} what="camera" onRetry={() => void startCamera()} />
            )}
          </Show>
          <div class="device-controls">
            <ToggleButton
              label="Camera"
              pressed={deviceChoices().cameraOn}
              onClick={() => void toggleCamera()}
            />
            <DeviceSelect
              label="Camera to use"
              devices={devicesOf('videoinput')}
              value={deviceChoices().cameraId}
              fallbackName="Camera"
              onChange={(id) => {
                setDeviceChoice('cameraId', id)
                void startCamera()
              }}
            />
          </div>
        </section>

        <section class="device-panel" aria-labelledby="mic-heading">
          <h2 id="mic-heading">Microphone</h2>
          <label class="field-label" for="mic-level">
            Microphone level
          </label>
          <meter
            id="mic-level"
            class="level-meter"
            min="0"
            max="1"
            low={0.1}
            optimum={0.5}
            value={level()}
            aria-valuetext={`${Math.round(level() * 100)} percent`}
          />
          <p class="muted">
            <Show
              when={audioTrack()}
              fallback={
                deviceChoices().micOn ? 'Starting your microphone…' : 'Your microphone is off.'
              }
            >
              {heard() ? 'We can hear you.' : 'Say something: the bar moves when we can hear you.'}
            </Show>
          </p>
          <Show when={micError()}>
            {(error) => (
              <MediaProblem
                error={error()}
                what="microphone"
                onRetry={() => void startMicrophone()}
              />
            )}
          </Show>
          <div class="device-controls">
            <ToggleButton
              label="Microphone"
              pressed={deviceChoices().micOn}
              onClick={() => void toggleMicrophone()}
            />
            <DeviceSelect
              label="Microphone to use"
              devices={devicesOf('audioinput')}
              value={deviceChoices().micId}
              fallbackName="Microphone"
              onChange={(id) => {
                setDeviceChoice('micId', id)
                void startMicrophone()
              }}
            />
          </div>
        </section>

        <section class="device-panel" aria-labelledby="speaker-heading">
          <h2 id="speaker-heading">Sound</h2>
          <p>Play a short sound to check that you can hear the others.</p>
          <div class="device-controls">
            <Button variant="secondary" onClick={() => void playTestSound()}>
              Play a test sound
            </Button>
            <Show when={canChooseSpeaker && devicesOf('audiooutput').length > 1}>
              <DeviceSelect
                label="Speaker to use"
                devices={devicesOf('audiooutput')}
                value={deviceChoices().speakerId}
                fallbackName="Speaker"
                onChange={(id) => setDeviceChoice('speakerId', id)}
              />
            </Show>
          </div>
          <p class="muted" role="status">
            {toneStatus()}
          </p>
        </section>

        <section class="device-panel" aria-labelledby="service-heading">
          <h2 id="service-heading">Video service</h2>
          <p role="status">
            {service() === 'checking'
              ? 'Checking the connection to the video service…'
              : service() === 'ok'
                ? 'Connected: the video service is reachable.'
                : "We can't reach the video service right now. You can still join; " +
                  "we'll try again when you're let in."}
          </p>
          <Show when={service() === 'down'}>
            <Button variant="secondary" onClick={() => void checkService()}>
              Check again
            </Button>
          </Show>
        </section>
      </div>

      <section class="section join-panel" aria-labelledby="join-heading">
        <h2 id="join-heading">Ready?</h2>
        <Show when={others().length > 0}>
          <p>In this session:</p>
          <ul class="plain-list">
            <For each={others()}>
              {(p) => (
                <li>
                  <ParticipantLine participant={p} />
                </li>
              )}
            </For>
          </ul>
        </Show>
        <p class="muted">
          {isHost()
            ? 'As a host, you go straight in.'
            : 'You will wait in the waiting room until a host lets you in.'}{' '}
          You can join with your camera or microphone off and turn them on later.
        </p>
        <Show when={joinError()}>
          <ErrorMessage
            title="You can't join right now."
            error={joinError()}
            ref={(el) => (joinAlert = el)}
          />
          <Show when={isClinician()}>
            <p>
              <A href={`/sessions/${session().id}`} class="link-standalone">
                Back to the session's details
              </A>
            </p>
          </Show>
        </Show>
        <Show
          when={
            !(joinError() instanceof ApiError && (joinError() as ApiError).code === 'not_allowed')
          }
        >
          <Button pending={joining()} pendingLabel="Joining…" onClick={() => void join()}>
            Join
          </Button>
        </Show>
      </section>
    </>
  )
}

function ToggleButton(props: { label: string; pressed: boolean; onClick: () => void }) {
  return (
    <button
      type="button"
      class="button button-secondary toggle"
      aria-pressed={props.pressed ? 'true' : 'false'}
      onClick={() => props.onClick()}
    >
      {props.label}
      <span class="toggle-state" aria-hidden="true">
        {props.pressed ? 'On' : 'Off'}
      </span>
    </button>
  )
}

type DeviceSelectProps = {
  label: string
  devices: MediaDeviceInfo[]
  value: string | undefined
  fallbackName: string
  onChange: (deviceId: string | undefined) => void
}

function DeviceSelect(props: DeviceSelectProps) {
  const id = `select-${props.fallbackName.toLowerCase()}`
  return (
    <Show when={props.devices.length > 1}>
      <div class="device-select">
        <label class="field-label" for={id}>
          {props.label}
        </label>
        <select
          id={id}
          class="input select"
          onChange={(event) => props.onChange(event.currentTarget.value || undefined)}
        >
          <For each={props.devices}>
            {(device, index) => (
              <option value={device.deviceId} selected={device.deviceId === props.value}>
                {device.label || `${props.fallbackName} ${index() + 1}`}
              </option>
            )}
          </For>
        </select>
      </div>
    </Show>
  )
}

function MediaProblem(props: { error: unknown; what: string; onRetry: () => void }) {
  const message = () => mediaErrorMessage(props.error, props.what)
  return (
    <div class="notice" role="alert">
      <p class="notice-title">{message().title}</p>
      <p>{message().help}</p>
      <Button variant="secondary" onClick={() => props.onRetry()}>
        Try again
      </Button>
    </div>
  )
}
