// How to reach the clinic: shown wherever someone can't go on (a session that ended, a removal, a declined
// request), so nobody is left at a dead end. Set by the operator (CLINIC_NAME, CLINIC_PHONE, CLINIC_EMAIL).
import * as z from 'zod'

export const ClinicContact = z.object({
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
})
export type ClinicContact = z.infer<typeof ClinicContact>
