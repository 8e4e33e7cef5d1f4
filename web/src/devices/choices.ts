// What the person chose on the device check, for the call page to use. Memory only: a reload asks again.
import { createSignal } from 'solid-js'

export type DeviceChoices = {
  cameraOn: boolean
  micOn: boolean
  /** undefined: the browser's default device. */
  cameraId: string | undefined
  micId: string | undefined
  speakerId: string | undefined
}

const [deviceChoices, setChoices] = createSignal<DeviceChoices>({
  cameraOn: true,
  micOn: true,
  cameraId: undefined,
  micId: undefined,
  speakerId: undefined,
})

export { deviceChoices }

export function setDeviceChoice<K extends keyof DeviceChoices>(key: K, value: DeviceChoices[K]) {
  setChoices((current) => ({ ...current, [key]: value }))
}

/** What to tell someone when the browser refuses a camera or microphone, by the error's name. */
export function mediaErrorMessage(error: unknown, what: string): { title: string; help: string } {
  const name = error instanceof DOMException || error instanceof Error ? error.name : ''
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return {
        title: `Your browser is blocking the ${what}.`,
        help:
          'To allow it, select the camera or lock icon at the left of the address bar, set Camera and ' +
          'Microphone to Allow, then press Try again. On a phone you may need to allow it in the settings ' +
          'for your browser. You can also join without them.',
      }
    case 'NotFoundError':
    case 'OverconstrainedError':
      return {
        title: `We couldn't find a ${what}.`,
        help: 'You can still join without it. If you connect one, press Try again.',
      }
    case 'NotReadableError':
    case 'AbortError':
      return {
        title: `Your ${what} is busy or not working.`,
        help:
          'Close other apps or tabs that might be using it, then press Try again. ' +
          'You can also join without it.',
      }
    default:
      return {
        title: `We couldn't start your ${what}.`,
        help: 'Press Try again. You can also join without it.',
      }
  }
}
