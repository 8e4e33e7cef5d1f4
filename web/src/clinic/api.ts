// The clinic's contact details, asked once per page load: they change only with the server's configuration.
import { query } from '@solidjs/router'
import { ClinicContact } from '../../../shared/clinic'
import { call } from '../lib/api'

export const getClinic = query(() => call('GET', '/clinic', ClinicContact), 'clinic')
