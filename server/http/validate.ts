import { zValidator } from '@hono/zod-validator'
import type { ValidationTargets } from 'hono'
import type * as z from 'zod'
import { invalidInput, zodMessage } from './errors'

/** zValidator whose failures go through onError as 400 invalid_input with the first problem in plain words. */
export const validate = <T extends keyof ValidationTargets, S extends z.ZodType>(
  target: T,
  schema: S
) =>
  zValidator(target, schema, (result) => {
    if (!result.success) throw invalidInput(zodMessage(result.error as unknown as z.ZodError))
  })
