// The team event stream: one per signed-in clinician tab, wherever they are in the app. It forwards a patient's
// events (safety alerts, new scores) only to clinicians on that patient's care team, checked at delivery time.
import type { Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import { TeamEvent } from '../../shared/events'
import { requireClinician } from '../accounts/service'
import type { AppEnv, Deps } from '../deps'
import { pumpEvents } from '../realtime/pump'
import { mayReceive } from './alerts'

export function teamEventStream(deps: Deps, c: Context<AppEnv>) {
  const clinician = requireClinician(c.var.actor)
  return streamSSE(c, (stream) =>
    pumpEvents<TeamEvent>(deps.events, stream, {
      subscribe: (push) =>
        deps.events.subscribe((event) => {
          const team = TeamEvent.safeParse(event)
          if (team.success) push(team.data)
        }),
      write: async (event) => {
        const allowed = await mayReceive(deps, clinician.clinicianId, event.patientId).catch(
          () => false
        )
        if (allowed) await stream.writeSSE({ event: 'message', data: JSON.stringify(event) })
      },
    })
  )
}
