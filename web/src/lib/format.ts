// Dates and times in the browser's locale and time zone.

const dayAndTime = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
} as const
const thisYearDateTime = new Intl.DateTimeFormat(undefined, dayAndTime)
const otherYearDateTime = new Intl.DateTimeFormat(undefined, { ...dayAndTime, year: 'numeric' })

// A calendar date such as a date of birth has no time zone: format it as UTC, or it shows as the
// day before for everyone west of Greenwich.
const calendarDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeZone: 'UTC' })

export function formatDateTime(iso: string): string {
  const date = new Date(iso)
  const isThisYear = date.getFullYear() === new Date().getFullYear()
  return (isThisYear ? thisYearDateTime : otherYearDateTime).format(date)
}

/** For an ISO calendar date such as 1980-04-23. */
export function formatCalendarDate(isoDate: string): string {
  return calendarDate.format(new Date(`${isoDate}T00:00:00Z`))
}

export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  if (hours === 0) return `${rest} minutes`
  const hoursText = hours === 1 ? '1 hour' : `${hours} hours`
  return rest === 0 ? hoursText : `${hoursText} ${rest} min`
}
