import { z } from './zod'
import { Discipline, Role } from './enums'
import { Id } from './ids'

/** Team-conference billing codes need at least this many attended minutes per clinician (DOMAIN.md). */
export const TEAM_CONFERENCE_MINIMUM_MINUTES = 30

export const AttendanceLine = z.object({
  participantId: Id,
  displayName: z.string(),
  role: Role,
  discipline: z.nullable(Discipline),
  attendedMinutes: z.number().check(z.nonnegative()),
  firstJoinedAt: z.nullable(z.iso.datetime({ offset: true })),
  lastLeftAt: z.nullable(z.iso.datetime({ offset: true })),
  /** Clinicians only: whether their attended time meets the team-conference minimum. */
  meetsTeamConferenceMinimum: z.nullable(z.boolean()),
})
export type AttendanceLine = z.infer<typeof AttendanceLine>

export const AttendanceSummary = z.object({
  sessionId: Id,
  /** From the first join to the last leave, in minutes. */
  durationMinutes: z.number().check(z.nonnegative()),
  lines: z.array(AttendanceLine),
})
export type AttendanceSummary = z.infer<typeof AttendanceSummary>
