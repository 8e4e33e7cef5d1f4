// Patients hold minimal identifying data; clinical content lives in later features.
import * as z from 'zod'
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

export const Patient = PatientSummary.extend({
  email: z.string().nullable(),
  careTeam: z.array(CareTeamMember),
})
export type Patient = z.infer<typeof Patient>

const CareTeamChoice = Payload({ clinicianId: Id, isCareNavigator: z.boolean().default(false) })

export const CreatePatientInput = Payload({
  displayName: Line(120).min(1, 'Enter the patient’s name.'),
  dateOfBirth: DateOfBirth,
  email: z.email({ message: 'Enter a valid email address.' }).max(254).nullable().default(null),
  careTeam: z.array(CareTeamChoice).max(30).default([]),
})
export type CreatePatientInput = z.infer<typeof CreatePatientInput>

export const UpdatePatientInput = Payload({
  displayName: Line(120).min(1, 'Enter the patient’s name.'),
  dateOfBirth: DateOfBirth,
  email: z.email().max(254).nullable(),
})
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change.' })
export type UpdatePatientInput = z.infer<typeof UpdatePatientInput>

export const SetCareTeamInput = Payload({
  members: z
    .array(CareTeamChoice)
    .max(30)
    .refine((m) => m.filter((x) => x.isCareNavigator).length <= 1, {
      message: 'A patient has at most one care navigator.',
    }),
})
export type SetCareTeamInput = z.infer<typeof SetCareTeamInput>
