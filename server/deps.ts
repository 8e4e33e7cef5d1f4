import { createOpenTokenRequests, type OpenTokenRequests } from './admission/open-token-requests'
import type { Config } from './config'
import type { Db } from './db/client'
import type { Actor } from './identity/actor'
import type { Logger } from './log'
import type { EventHub } from './realtime/events'
import type { LivekitAdapter } from './livekit/adapter'

/** Everything a service needs from the outside world, passed explicitly. */
export type Deps = {
  config: Config
  db: Db
  livekit: LivekitAdapter | undefined
  events: EventHub
  /** Token requests of people waiting on this instance, for the admission that lets them in to answer. */
  tokenRequests: OpenTokenRequests
  log: Logger
  clock: () => Date
}

/**
 * An instance's deps from the parts it connects to; what lives in the instance itself (its open token requests, the
 * clock) is made here.
 */
export function createDeps(
  parts: Pick<Deps, 'config' | 'db' | 'livekit' | 'events' | 'log'>
): Deps {
  return { ...parts, tokenRequests: createOpenTokenRequests(), clock: () => new Date() }
}

export type AppEnv = {
  Variables: {
    requestId: string
    actor: Actor
  }
}
