import { Hono } from 'hono'
import { IdParams } from '../../shared/ids'
import { CreatePatientInput, SetCareTeamInput, UpdatePatientInput } from '../../shared/patients'
import type { AppEnv, Deps } from '../deps'
import { validate } from '../http/validate'
import * as patients from './service'

export function patientsRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/patients', async (c) => c.json(await patients.listMyPatients(deps, c.var.actor)))
    .post('/patients', validate('json', CreatePatientInput), async (c) =>
      c.json(await patients.createPatient(deps, c.var.actor, c.req.valid('json')), 201)
    )
    .get('/patients/:id', validate('param', IdParams), async (c) =>
      c.json(await patients.getPatient(deps, c.var.actor, c.req.valid('param').id))
    )
    .patch(
      '/patients/:id',
      validate('param', IdParams),
      validate('json', UpdatePatientInput),
      async (c) =>
        c.json(
          await patients.updatePatient(
            deps,
            c.var.actor,
            c.req.valid('param').id,
            c.req.valid('json')
          )
        )
    )
    .put(
      '/patients/:id/care-team',
      validate('param', IdParams),
      validate('json', SetCareTeamInput),
      async (c) =>
        c.json(
          await patients.setCareTeam(
            deps,
            c.var.actor,
            c.req.valid('param').id,
            c.req.valid('json')
          )
        )
    )
    .get('/patients/:id/sessions', validate('param', IdParams), async (c) =>
      c.json(await patients.listUpcomingSessions(deps, c.var.actor, c.req.valid('param').id))
    )
}
