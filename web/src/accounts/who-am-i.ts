// Just the "who am I" request, apart from api.ts so the call (whose clinicians ask it to stay signed in) loads
// neither the rest of the accounts requests nor their schemas on every guest's way in.
import { Me } from '../../../shared/me'
import { call } from '../lib/api'

export function fetchMe() {
  return call('GET', '/me', Me)
}
