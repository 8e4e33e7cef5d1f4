// One error shape for every non-2xx answer: { error: { code, message } }.
import { z } from './zod'

export const ErrorCode = z.enum([
  'invalid_input',
  'unauthenticated',
  'not_found',
  'not_allowed',
  'conflict',
  /** A patient's link needs their date of birth before it opens the session. */
  'confirmation_required',
  /** The caller is not (or no longer) admitted to the session. */
  'not_admitted',
  /** The consent covering this person is not active; the message says what is missing. */
  'consent_required',
  'payload_too_large',
  /** A JSON route got a body that is not JSON (or no Content-Type saying so). */
  'unsupported_media_type',
  /** A real personal link to a session that has ended or was cancelled. */
  'session_closed',
  'rate_limited',
  'unavailable',
  'internal',
])
export type ErrorCode = z.infer<typeof ErrorCode>

export const ErrorBody = z.object({
  error: z.object({ code: ErrorCode, message: z.string() }),
})
export type ErrorBody = z.infer<typeof ErrorBody>
