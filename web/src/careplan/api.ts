import { PlanVersionSummary, PlanView, VersionComparison } from '../../../shared/careplan'
import type { Id } from '../../../shared/ids'
import { call } from '../lib/api'

const base = (patientId: Id) => `/patients/${encodeURIComponent(patientId)}/careplan`
const inSession = (sessionId: Id | undefined): string =>
  sessionId ? `?sessionId=${encodeURIComponent(sessionId)}` : ''

export const fetchPlan = (patientId: Id, sessionId?: Id) =>
  call('GET', `${base(patientId)}${inSession(sessionId)}`, PlanView)

export const saveVersion = (patientId: Id) =>
  call('POST', `${base(patientId)}/versions`, PlanVersionSummary)

export function compareVersion(patientId: Id, versionId: Id, sessionId?: Id, from?: Id) {
  const query = new URLSearchParams()
  if (sessionId) query.set('sessionId', sessionId)
  if (from) query.set('from', from)
  const q = query.size ? `?${query}` : ''
  return call(
    'GET',
    `${base(patientId)}/versions/${encodeURIComponent(versionId)}/comparison${q}`,
    VersionComparison
  )
}
