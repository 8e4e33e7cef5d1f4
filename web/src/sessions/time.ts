// Dates and times as the browser's date and time inputs use them, in the person's own time zone.

export const durationOptions = [15, 20, 30, 45, 60, 75, 90, 120, 150, 180, 240] as const

const pad = (n: number) => String(n).padStart(2, '0')

/** YYYY-MM-DD in local time, for <input type="date">. */
export function localDateValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** HH:MM in local time, for <input type="time">. */
export function localTimeValue(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** The instant a local date and time name, as ISO 8601 in UTC; undefined when either is missing or malformed. */
export function toInstant(date: string, time: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}(:\d{2})?$/.test(time)) return undefined
  // Without a zone designator, a date-time string is read as local time.
  const local = new Date(`${date}T${time}`)
  return Number.isNaN(local.getTime()) ? undefined : local.toISOString()
}

/** The person's own time zone, as a hint beside time fields: "Europe/London (GMT+1)". */
export function timeZoneHint(date = new Date()): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
  const offset = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'shortOffset' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName')?.value
  return `In your time zone: ${zone.replace(/_/g, ' ')}${offset ? ` (${offset})` : ''}.`
}
