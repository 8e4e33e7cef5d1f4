import * as z from 'zod'
import { Discipline, Role } from './enums'
import { Id } from './ids'

/** Team-conference billing codes need at least this many attended minutes per clinician (DOMAIN.md). */
export const TEAM_CONFERENCE_MINIMUM_MINUTES = 30

export const AttendanceLine = z.object({
  participantId: Id,
  displayName: z.string(),
  role: Role,
  discipline: Discipline.nullable(),
  attendedMinutes: z.number().nonnegative(),
  firstJoinedAt: z.iso.datetime({ offset: true }).nullable(),
  lastLeftAt: z.iso.datetime({ offset: true }).nullable(),
  /** Clinicians only: whether their attended time meets the team-conference minimum. */
  meetsTeamConferenceMinimum: z.boolean().nullable(),
})
export type AttendanceLine = z.infer<typeof AttendanceLine>

export const AttendanceSummary = z.object({
  sessionId: Id,
  /** From the first join to the last leave, in minutes. */
  durationMinutes: z.number().nonnegative(),
  lines: z.array(AttendanceLine),
})
export type AttendanceSummary = z.infer<typeof AttendanceSummary>
