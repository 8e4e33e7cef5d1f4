// Where the schedule form shows each error: the client's own checks and the server's "<path>: <message>" answers.
import { ApiError } from '../../lib/api'

export type Errors = Partial<Record<string, string>>

export type SpecialistRow = { key: string }

// The fields the form shows errors beside; the server names the same paths ("specialists.0.email: …").
const knownFields = [
  'kind',
  'startsAt',
  'durationMinutes',
  'agenda',
  'hostIds',
  'clinicianIds',
  'partner',
]

/** Where an error with this path shows: beside its field, or beside the group it belongs to. */
export function errorKey(path: string[], rows: SpecialistRow[]): string | undefined {
  const [first, second, third] = path
  if (!first) return undefined
  if (first === 'specialists' && second !== undefined && third && Number(second) < rows.length) {
    return `specialists.${second}.${third}`
  }
  if (first === 'partner' && second) return `partner.${second}`
  if (first === 'patientId' || first === 'invitePatient') return undefined
  return knownFields.includes(first) ? first : undefined
}

export function friendlier(key: string, message: string): string {
  if (key.endsWith('.discipline')) return 'Choose a discipline.'
  return message
}

/** The server words a 400 as "<path>: <message>"; when the path is one of ours, show it beside the field. */
export function serverFieldError(error: unknown, rows: SpecialistRow[]): Errors | undefined {
  if (!(error instanceof ApiError) || error.code !== 'invalid_input') return undefined
  const match = /^([A-Za-z0-9.]+): (.+)$/.exec(error.message)
  if (!match?.[1] || !match[2]) {
    // "That time has already passed" comes without a path.
    return /time/i.test(error.message) ? { startsAt: error.message } : undefined
  }
  const key = errorKey(match[1].split('.'), rows)
  return key ? { [key]: match[2] } : undefined
}
