// Steps of joining a call that need none of its state: publishing the chosen devices, and waiting on a promise
// without throwing.
import type { Room } from 'livekit-client'
import { deviceChoices, mediaErrorMessage } from '../devices/choices'

/** Turns on the microphone and camera as chosen at the device check; says what failed, if anything did. */
export async function publishChoices(room: Room): Promise<string | undefined> {
  const problems: string[] = []
  const tryPublish = async (enabled: boolean, run: () => Promise<unknown>, what: string) => {
    if (!enabled) return
    try {
      await run()
    } catch (error) {
      problems.push(mediaErrorMessage(error, what).title)
    }
  }
  const me = room.localParticipant
  await tryPublish(deviceChoices().micOn, () => me.setMicrophoneEnabled(true), 'microphone')
  await tryPublish(deviceChoices().cameraOn, () => me.setCameraEnabled(true), 'camera')
  if (!problems.length) return undefined
  return (
    `${problems.join(' ')} Others can't see or hear you until it works. ` +
    'You can try again with the buttons below.'
  )
}

/** The promise's outcome as a value, so a failure can be looked at later instead of thrown. */
export function settle<T>(
  promise: Promise<T>
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error })
  )
}
