import { describe, expect, it } from 'vitest'
import type { SessionEvent } from '../../../shared/events'
import type { SessionDetail } from '../../../shared/sessions'
import { noteForEvent } from '../../../web/src/call/in-call-notes'

const person = (id: string, displayName: string, role: 'host' | 'specialist' | 'patient') => ({
  id,
  role,
  displayName,
  discipline: null,
  clinicianId: role === 'patient' ? null : `clinician-${id}`,
  joinsByLink: role === 'patient',
})

const detail: SessionDetail = {
  id: 'session-1',
  kind: 'joint_session',
  patientId: 'patient-1',
  patientName: 'Sam Rivera',
  startsAt: '2026-11-27T13:00:00.000Z',
  durationMinutes: 60,
  agenda: '',
  status: 'live',
  participants: [
    person('me', 'Dr Ada Host', 'host'),
    person('uro', 'Dr Lee Urology', 'specialist'),
    person('sam', 'Sam Rivera', 'patient'),
  ],
  myParticipantId: 'me',
  isHost: true,
}

const removed = (participantId: string, reason: 'removed' | 'consent_withdrawn' | 'stepped_out') =>
  ({
    type: 'admission.removed',
    sessionId: 'session-1',
    participantId,
    reason,
  }) satisfies SessionEvent

const granted = (participantId: string) =>
  ({ type: 'admission.granted', sessionId: 'session-1', participantId }) satisfies SessionEvent

describe('the note an event puts in the call', () => {
  it("says plainly who left by the patient's choice, for everyone", () => {
    const withdrawn = {
      kind: 'withdrawn',
      text: 'Dr Lee Urology has left the call: Sam Rivera withdrew consent for them to take part.',
    }
    expect(noteForEvent(removed('uro', 'consent_withdrawn'), detail, true)).toEqual(withdrawn)
    expect(noteForEvent(removed('uro', 'consent_withdrawn'), detail, false)).toEqual(withdrawn)
  })

  it('says nothing for a removal by a host or a step-out', () => {
    expect(noteForEvent(removed('uro', 'removed'), detail, true)).toBeUndefined()
    expect(noteForEvent(removed('sam', 'stepped_out'), detail, true)).toBeUndefined()
  })

  it('tells hosts, and only hosts, who was let in', () => {
    expect(noteForEvent(granted('sam'), detail, true)).toEqual({
      kind: 'let-in',
      text: 'Sam Rivera was let in.',
    })
    expect(noteForEvent(granted('sam'), detail, false)).toBeUndefined()
  })

  it('says nothing about oneself, someone unknown, or before the session has loaded', () => {
    expect(noteForEvent(granted('me'), detail, true)).toBeUndefined()
    expect(noteForEvent(removed('me', 'consent_withdrawn'), detail, true)).toBeUndefined()
    expect(noteForEvent(granted('nobody'), detail, true)).toBeUndefined()
    expect(noteForEvent(granted('sam'), undefined, true)).toBeUndefined()
  })

  it('ignores other events and missed ones', () => {
    expect(
      noteForEvent(
        { type: 'session.ended', sessionId: 'session-1' } satisfies SessionEvent,
        detail,
        true
      )
    ).toBeUndefined()
    expect(noteForEvent(undefined, detail, true)).toBeUndefined()
  })
})
