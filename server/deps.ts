import type { OpenTokenRequests } from './admission/open-token-requests'
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

export type AppEnv = {
  Variables: {
    requestId: string
    actor: Actor
  }
}
