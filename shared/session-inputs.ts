// What people send about sessions: a host schedules one, changes it or invites someone to it; a guest opens their
// personal link. Request bodies only, apart from ./sessions.ts (what the server answers), which every page loads: the
// web imports this module only in the forms that check these before sending (scheduling, inviting), and the server
// validates every one of them.
import { z } from './zod'
import { Discipline, SessionKind } from './enums'
import { Id } from './ids'
import { DateOfBirth, Line, Payload, SessionStart, Text, Token } from './input'

const PersonName = Line(120).check(z.minLength(1, 'Enter a name.'))
/** Longest agenda; the web form uses the same limit. */
export const AGENDA_MAX = 2000
const Email = z.email({ message: 'Enter a valid email address.' }).check(z.maxLength(254))

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

export const ExchangeInvitationInput = Payload({
  sessionId: Id,
  secret: Token(20, 100),
  dateOfBirth: z.optional(DateOfBirth),
})
export type ExchangeInvitationInput = z.infer<typeof ExchangeInvitationInput>
