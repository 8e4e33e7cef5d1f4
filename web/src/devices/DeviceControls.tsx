// Small controls of the device check: an on/off toggle, a device picker, and what to do when a device fails.
import { For, Show } from 'solid-js'
import { Button } from '../ui/Button'
import { mediaErrorMessage } from './choices'

export function ToggleButton(props: { label: string; pressed: boolean; onClick: () => void }) {
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

export function DeviceSelect(props: DeviceSelectProps) {
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

export function MediaProblem(props: { error: unknown; what: string; onRetry: () => void }) {
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
