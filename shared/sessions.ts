import * as z from 'zod'
import { SessionKind } from './enums'
import { Id } from './ids'

export const SessionStatus = z.enum(['scheduled', 'live', 'ended', 'cancelled'])
export type SessionStatus = z.infer<typeof SessionStatus>

export const SessionSummary = z.object({
  id: Id,
  kind: SessionKind,
  patientId: Id,
  patientName: z.string(),
  startsAt: z.iso.datetime({ offset: true }),
  durationMinutes: z.number().int().positive(),
  agenda: z.string(),
  status: SessionStatus,
})
export type SessionSummary = z.infer<typeof SessionSummary>
