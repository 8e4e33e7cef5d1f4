// The team event stream: one per signed-in clinician tab, wherever they are in the app. It forwards a patient's
// events (safety alerts, new scores) only to clinicians on that patient's care team, checked at delivery time.
import type { Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import { TeamEvent } from '../../shared/events'
import { requireClinician } from '../accounts/service'
import type { AppEnv, Deps } from '../deps'
import type { StreamSignal } from '../realtime/events'
import { mayReceive } from './alerts'

const HEARTBEAT_MS = 20_000

export function teamEventStream(deps: Deps, c: Context<AppEnv>) {
  const clinician = requireClinician(c.var.actor)
  return streamSSE(c, async (stream) => {
    const queue: (TeamEvent | StreamSignal)[] = []
    let wake: (() => void) | undefined
    const unsubscribe = deps.events.subscribe((event) => {
      const team = TeamEvent.safeParse(event)
      if (!team.success) return
      queue.push(team.data)
      wake?.()
    })
    // resync: events may have been missed while the database was away; reconnect: this instance is stopping.
    const unsignal = deps.events.onSignal((signal) => {
      queue.push(signal)
      wake?.()
    })
    stream.onAbort(() => {
      unsubscribe()
      unsignal()
      wake?.()
    })
    await stream.writeSSE({ event: 'ready', data: '{}' })
    while (!stream.aborted) {
      const event = queue.shift()
      if (event === 'resync' || event === 'reconnect') {
        await stream.writeSSE({ event, data: '{}' })
        if (event === 'reconnect') break
        continue
      }
      if (event) {
        const allowed = await mayReceive(deps, clinician.clinicianId, event.patientId).catch(
          () => false
        )
        if (allowed) await stream.writeSSE({ event: 'message', data: JSON.stringify(event) })
        continue
      }
      await new Promise<void>((resolve) => {
        wake = resolve
        setTimeout(resolve, HEARTBEAT_MS)
      })
      wake = undefined
      if (queue.length === 0 && !stream.aborted) await stream.write(': heartbeat\n\n')
    }
    unsignal()
    unsubscribe()
  })
}
