// One error shape for every non-2xx answer: { error: { code, message } }.
import * as z from 'zod'

export const ErrorCode = z.enum([
  'invalid_input',
  'unauthenticated',
  'not_found',
  'not_allowed',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'unavailable',
  'internal',
])
export type ErrorCode = z.infer<typeof ErrorCode>

export const ErrorBody = z.object({
  error: z.object({ code: ErrorCode, message: z.string() }),
})
export type ErrorBody = z.infer<typeof ErrorBody>
