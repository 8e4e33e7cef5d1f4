// Sessions, their participants and personal links as the server answers them. What people send to schedule, change
// a session, invite someone or open a link is in ./session-inputs.ts: every page loads this module, few send those.
import { z } from './zod'
import { Discipline, Role, SessionKind } from './enums'
import { Id } from './ids'
import { Instant } from './input'

export const SessionStatus = z.enum(['scheduled', 'live', 'ended', 'cancelled'])
export type SessionStatus = z.infer<typeof SessionStatus>

export const SessionSummary = z.object({
  id: Id,
  kind: SessionKind,
  patientId: Id,
  patientName: z.string(),
  startsAt: Instant,
  durationMinutes: z.number().check(z.int(), z.positive()),
  agenda: z.string(),
  status: SessionStatus,
})
export type SessionSummary = z.infer<typeof SessionSummary>

export const Participant = z.object({
  id: Id,
  role: Role,
  displayName: z.string(),
  discipline: z.nullable(Discipline),
  clinicianId: z.nullable(Id),
  /** Whether this person joins with a personal link (everyone who is not a signed-in clinician). */
  joinsByLink: z.boolean(),
})
export type Participant = z.infer<typeof Participant>

export const SessionDetail = z.extend(SessionSummary, {
  participants: z.array(Participant),
  /** The caller's own participant id in this session, if they take part. */
  myParticipantId: z.nullable(Id),
  isHost: z.boolean(),
})
export type SessionDetail = z.infer<typeof SessionDetail>

/** A personal link, shown once when it is made (only its hash is stored). */
export const InvitationLink = z.object({
  participantId: Id,
  displayName: z.string(),
  role: Role,
  url: z.string(),
  expiresAt: Instant,
})
export type InvitationLink = z.infer<typeof InvitationLink>

export const AddedParticipant = z.object({
  participant: Participant,
  /** The new person's personal link, shown once; null for a clinician with an account. */
  link: z.nullable(InvitationLink),
})

export const ScheduledSession = z.object({ session: SessionDetail, links: z.array(InvitationLink) })
export type ScheduledSession = z.infer<typeof ScheduledSession>

export const SessionParams = z.object({ sessionId: Id })
export const ParticipantParams = z.object({ sessionId: Id, participantId: Id })

/** What a person who joined by link learns about themselves and the session. */
export const GuestMe = z.object({
  participantId: Id,
  sessionId: Id,
  role: Role,
  displayName: z.string(),
})
export type GuestMe = z.infer<typeof GuestMe>
