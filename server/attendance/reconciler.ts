// Runs attendance reconciliation on one app instance at a time (the holder of the reconciliation lease). Every
// instance tries for the lease on each tick, so when the holder stops another takes over within one period.
import type { Lease } from '../db/lease'
import { errorFacts, type Logger } from '../log'

export type Reconciler = { stop: () => Promise<void> }

export function startReconciling(opts: {
  lease: Lease
  everyMs: number
  run: () => Promise<void>
  log: Logger
}): Reconciler {
  let running: Promise<void> | undefined
  let stopped = false
  const tick = async () => {
    // Taking the lease fails too while the database is away: a rejection here would be unhandled and end the process.
    try {
      if (!(await opts.lease.tryHold()) || stopped) return
      await opts.run()
    } catch (err) {
      opts.log.warn('attendance reconciliation failed', errorFacts(err))
    }
  }
  const timer = setInterval(() => {
    // A slow round (many live rooms) must not overlap the next one.
    if (running || stopped) return
    running = tick().finally(() => (running = undefined))
  }, opts.everyMs)
  timer.unref()
  return {
    stop: async () => {
      stopped = true
      clearInterval(timer)
      await running
      await opts.lease.release()
    },
  }
}
