import { describe, expect, it } from 'vitest'
import { readBirthDate } from '../../../web/src/sessions/birth-date'

const now = new Date('2026-11-27T08:00:00Z')

describe('reading a date of birth', () => {
  it.each([
    ['14', '3', '1986', { iso: '1986-03-14' }],
    ['29', '2', '2000', { iso: '2000-02-29' }],
    ['31', '2', '1986', { problem: 'February has no day 31. Check the day and the month.' }],
    ['29', '2', '1999', { problem: 'February has no day 29. Check the day and the month.' }],
    ['0', '5', '1986', { problem: 'May has no day 0. Check the day and the month.' }],
    ['12', '13', '1986', { problem: 'The month must be a number from 1 to 12.' }],
    [
      '12',
      'March',
      '1986',
      { problem: 'Enter your date of birth as numbers, for example 27 3 1985.' },
    ],
    ['12', '3', '86', { problem: 'Enter your date of birth as numbers, for example 27 3 1985.' }],
    ['12', '3', '1850', { problem: 'Check the year: for example 1985.' }],
    ['12', '3', '2030', { problem: 'That date is in the future. Check the year.' }],
  ])('%s/%s/%s', (d, m, y, expected) => {
    expect(readBirthDate(d, m, y, now)).toEqual(expected)
  })
})
