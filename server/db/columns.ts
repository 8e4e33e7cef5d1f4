import { timestamp, uuid } from 'drizzle-orm/pg-core'

export const id = { id: uuid('id').primaryKey().defaultRandom() }

export const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}

/** zod enums list their options as an array; drizzle's pgEnum wants a non-empty tuple of the same strings. */
export const enumValues = <T extends string>(schema: { options: readonly T[] }) =>
  schema.options as unknown as [T, ...T[]]
