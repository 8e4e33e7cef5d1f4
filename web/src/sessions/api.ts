import { query } from '@solidjs/router'
import * as z from 'zod'
import { SessionSummary } from '../../../shared/sessions'
import { call } from '../lib/api'

export type SessionScope = 'upcoming' | 'past'

export const listMySessions = query(
  (scope: SessionScope) => call('GET', `/sessions?scope=${scope}`, z.array(SessionSummary)),
  'my-sessions'
)
