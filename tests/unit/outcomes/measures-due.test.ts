import { describe, expect, it } from 'vitest'
import {
  addDays,
  measuresDue,
  screeningSuggestions,
  toOffer,
  type ScheduleEntry,
} from '../../../shared/measures-due'

const today = '2026-12-20'
const set = (instrumentKey: string, dueOn: string, setAt = '2026-11-01T10:00:00.000Z') =>
  ({ instrumentKey, dueOn, setAt }) satisfies ScheduleEntry
const scored = (instrumentKey: string, day: string) => ({
  instrumentKey,
  scoredAt: `${day}T12:00:00.000Z`,
})

describe('measures due', () => {
  it.each([
    { dueOn: '2026-12-21', status: 'upcoming' },
    { dueOn: '2026-12-20', status: 'due' },
    { dueOn: '2026-12-13', status: 'due' }, // the last day before it is overdue
    { dueOn: '2026-12-12', status: 'overdue' },
  ])('a measure due on $dueOn is $status on 20 December', ({ dueOn, status }) => {
    expect(measuresDue([set('phq9', dueOn)], [], new Set(), today)).toMatchObject([{ status }])
  })

  it.each([
    { day: '2026-12-13', answered: true }, // up to 7 days early counts
    { day: '2026-12-12', answered: false },
    { day: '2026-12-24', answered: true },
  ])('a score on $day answers a measure due on 20 December: $answered', ({ day, answered }) => {
    const [due] = measuresDue([set('phq9', today)], [scored('phq9', day)], new Set(), '2026-12-25')
    expect(due!.status === 'answered').toBe(answered)
    expect(due!.answeredOn).toBe(answered ? day : null)
  })

  it('is answered only by the same measure', () => {
    const [due] = measuresDue([set('phq9', today)], [scored('gad7', today)], new Set(), today)
    expect(due!.status).toBe('due')
  })

  it('takes the due date from the latest session that set one for each measure', () => {
    const due = measuresDue(
      [
        set('phq9', '2026-12-01', '2026-11-01T10:00:00.000Z'),
        set('phq9', '2027-01-10', '2026-12-01T10:00:00.000Z'),
        set('gad7', '2026-12-18', '2026-11-01T10:00:00.000Z'),
      ],
      [],
      new Set(),
      today
    )
    expect(due.map((d) => [d.instrumentKey, d.dueOn, d.status])).toEqual([
      ['gad7', '2026-12-18', 'due'],
      ['phq9', '2027-01-10', 'upcoming'],
    ])
  })

  it('offers what is due or overdue and not yet offered, never what is upcoming or answered', () => {
    const due = measuresDue(
      [
        set('phq9', today),
        set('gad7', '2026-12-01'),
        set('phq2', '2027-01-01'),
        set('gad2', today),
      ],
      [scored('gad2', today)],
      new Set(['phq9']),
      today
    )
    expect(toOffer(due).map((d) => d.instrumentKey)).toEqual(['gad7'])
    expect(due.find((d) => d.instrumentKey === 'phq9')!.offered).toBe(true)
  })

  it('counts days across month and year ends', () => {
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04')
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28')
  })
})

describe('screening suggestions', () => {
  const screen = (instrumentKey: string, day: string, total: number, positiveScreen: boolean) => ({
    ...scored(instrumentKey, day),
    total,
    positiveScreen,
  })

  it('suggests the full PHQ-9 after a positive PHQ-2 and the GAD-7 after a positive GAD-2', () => {
    expect(
      screeningSuggestions([
        screen('phq2', '2026-12-01', 3, true),
        screen('gad2', '2026-12-01', 4, true),
      ])
    ).toEqual([
      { screen: 'phq2', screenTotal: 3, screenedOn: '2026-12-01', suggest: 'phq9' },
      { screen: 'gad2', screenTotal: 4, screenedOn: '2026-12-01', suggest: 'gad7' },
    ])
  })

  it('suggests nothing after a negative screen, or once the full measure is answered', () => {
    expect(
      screeningSuggestions([
        screen('phq2', '2026-12-01', 2, false),
        screen('gad2', '2026-12-01', 5, true),
        screen('gad7', '2026-12-01', 12, true),
      ])
    ).toEqual([])
  })

  it('goes by the latest screen: a newer positive one after an old PHQ-9 suggests it again', () => {
    expect(
      screeningSuggestions([
        screen('phq2', '2026-10-01', 4, true),
        screen('phq9', '2026-10-02', 12, true),
        screen('phq2', '2026-12-01', 3, true),
      ]).map((s) => s.suggest)
    ).toEqual(['phq9'])
  })
})
