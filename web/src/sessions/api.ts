// Sessions as every participant sees them, and the steps before the call. The app shell imports this module, so it
// stays small: hosts' tools live in host-api.ts, the waiting room's in
// admission/api.ts, the call's in call/api.ts.
import { query } from '@solidjs/router'
import * as z from 'zod/mini'
import type { Id } from '../../../shared/ids'
import { GuestMe, SessionDetail, SessionSummary } from '../../../shared/sessions'
import type { ExchangeInvitationInput } from '../../../shared/session-inputs'
import { call } from '../lib/api'

export type SessionScope = 'upcoming' | 'past'

export const sessionPath = (sessionId: string, rest = '') =>
  `/sessions/${encodeURIComponent(sessionId)}${rest}`

export const listMySessions = query(
  (scope: SessionScope) => call('GET', `/sessions?scope=${scope}`, z.array(SessionSummary)),
  'my-sessions'
)

export function fetchSession(sessionId: Id) {
  return call('GET', sessionPath(sessionId), SessionDetail)
}

export const getSession = query(fetchSession, 'session')

// People who join by link

export function exchangeInvitation(input: ExchangeInvitationInput) {
  return call('POST', '/invitations/exchange', GuestMe, input)
}

export function fetchGuestMe() {
  return call('GET', '/guest/me', GuestMe)
}
