import { query } from '@solidjs/router'
import * as z from 'zod/mini'
import type { Id } from '../../../shared/ids'
import { Patient, PatientSummary } from '../../../shared/patients'
import { SessionSummary } from '../../../shared/sessions'
import { call } from '../lib/api'

export const listMyPatients = query(
  () => call('GET', '/patients', z.array(PatientSummary)),
  'my-patients'
)

export const getPatient = query(
  (id: Id) => call('GET', `/patients/${encodeURIComponent(id)}`, Patient),
  'patient'
)

export const listPatientSessions = query(
  (id: Id) => call('GET', `/patients/${encodeURIComponent(id)}/sessions`, z.array(SessionSummary)),
  'patient-sessions'
)
