// The safety-alert calls, apart from the rest of outcomes/api.ts: the signed-in shell's banner uses only these, and
// a module of their own keeps the other outcome schemas out of every signed-in page's first load.
import { query } from '@solidjs/router'
import * as z from 'zod/mini'
import type { Id } from '../../../shared/ids'
import { SafetyAlert } from '../../../shared/safety-alerts'
import { call, NoContent } from '../lib/api'

export const listOpenAlerts = query(
  () => call('GET', '/safety-alerts', z.array(SafetyAlert)),
  'safety-alerts'
)

export const closeAlert = (alertId: Id, note: string) =>
  call('POST', `/safety-alerts/${encodeURIComponent(alertId)}/closure`, NoContent, { note })
