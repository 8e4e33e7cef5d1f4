import { DisconnectReason } from 'livekit-client'
import { describe, expect, it } from 'vitest'
import type { MyStatus } from '../../../shared/admission'
import {
  phaseAfterRemoval,
  phaseBlockingJoin,
  phaseForDisconnect,
  phaseForRemoval,
  phaseOnRecheck,
  titleFor,
} from '../../../web/src/call/phase'

const status = (overrides: Partial<MyStatus>): MyStatus => ({
  sessionId: 'session-1',
  participantId: 'participant-1',
  role: 'clinician',
  state: 'admitted',
  sessionStatus: 'live',
  hostPresent: true,
  leftBecause: null,
  message: null,
  seenByHost: false,
  mediaUrl: null,
  ...overrides,
})

describe('the call phase a status blocks joining with', () => {
  it.each(['ended', 'cancelled'] as const)('is ended when the session is %s', (sessionStatus) => {
    expect(phaseBlockingJoin(status({ sessionStatus, state: 'admitted' }))).toBe('ended')
  })

  it('is removed or denied for a person a host removed or declined', () => {
    expect(phaseBlockingJoin(status({ state: 'removed' }))).toBe('removed')
    expect(phaseBlockingJoin(status({ state: 'denied' }))).toBe('denied')
  })

  it.each(['admitted', 'waiting', 'not_arrived', 'stepped_out', 'left'] as const)(
    'is none for someone %s, who may be here',
    (state) => {
      expect(phaseBlockingJoin(status({ state }))).toBeUndefined()
    }
  )
})

describe('the call phase after LiveKit says "removed"', () => {
  it('is ended when the session is over, whatever the person', () => {
    expect(phaseAfterRemoval(status({ sessionStatus: 'ended', state: 'removed' }))).toBe('ended')
  })

  it('sends a stepped-out person back to the waiting room', () => {
    expect(phaseAfterRemoval(status({ state: 'stepped_out' }))).toBe('waiting')
  })

  it('tells a person uncovered by a withdrawn consent, apart from one who left', () => {
    expect(phaseAfterRemoval(status({ state: 'left', leftBecause: 'consent_withdrawn' }))).toBe(
      'uncovered'
    )
    expect(phaseAfterRemoval(status({ state: 'left', leftBecause: 'left' }))).toBe('left')
  })

  it('is a lost connection for someone still admitted', () => {
    expect(phaseAfterRemoval(status({ state: 'admitted' }))).toBe('lost')
  })

  it('is removed otherwise', () => {
    expect(phaseAfterRemoval(status({ state: 'removed' }))).toBe('removed')
    expect(phaseAfterRemoval(status({ state: 'denied' }))).toBe('removed')
  })
})

describe('the call phase after events may have been missed', () => {
  it('ends the call for a session over, a removal, a step-out or a withdrawn consent', () => {
    expect(phaseOnRecheck(status({ sessionStatus: 'cancelled' }))).toBe('ended')
    expect(phaseOnRecheck(status({ state: 'removed' }))).toBe('removed')
    expect(phaseOnRecheck(status({ state: 'stepped_out' }))).toBe('waiting')
    expect(phaseOnRecheck(status({ state: 'left', leftBecause: 'consent_withdrawn' }))).toBe(
      'uncovered'
    )
  })

  it('lets the call go on otherwise', () => {
    expect(phaseOnRecheck(status({ state: 'admitted' }))).toBeUndefined()
    expect(phaseOnRecheck(status({ state: 'left', leftBecause: 'left' }))).toBeUndefined()
    expect(phaseOnRecheck(status({ state: 'denied' }))).toBeUndefined()
  })
})

describe("the call phase for the server's removal event", () => {
  it.each([
    ['stepped_out', 'waiting'],
    ['consent_withdrawn', 'uncovered'],
    ['removed', 'removed'],
  ] as const)('maps %s to %s', (reason, phase) => {
    expect(phaseForRemoval(reason)).toBe(phase)
  })
})

describe("the call phase for LiveKit's disconnect reason", () => {
  it('asks the server when LiveKit says only "removed"', () => {
    expect(phaseForDisconnect(DisconnectReason.PARTICIPANT_REMOVED)).toBe('ask')
  })

  it('maps a deleted room to ended and a second window to duplicate', () => {
    expect(phaseForDisconnect(DisconnectReason.ROOM_DELETED)).toBe('ended')
    expect(phaseForDisconnect(DisconnectReason.DUPLICATE_IDENTITY)).toBe('duplicate')
  })

  it('shows nothing for a disconnect this window asked for', () => {
    expect(phaseForDisconnect(DisconnectReason.CLIENT_INITIATED)).toBeUndefined()
  })

  it.each([DisconnectReason.SIGNAL_CLOSE, DisconnectReason.STATE_MISMATCH, undefined])(
    'treats anything else (%s) as a lost connection',
    (reason) => {
      expect(phaseForDisconnect(reason)).toBe('lost')
    }
  )
})

describe('the tab title for a phase', () => {
  it('names the call and its end, and says "Call" otherwise', () => {
    expect(titleFor('in-call')).toBe('In a call')
    expect(titleFor('ended')).toBe('Session ended')
    expect(titleFor('connecting')).toBe('Call')
    expect(titleFor('lost')).toBe('Call')
  })
})
