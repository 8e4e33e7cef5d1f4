import * as z from 'zod'
import { AccountRole, Discipline } from './enums'
import { Id } from './ids'
import { Line, Payload } from './input'

const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Enter a valid email address.' }))
  .pipe(z.string().max(254))

export const SignInInput = Payload({
  email: Email,
  password: z.string().min(1, 'Enter your password.').max(200),
})
export type SignInInput = z.infer<typeof SignInInput>

export const Clinician = z.object({
  id: Id,
  email: z.string(),
  displayName: z.string(),
  discipline: Discipline,
  role: AccountRole,
  active: z.boolean(),
})
export type Clinician = z.infer<typeof Clinician>

/** Who is signed in, as the web sees it. */
export const Me = z.object({
  clinician: Clinician,
  idleTimeoutSeconds: z.number().int().positive(),
})
export type Me = z.infer<typeof Me>

export const CreateClinicianInput = Payload({
  email: Email,
  displayName: Line(120).min(1, 'Enter a name.'),
  discipline: Discipline,
  role: AccountRole.default('clinician'),
  password: z
    .string()
    .min(12, 'Use at least 12 characters for the password.')
    .max(200, 'Use at most 200 characters for the password.'),
})
export type CreateClinicianInput = z.infer<typeof CreateClinicianInput>

export const UpdateClinicianInput = Payload({
  displayName: Line(120).min(1, 'Enter a name.'),
  discipline: Discipline,
  role: AccountRole,
  active: z.boolean(),
})
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change.' })
export type UpdateClinicianInput = z.infer<typeof UpdateClinicianInput>
