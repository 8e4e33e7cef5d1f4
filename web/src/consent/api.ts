import { query } from '@solidjs/router'
import * as z from 'zod/mini'
import { ConsentOverview, ConsentTemplate } from '../../../shared/consent'
import type {
  GiveConsentInput,
  RecordPatientConsentInput,
  WithdrawInput,
} from '../../../shared/consent-inputs'
import type { Id } from '../../../shared/ids'
import { NoContent, call } from '../lib/api'

const path = (sessionId: string, rest = '') =>
  `/sessions/${encodeURIComponent(sessionId)}/consent${rest}`

export function fetchConsent(sessionId: Id) {
  return call('GET', path(sessionId), ConsentOverview)
}

export const getConsent = query(fetchConsent, 'consent')

export function giveConsent(sessionId: Id, input: GiveConsentInput) {
  return call('POST', path(sessionId), NoContent, input)
}

export function recordPatientConsent(sessionId: Id, input: RecordPatientConsentInput) {
  return call('POST', path(sessionId, '/recorded'), NoContent, input)
}

export function withdrawConsent(sessionId: Id, input: WithdrawInput) {
  return call('POST', path(sessionId, '/withdrawals'), NoContent, input)
}

/** A host asks the patient, mid-session, whether someone not yet covered may join. */
export function requestDropIn(sessionId: Id, participantId: Id) {
  return call('POST', path(sessionId, '/requests'), z.object({ id: z.string() }), { participantId })
}

export function decideDropIn(
  sessionId: Id,
  requestId: Id,
  decision: 'approved' | 'declined',
  categories: string[]
) {
  return call('POST', path(sessionId, `/requests/${encodeURIComponent(requestId)}`), NoContent, {
    decision,
    categories,
  })
}

export const listConsentTemplates = query(
  () => call('GET', '/consent-templates', z.array(ConsentTemplate)),
  'consent-templates'
)
