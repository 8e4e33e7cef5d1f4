// The one line of news the call shows (a person let in, someone taken out by the patient's choice, what a control
// did) and the last action's error, in place of whatever came before.
import { createSignal } from 'solid-js'
import type { SessionEvent } from '../../../shared/events'
import type { Id } from '../../../shared/ids'
import type { SessionDetail } from '../../../shared/sessions'
import { playTestTone } from '../devices/test-tone'
import { onSessionEvents } from '../lib/events'

/** What an event tells the others in the call: 'let-in' chimes for hosts, 'withdrawn' replaces any error. */
export type InCallNote = { kind: 'withdrawn' | 'let-in'; text: string }

export function noteForEvent(
  event: SessionEvent | undefined,
  detail: SessionDetail | undefined,
  isHost: boolean
): InCallNote | undefined {
  if (event?.type !== 'admission.removed' && event?.type !== 'admission.granted') return undefined
  const person = detail?.participants.find((p) => p.id === event.participantId)
  if (!person || person.id === detail?.myParticipantId) return undefined
  // Someone taken out by the patient's choice: say so plainly.
  if (event.type === 'admission.removed') {
    if (event.reason !== 'consent_withdrawn') return undefined
    const text =
      `${person.displayName} has left the call: ${detail?.patientName ?? 'the patient'} ` +
      'withdrew consent for them to take part.'
    return { kind: 'withdrawn', text }
  }
  // Hosts hear a chime and read who was let in, so a person let in from the waiting room is noticed.
  if (!isHost) return undefined
  return { kind: 'let-in', text: `${person.displayName} was let in.` }
}

export function createInCallNotes(
  sessionId: Id,
  detail: () => SessionDetail | undefined,
  isHost: () => boolean
) {
  const [note, setNote] = createSignal<string>()
  const [error, setError] = createSignal<unknown>()
  onSessionEvents(sessionId, (event) => {
    const next = noteForEvent(event, detail(), isHost())
    if (!next) return
    if (next.kind === 'withdrawn') setError(undefined)
    setNote(next.text)
    if (next.kind === 'let-in') void playTestTone().catch(() => undefined)
  })
  return { note, setNote, error, setError }
}
