import { z } from './zod'

export const ComponentStatus = z.object({
  ok: z.boolean(),
  detail: z.string(),
})
export const Readiness = z.object({
  ok: z.boolean(),
  database: ComponentStatus,
  livekit: ComponentStatus,
})
export type Readiness = z.infer<typeof Readiness>
