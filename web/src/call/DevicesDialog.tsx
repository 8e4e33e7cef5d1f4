// Switching camera, microphone or speaker during the call; the choice is remembered for a rejoin.
import { Room } from 'livekit-client'
import { createEffect, createSignal, For, Show } from 'solid-js'
import { mediaErrorMessage, setDeviceChoice } from '../devices/choices'
import { Button } from '../ui/Button'
import { Dialog } from '../ui/Dialog'

export function DevicesDialog(props: { room: Room; open: boolean; onClose: () => void }) {
  const [devices, setDevices] = createSignal<MediaDeviceInfo[]>([])
  const [error, setError] = createSignal<unknown>()

  createEffect(() => {
    if (!props.open) return
    void Room.getLocalDevices(undefined, false)
      .then(setDevices)
      .catch(() => setDevices([]))
  })

  async function choose(kind: MediaDeviceKind, deviceId: string) {
    setError(undefined)
    try {
      await props.room.switchActiveDevice(kind, deviceId)
      if (kind === 'videoinput') setDeviceChoice('cameraId', deviceId)
      if (kind === 'audioinput') setDeviceChoice('micId', deviceId)
      if (kind === 'audiooutput') setDeviceChoice('speakerId', deviceId)
    } catch (err) {
      setError(err)
    }
  }

  const kinds: { kind: MediaDeviceKind; label: string; name: string }[] = [
    { kind: 'videoinput', label: 'Camera', name: 'Camera' },
    { kind: 'audioinput', label: 'Microphone', name: 'Microphone' },
    { kind: 'audiooutput', label: 'Speaker', name: 'Speaker' },
  ]

  return (
    <Dialog open={props.open} title="Devices" onCancel={() => props.onClose()}>
      <For each={kinds}>
        {(k) => {
          const list = () => devices().filter((d) => d.kind === k.kind && d.deviceId)
          const canSwitch = () =>
            k.kind !== 'audiooutput' || 'setSinkId' in HTMLMediaElement.prototype
          return (
            <Show when={list().length > 0 && canSwitch()}>
              <div class="field">
                <label class="field-label" for={`call-${k.kind}`}>
                  {k.label}
                </label>
                <select
                  id={`call-${k.kind}`}
                  class="input select"
                  onChange={(event) => void choose(k.kind, event.currentTarget.value)}
                >
                  <For each={list()}>
                    {(device, index) => (
                      <option
                        value={device.deviceId}
                        selected={device.deviceId === props.room.getActiveDevice(k.kind)}
                      >
                        {device.label || `${k.name} ${index() + 1}`}
                      </option>
                    )}
                  </For>
                </select>
              </div>
            </Show>
          )
        }}
      </For>
      <Show when={error()}>
        {(err) => (
          <p class="field-error" role="alert">
            {mediaErrorMessage(err(), 'device').title}
          </p>
        )}
      </Show>
      <div class="actions">
        <Button onClick={() => props.onClose()}>Done</Button>
      </div>
    </Dialog>
  )
}
