// Reading a date of birth typed as day, month and year, and saying precisely what is wrong with it.

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** The earliest year accepted: older dates are typing mistakes. */
const EARLIEST_YEAR = 1900

export function readBirthDate(
  dayText: string,
  monthText: string,
  yearText: string,
  now = new Date()
): { iso: string } | { problem: string } {
  const [d, m, y] = [dayText, monthText, yearText].map((t) => t.trim())
  if (!d || !m || !y || !/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) {
    return { problem: 'Enter your date of birth as numbers, for example 27 3 1985.' }
  }
  const [day, month, year] = [Number(d), Number(m), Number(y)]
  if (month < 1 || month > 12) return { problem: 'The month must be a number from 1 to 12.' }
  const date = new Date(Date.UTC(year, month - 1, day))
  if (day < 1 || date.getUTCMonth() !== month - 1) {
    return { problem: `${months[month - 1]} has no day ${day}. Check the day and the month.` }
  }
  if (year < EARLIEST_YEAR) return { problem: 'Check the year: for example 1985.' }
  if (date.getTime() > now.getTime())
    return { problem: 'That date is in the future. Check the year.' }
  return { iso: `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` }
}
