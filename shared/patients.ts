// Patients hold minimal identifying data; clinical content lives in later features.
import { z } from './zod'
import { Discipline } from './enums'
import { Id } from './ids'
import { DateOfBirth, Line, Payload } from './input'

const IsoDate = z.iso.date({ message: 'Use a date like 1980-04-23.' })

export const CareTeamMember = z.object({
  clinicianId: Id,
  displayName: z.string(),
  discipline: Discipline,
  isCareNavigator: z.boolean(),
})
export type CareTeamMember = z.infer<typeof CareTeamMember>

export const PatientSummary = z.object({
  id: Id,
  displayName: z.string(),
  dateOfBirth: IsoDate,
})
export type PatientSummary = z.infer<typeof PatientSummary>

export const Patient = z.extend(PatientSummary, {
  email: z.nullable(z.string()),
  careTeam: z.array(CareTeamMember),
})
export type Patient = z.infer<typeof Patient>

const CareTeamChoice = Payload({ clinicianId: Id, isCareNavigator: z._default(z.boolean(), false) })

export const CreatePatientInput = Payload({
  displayName: Line(120).check(z.minLength(1, 'Enter the patient’s name.')),
  dateOfBirth: DateOfBirth,
  email: z._default(
    z.nullable(z.email({ message: 'Enter a valid email address.' }).check(z.maxLength(254))),
    null
  ),
  careTeam: z._default(z.array(CareTeamChoice).check(z.maxLength(30)), []),
})
export type CreatePatientInput = z.infer<typeof CreatePatientInput>

export const UpdatePatientInput = z
  .partial(
    Payload({
      displayName: Line(120).check(z.minLength(1, 'Enter the patient’s name.')),
      dateOfBirth: DateOfBirth,
      email: z.nullable(z.email().check(z.maxLength(254))),
    })
  )
  .check(z.refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change.' }))
export type UpdatePatientInput = z.infer<typeof UpdatePatientInput>

export const SetCareTeamInput = Payload({
  members: z.array(CareTeamChoice).check(
    z.maxLength(30),
    z.refine((m) => m.filter((x) => x.isCareNavigator).length <= 1, {
      message: 'A patient has at most one care navigator.',
    })
  ),
})
export type SetCareTeamInput = z.infer<typeof SetCareTeamInput>
