// Who is signed in: the clinician's account as the web sees it. Apart from accounts.ts so the call, which asks only
// this, doesn't load the sign-in and clinician forms' schemas.
import { z } from './zod'
import { AccountRole, Discipline } from './enums'
import { Id } from './ids'

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
  idleTimeoutSeconds: z.number().check(z.int(), z.positive()),
})
export type Me = z.infer<typeof Me>
