// Safety alerts (PHQ-9 item 9 above 0) on their own: every signed-in page shows the open ones, and a file of
// their own keeps that banner from loading the rest of the outcome schemas into the signed-in shell.
import { Id } from './ids'
import { Text } from './input'
import { z } from './zod'

export const SafetyAlert = z.object({
  id: Id,
  patientId: Id,
  patientName: z.string(),
  raisedAt: z.iso.datetime(),
  closedAt: z.nullable(z.iso.datetime()),
  closedByName: z.nullable(z.string()),
  closingNote: z.nullable(z.string()),
})
export type SafetyAlert = z.infer<typeof SafetyAlert>

export const CloseAlertInput = z.strictObject({
  note: Text(2000).check(
    z.minLength(3, {
      message: 'Say what was done, for example "Called the patient; safety plan agreed".',
    })
  ),
})
