// The clinic's public contact details, for the screens that end a visit. Configuration, not personal data: open
// to anyone, like the sign-in page.
import { Hono } from 'hono'
import type { ClinicContact } from '../../shared/clinic'
import type { AppEnv, Deps } from '../deps'

export function clinicRoutes(deps: Deps) {
  const contact: ClinicContact = deps.config.clinic
  return new Hono<AppEnv>().get('/clinic', (c) => c.json(contact))
}
