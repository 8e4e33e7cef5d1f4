// Every form that shows zod's own words beside a field imports this module, so the English messages load with the
// forms (clinicians' pages) and never on a guest's way into a call.
import '../../../shared/zod-messages'
import * as z from 'zod/mini'
import { ApiError } from './api'

export type FieldErrors = Partial<Record<string, string>>

/** The first message for each top-level field, for showing beside that field. */
export function fieldErrorsFrom(error: z.core.$ZodError): FieldErrors {
  const errors: FieldErrors = {}
  for (const [field, messages] of Object.entries(z.flattenError(error).fieldErrors)) {
    const first = (messages as string[] | undefined)?.[0]
    if (first) errors[field] = first
  }
  return errors
}

/** Moves focus to the first control the browser finds marked invalid, in page order. */
export function focusFirstInvalid(form: HTMLFormElement) {
  form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
}

export function formText(data: FormData, name: string): string {
  const value = data.get(name)
  return typeof value === 'string' ? value : ''
}

/**
 * The server words a 400 as "<field>: <message>" (zodMessage in server/http/errors.ts). When the
 * field is one of this form's, the message belongs beside it.
 */
export function fieldErrorFromServer(
  error: unknown,
  fields: readonly string[]
): FieldErrors | undefined {
  if (!(error instanceof ApiError) || error.code !== 'invalid_input') return undefined
  const match = /^([A-Za-z]+): (.+)$/.exec(error.message)
  if (!match?.[1] || !match[2] || !fields.includes(match[1])) return undefined
  return { [match[1]]: match[2] }
}
