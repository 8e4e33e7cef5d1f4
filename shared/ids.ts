import * as z from 'zod'

export const Id = z.uuid({ message: 'Must be a valid id.' })
export type Id = z.infer<typeof Id>

export const IdParams = z.object({ id: Id })
