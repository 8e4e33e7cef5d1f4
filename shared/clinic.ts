// How to reach the clinic: shown wherever someone can't go on (a session that ended, a removal, a declined
// request), so nobody is left at a dead end. Set by the operator (CLINIC_NAME, CLINIC_PHONE, CLINIC_EMAIL).
import { z } from './zod'

export const ClinicContact = z.object({
  name: z.string(),
  phone: z.nullable(z.string()),
  email: z.nullable(z.string()),
})
export type ClinicContact = z.infer<typeof ClinicContact>
