import { z } from './zod'
import { AccountRole, Discipline } from './enums'
import { Line, Payload } from './input'

const Email = z.pipe(
  z.pipe(
    z.string().check(z.trim(), z.toLowerCase()),
    z.email({ message: 'Enter a valid email address.' })
  ),
  z.string().check(z.maxLength(254))
)

export const SignInInput = Payload({
  email: Email,
  password: z.string().check(z.minLength(1, 'Enter your password.'), z.maxLength(200)),
})
export type SignInInput = z.infer<typeof SignInInput>

// Who is signed in has its own module, so a page needing only that (the call) loads nothing else from here.
export { Clinician, Me } from './me'

export const CreateClinicianInput = Payload({
  email: Email,
  displayName: Line(120).check(z.minLength(1, 'Enter a name.')),
  discipline: Discipline,
  role: z._default(AccountRole, 'clinician'),
  password: z
    .string()
    .check(
      z.minLength(12, 'Use at least 12 characters for the password.'),
      z.maxLength(200, 'Use at most 200 characters for the password.')
    ),
})
export type CreateClinicianInput = z.infer<typeof CreateClinicianInput>

export const UpdateClinicianInput = z
  .partial(
    Payload({
      displayName: Line(120).check(z.minLength(1, 'Enter a name.')),
      discipline: Discipline,
      role: AccountRole,
      active: z.boolean(),
    })
  )
  .check(z.refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change.' }))
export type UpdateClinicianInput = z.infer<typeof UpdateClinicianInput>
