// Sessions: scheduling, participants and invitations.
import { z } from './zod'
import { Discipline, Role, SessionKind } from './enums'
import { Id } from './ids'
import { DateOfBirth, Instant, Line, Payload, SessionStart, Text, Token } from './input'

export const SessionStatus = z.enum(['scheduled', 'live', 'ended', 'cancelled'])
export type SessionStatus = z.infer<typeof SessionStatus>

const PersonName = Line(120).check(z.minLength(1, 'Enter a name.'))
/** Longest agenda; the web form uses the same limit. */
export const AGENDA_MAX = 2000
const Email = z.email({ message: 'Enter a valid email address.' }).check(z.maxLength(254))

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

export const SpecialistInvite = Payload({
  displayName: PersonName,
  email: Email,
  discipline: Discipline,
})
export const PartnerInvite = Payload({
  displayName: PersonName,
  email: z._default(z.nullable(Email), null),
})

export const ScheduleSessionInput = Payload({
  kind: SessionKind,
  patientId: Id,
  startsAt: SessionStart,
  durationMinutes: z
    .number()
    .check(
      z.int(),
      z.gte(10, 'A session lasts at least 10 minutes.'),
      z.lte(240, 'A session lasts at most 4 hours.')
    ),
  agenda: z._default(Text(AGENDA_MAX), ''),
  /** Care-team clinicians who host; the scheduler hosts when none is named. */
  hostIds: z._default(z.array(Id).check(z.maxLength(5)), []),
  /** Other care-team clinicians invited. */
  clinicianIds: z._default(z.array(Id).check(z.maxLength(20)), []),
  specialists: z._default(z.array(SpecialistInvite).check(z.maxLength(5)), []),
  invitePatient: z._default(z.boolean(), false),
  partner: z._default(z.nullable(PartnerInvite), null),
}).check(
  z.superRefine((v, ctx) => {
    if (v.kind === 'case_conference' && (v.invitePatient || v.partner)) {
      ctx.addIssue({
        code: 'custom',
        path: ['kind'],
        message:
          'In a case conference the patient is discussed, not invited. Choose a joint session to invite them.',
      })
    }
    if (v.partner && !v.invitePatient) {
      ctx.addIssue({
        code: 'custom',
        path: ['partner'],
        message: 'A partner joins together with the patient: invite the patient too.',
      })
    }
    if (
      new Set([...v.hostIds, ...v.clinicianIds]).size !==
      v.hostIds.length + v.clinicianIds.length
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['clinicianIds'],
        message: 'Each clinician is invited once, as host or as participant.',
      })
    }
  })
)
export type ScheduleSessionInput = z.infer<typeof ScheduleSessionInput>

export const UpdateSessionInput = z
  .partial(
    Payload({
      startsAt: SessionStart,
      durationMinutes: z.number().check(z.int(), z.gte(10), z.lte(240)),
      agenda: Text(AGENDA_MAX),
    })
  )
  .check(z.refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change.' }))
export type UpdateSessionInput = z.infer<typeof UpdateSessionInput>

/** A host invites someone after scheduling, e.g. a specialist dropping in mid-session. */
export const AddParticipantInput = z.union([
  Payload({ specialist: SpecialistInvite }),
  Payload({ clinicianId: Id }),
])
export type AddParticipantInput = z.infer<typeof AddParticipantInput>

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

export const ExchangeInvitationInput = Payload({
  sessionId: Id,
  secret: Token(20, 100),
  dateOfBirth: z.optional(DateOfBirth),
})
export type ExchangeInvitationInput = z.infer<typeof ExchangeInvitationInput>

/** What a person who joined by link learns about themselves and the session. */
export const GuestMe = z.object({
  participantId: Id,
  sessionId: Id,
  role: Role,
  displayName: z.string(),
})
export type GuestMe = z.infer<typeof GuestMe>
