// Before joining: see yourself, hear that the microphone works, play a test sound, and check the video service.
// Uses the browser's media APIs directly: livekit-client loads only with the call page.
import { createSignal, onCleanup, onMount, Show } from 'solid-js'
import { sessionKindLabel } from '../../../shared/enums'
import { formatDateTime, formatDuration } from '../lib/format'
import { usePreCall } from '../sessions/PreCallLayout'
import { Button } from '../ui/Button'
import { PageHeader } from '../ui/PageHeader'
import { createCameraPreview, hasMedia } from './camera'
import { deviceChoices, setDeviceChoice } from './choices'
import { DeviceSelect, MediaProblem, ToggleButton } from './DeviceControls'
import { JoinPanel } from './JoinPanel'
import { createMicrophoneLevel } from './microphone'
import { ServicePanel } from './ServicePanel'
import { playTestTone } from './test-tone'

export default function DeviceCheckPage() {
  const { session, me, isClinician } = usePreCall()
  const camera = createCameraPreview()
  const mic = createMicrophoneLevel()
  const [devices, setDevices] = createSignal<MediaDeviceInfo[]>([])
  const [toneStatus, setToneStatus] = createSignal<string>()
  const canChooseSpeaker = 'setSinkId' in HTMLMediaElement.prototype

  async function listDevices() {
    try {
      setDevices(await navigator.mediaDevices.enumerateDevices())
    } catch {
      setDevices([])
    }
  }

  const devicesOf = (kind: MediaDeviceKind) =>
    devices().filter((d) => d.kind === kind && d.deviceId)

  // Both at once first, so the browser asks for permission once.
  async function startBoth() {
    camera.setError(undefined)
    mic.setError(undefined)
    if (!hasMedia()) {
      const unsupported = new DOMException('No media devices', 'NotSupportedError')
      camera.setError(unsupported)
      mic.setError(unsupported)
      return
    }
    if (deviceChoices().cameraOn && deviceChoices().micOn) {
      camera.stop()
      mic.stop()
      try {
        const stream = await navigator.mediaDevices.getUserMedia({
          video: camera.constraints(),
          audio: mic.constraints(),
        })
        camera.adopt(stream.getVideoTracks()[0])
        mic.adopt(stream.getAudioTracks()[0])
      } catch (error) {
        const name = error instanceof Error ? error.name : ''
        if (name === 'NotAllowedError' || name === 'SecurityError') {
          camera.setError(error)
          mic.setError(error)
        } else {
          // One of the two may still work on its own (no camera, a busy camera…).
          await camera.start()
          await mic.start()
        }
      }
    } else {
      await camera.start()
      await mic.start()
    }
    await listDevices()
  }

  async function playTestSound() {
    setToneStatus(undefined)
    try {
      await playTestTone()
      setToneStatus('Playing a test sound… If you heard two notes, your sound works.')
    } catch {
      setToneStatus("We couldn't play a sound. Check that your device isn't muted.")
    }
  }

  async function toggleCamera() {
    setDeviceChoice('cameraOn', !deviceChoices().cameraOn)
    if (deviceChoices().cameraOn) await camera.start()
    else camera.stop()
    await listDevices()
  }

  async function toggleMicrophone() {
    setDeviceChoice('micOn', !deviceChoices().micOn)
    if (deviceChoices().micOn) await mic.start()
    else mic.stop()
    await listDevices()
  }

  onMount(() => {
    void startBoth()
    const onDeviceChange = () => void listDevices()
    navigator.mediaDevices?.addEventListener('devicechange', onDeviceChange)
    onCleanup(() => navigator.mediaDevices?.removeEventListener('devicechange', onDeviceChange))
  })

  onCleanup(() => {
    camera.dispose()
    mic.dispose()
  })

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
              ref={camera.setPreview}
              class="preview-video"
              classList={{ 'preview-video-hidden': !camera.track() }}
              aria-label="Your camera preview"
              muted
              playsinline
              autoplay
            />
            <Show when={!camera.track()}>
              <p class="preview-placeholder">
                {deviceChoices().cameraOn ? 'Starting your camera…' : 'Your camera is off.'}
              </p>
            </Show>
          </div>
          <Show when={camera.error()}>
            {(error) => (
              <MediaProblem error={error()} what="camera" onRetry={() => void camera.start()} />
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
                void camera.start()
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
            value={mic.level()}
            aria-valuetext={`${Math.round(mic.level() * 100)} percent`}
          />
          <p class="muted">
            <Show
              when={mic.track()}
              fallback={
                deviceChoices().micOn ? 'Starting your microphone…' : 'Your microphone is off.'
              }
            >
              {mic.heard()
                ? 'We can hear you.'
                : 'Say something: the bar moves when we can hear you.'}
            </Show>
          </p>
          <Show when={mic.error()}>
            {(error) => (
              <MediaProblem error={error()} what="microphone" onRetry={() => void mic.start()} />
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
                void mic.start()
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

        <ServicePanel />
      </div>

      <JoinPanel
        session={session()}
        me={me()}
        isClinician={isClinician()}
        onLeaving={() => {
          camera.stop()
          mic.stop()
        }}
      />
    </>
  )
}
