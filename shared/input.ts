// Building blocks for every payload schema. Bad input is refused here, at the edge, with a 4xx in plain words:
// PostgreSQL refuses NUL in text (22021) and years outside 1..9999 (22008, 22009), which would otherwise surface
// as a 500 after the request had already reached the database.
import { z } from './zod'

/** Control characters (C0, DEL, C1), except tab and line breaks: those are allowed in multi-line text. */
const CONTROL_IN_LINE = /\p{Cc}/u
const CONTROL_IN_TEXT = /[^\P{Cc}\t\n\r]/u
/** Half of a UTF-16 pair without its other half: not text, and stored as U+FFFD, so not what was sent. */
const LONE_SURROGATE = /\p{Cs}/u

const NO_CONTROL = 'Remove the special characters (such as control characters) from this text.'
const NO_LONE_SURROGATE = 'This text contains a broken character. Please type it again.'

type TextOptions = {
  /** Off for text edited live (a shared document), where a space typed last must stay. */ trim?: boolean
}
const base = ({ trim = true }: TextOptions) => (trim ? z.string().check(z.trim()) : z.string())

/** Text on one line (a name, a signature, a title): trimmed, no control characters, at most `max` characters. */
export const Line = (max: number, options: TextOptions = {}) =>
  base(options).check(
    z.maxLength(max, `Use at most ${max} characters.`),
    z.refine((s) => !CONTROL_IN_LINE.test(s), NO_CONTROL),
    z.refine((s) => !LONE_SURROGATE.test(s), NO_LONE_SURROGATE)
  )

/** Text that may span lines (an agenda, a consent document): tabs and line breaks allowed, other controls not. */
export const Text = (max: number, options: TextOptions = {}) =>
  base(options).check(
    z.maxLength(max, `Use at most ${max} characters.`),
    z.refine((s) => !CONTROL_IN_TEXT.test(s), NO_CONTROL),
    z.refine((s) => !LONE_SURROGATE.test(s), NO_LONE_SURROGATE)
  )

/** A secret typed or pasted by nobody (link secrets): URL-safe characters only. */
export const Token = (min: number, max: number) =>
  z
    .string()
    .check(
      z.minLength(min),
      z.maxLength(max),
      z.regex(/^[A-Za-z0-9_-]+$/, 'That is not a valid code.')
    )

/**
 * A request body: unknown fields are refused rather than silently dropped, so a misspelt field is an error the
 * caller sees, not a change that quietly did not happen.
 */
export const Payload = <S extends z.core.$ZodLooseShape>(shape: S) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}.`
        : undefined,
  })

const DAY_MS = 24 * 3600_000
/** The earliest date of birth we accept; PostgreSQL's own range is far wider than any living person's. */
export const EARLIEST_DATE_OF_BIRTH = '1900-01-01'
/** How far ahead a session may be scheduled. */
export const MAX_SCHEDULE_AHEAD_DAYS = 2 * 365
/** A start this far before now still counts as "now": browsers' clocks drift, and forms take time to fill. */
export const START_GRACE_MS = 15 * 60_000

/** Today's date at the far east of the world (UTC+14), so nobody's today is refused as "in the future". */
const latestToday = () => new Date(Date.now() + 14 * 3600_000).toISOString().slice(0, 10)

export const DateOfBirth = z.iso.date({ message: 'Enter a date like 1980-04-23.' }).check(
  z.refine((d) => d >= EARLIEST_DATE_OF_BIRTH, 'Enter a date of birth after 1900.'),
  z.refine((d) => d <= latestToday(), 'A date of birth cannot be in the future.')
)

/** The range of any other calendar date (a follow-up, a measure due): PostgreSQL refuses year 0, and a date
 * centuries away is a typing slip, not a plan. */
export const EARLIEST_CALENDAR_DATE = '1900-01-01'
export const LATEST_CALENDAR_DATE = '2999-12-31'

/** A calendar date (YYYY-MM-DD) within EARLIEST_CALENDAR_DATE..LATEST_CALENDAR_DATE. */
export const CalendarDate = (message = 'Enter a date like 2026-12-20.') =>
  z.iso
    .date({ message })
    .check(
      z.refine(
        (d) => d >= EARLIEST_CALENDAR_DATE && d <= LATEST_CALENDAR_DATE,
        'Enter a date between 1900 and 2999.'
      )
    )

/** A moment in time as the API sends it: ISO 8601 with an offset. */
export const Instant = z.iso.datetime({
  offset: true,
  message: 'Use a date and time like 2026-11-24T15:00:00Z.',
})

/** When a session starts, on scheduling and on rescheduling: not in the past, not absurdly far ahead. */
export const SessionStart = Instant.check(
  z.refine(
    (s) => Date.parse(s) >= Date.now() - START_GRACE_MS,
    'Choose a start time that is not in the past.'
  ),
  z.refine(
    (s) => Date.parse(s) <= Date.now() + MAX_SCHEDULE_AHEAD_DAYS * DAY_MS,
    'Choose a start time within the next two years.'
  )
)
