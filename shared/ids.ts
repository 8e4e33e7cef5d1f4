import { z } from './zod'

/**
 * Ids are UUIDs, canonicalised here, where they are parsed: lower case, as PostgreSQL's uuid type returns them.
 * An id spelt in upper case is the same id, and must compare, hash and audit the same as the stored one.
 */
export const Id = z.uuid({ message: 'Must be a valid id.' }).check(z.toLowerCase())
export type Id = z.infer<typeof Id>

export const IdParams = z.object({ id: Id })
