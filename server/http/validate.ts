import { zValidator } from '@hono/zod-validator'
import type { ValidationTargets } from 'hono'
import type * as z from 'zod/mini'
import { invalidInput, unsupportedMediaType, zodMessage } from './errors'

// application/json and the structured +json types, with or without parameters such as charset.
const JSON_TYPE = /^application\/([a-z0-9.-]+\+)?json\s*(;|$)/i

/**
 * zValidator whose failures go through onError as 400 invalid_input with the first problem in plain words. A JSON
 * body must say it is JSON: the validator would otherwise read any other body as `{}` and let defaults act on it.
 */
export const validate = <T extends keyof ValidationTargets, S extends z.core.$ZodType>(
  target: T,
  schema: S
) => {
  const validator = zValidator(target, schema, (result) => {
    if (!result.success) throw invalidInput(zodMessage(result.error))
  })
  if (target !== 'json') return validator
  const jsonOnly: typeof validator = async (c, next) => {
    if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) throw unsupportedMediaType()
    return validator(c, next)
  }
  return jsonOnly
}
