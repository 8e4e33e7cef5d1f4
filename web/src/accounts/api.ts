import { query } from '@solidjs/router'
import * as z from 'zod/mini'
import type {
  CreateClinicianInput,
  SignInInput,
  UpdateClinicianInput,
} from '../../../shared/accounts'
import { Clinician, Me } from '../../../shared/accounts'
import type { Id } from '../../../shared/ids'
import { ApiError, NoContent, call } from '../lib/api'
import { fetchMe } from './who-am-i'

export { fetchMe }

export const getMe = query(fetchMe, 'me')

export function signIn(input: SignInInput) {
  return call('POST', '/auth/sign-in', Me, input)
}

export async function signOut(): Promise<void> {
  try {
    await call('POST', '/auth/sign-out', NoContent)
  } catch (error) {
    // Already signed out (idle logoff on the server, another tab): what we wanted.
    if (!(error instanceof ApiError && error.code === 'unauthenticated')) throw error
  }
}

export const listClinicians = query(
  () => call('GET', '/clinicians', z.array(Clinician)),
  'clinicians'
)

export function createClinician(input: CreateClinicianInput) {
  return call('POST', '/clinicians', Clinician, input)
}

export function updateClinician(id: Id, input: UpdateClinicianInput) {
  return call('PATCH', `/clinicians/${encodeURIComponent(id)}`, Clinician, input)
}
