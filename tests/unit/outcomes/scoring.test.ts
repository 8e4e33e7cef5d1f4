import { describe, expect, it } from 'vitest'
import { builtinByKey } from '../../../shared/instruments-builtin'
import { answerProblems, change, gasTScore, score } from '../../../shared/scoring'

const def = (key: string) => builtinByKey.get(key)!

/** Answers reaching `total` by filling scored items from the first, each up to 3; unscored items answered 0. */
function answersFor(key: string, total: number, extra: Record<string, number> = {}) {
  const answers: Record<string, number> = {}
  let left = total
  for (const item of def(key).items) {
    const v = item.scored ? Math.min(3, left) : 0
    answers[item.id] = v
    if (item.scored) left -= v
  }
  return { ...answers, ...extra }
}

describe('PHQ-9 bands at every boundary', () => {
  it.each([
    [0, 'Minimal'],
    [4, 'Minimal'],
    [5, 'Mild'],
    [9, 'Mild'],
    [10, 'Moderate'],
    [14, 'Moderate'],
    [15, 'Moderately severe'],
    [19, 'Moderately severe'],
    [20, 'Severe'],
    [27, 'Severe'],
  ])('a total of %i is %s', (total, band) => {
    // Item 9 stays 0 up to 24 so the fill order does not matter for the band.
    const s = score(def('phq9'), answersFor('phq9', total))
    expect(s.total).toBe(total)
    expect(s.band).toBe(band)
  })

  it('does not count the "how difficult" item', () => {
    expect(score(def('phq9'), answersFor('phq9', 6, { phq9_10: 3 })).total).toBe(6)
  })

  it('raises the safety alert when item 9 is above 0, whatever the total', () => {
    const low = { ...answersFor('phq9', 0), phq9_9: 1 }
    expect(score(def('phq9'), low)).toMatchObject({ total: 1, band: 'Minimal', safetyAlert: true })
    expect(score(def('phq9'), answersFor('phq9', 24)).safetyAlert).toBe(false)
    expect(score(def('phq9'), answersFor('phq9', 25)).safetyAlert).toBe(true)
  })
})

describe('GAD-7 bands at every boundary', () => {
  it.each([
    [0, 'Minimal'],
    [4, 'Minimal'],
    [5, 'Mild'],
    [9, 'Mild'],
    [10, 'Moderate'],
    [14, 'Moderate'],
    [15, 'Severe'],
    [21, 'Severe'],
  ])('a total of %i is %s', (total, band) => {
    expect(score(def('gad7'), answersFor('gad7', total))).toMatchObject({ total, band })
  })
})

describe('screeners', () => {
  it.each([
    ['phq2', 2, false],
    ['phq2', 3, true],
    ['phq2', 6, true],
    ['gad2', 2, false],
    ['gad2', 3, true],
  ])('%s at %i is positive: %s', (key, total, positive) => {
    expect(score(def(key), answersFor(key, total)).positiveScreen).toBe(positive)
  })

  it.each([
    [{ sexual_health_1: 0, sexual_health_2: 0 }, false],
    [{ sexual_health_1: 1, sexual_health_2: 0 }, false],
    [{ sexual_health_1: 2, sexual_health_2: 0 }, true],
    [{ sexual_health_1: 0, sexual_health_2: 1 }, true],
  ])('sexual-health screening %o is positive: %s', (answers, positive) => {
    expect(score(def('sexual_health'), answers).positiveScreen).toBe(positive)
  })
})

describe('answer checks', () => {
  it('names out-of-range values, unknown items and missing questions', () => {
    const problems = answerProblems(def('gad7'), { gad7_1: 4, nope: 1 }, { complete: true })
    expect(problems.map((p) => p.message)).toEqual([
      'Question 1 of GAD-7 takes one of 0, 1, 2, 3, not 4.',
      '"nope" is not a question of GAD-7.',
      'Please answer every question of GAD-7: questions 2, 3, 4, 5, 6, 7 are not answered yet.',
    ])
  })
  it('accepts partial answers while saving progress', () => {
    expect(answerProblems(def('gad7'), { gad7_1: 2 }, { complete: false })).toEqual([])
  })
})

describe('meaningful change', () => {
  it.each([
    // previous, current, meaningful, response, remission
    [15, 11, null, false, false],
    [15, 10, 'improved', false, false],
    [16, 8, 'improved', true, false],
    [12, 4, 'improved', true, true],
    [5, 4, null, false, true],
    [4, 3, null, false, false],
    [8, 13, 'worsened', false, false],
  ])('PHQ-9 %i → %i', (previous, current, meaningful, response, remission) => {
    expect(change(def('phq9'), previous, current)).toEqual({
      previous,
      delta: current - previous,
      meaningful,
      response,
      remission,
    })
  })
  it('uses 4 points on GAD-7 and has no response or remission rule there', () => {
    expect(change(def('gad7'), 12, 8)).toMatchObject({ meaningful: 'improved', response: false })
    expect(change(def('gad7'), 12, 9)?.meaningful).toBeNull()
  })
  it('has no rule for session satisfaction', () => {
    expect(change(def('session_satisfaction'), 3, 9)).toBeNull()
  })
})

describe('goal attainment (GAS)', () => {
  it('is 50 when every goal is met as expected', () => {
    expect(gasTScore([{ rating: 0 }, { rating: 0 }, { rating: 0 }])).toBe(50)
  })
  it('matches the worked example: three equal goals, each one better than expected', () => {
    // 50 + 10·3 / √(0.7·3 + 0.3·9) = 50 + 30 / √4.8
    expect(gasTScore([{ rating: 1 }, { rating: 1 }, { rating: 1 }])).toBeCloseTo(63.693, 3)
  })
  it('weights goals', () => {
    // Σwx = 2·2 + 1·(−1) = 3; Σw² = 5; (Σw)² = 9 → 50 + 30 / √(3.5 + 2.7)
    expect(
      gasTScore([
        { rating: 2, weight: 2 },
        { rating: -1, weight: 1 },
      ])
    ).toBeCloseTo(62.048, 3)
  })
  it('is 50 ± 10/√1 for a single goal', () => {
    expect(gasTScore([{ rating: -2 }])).toBeCloseTo(30, 6)
  })
  it('refuses an empty list', () => {
    expect(() => gasTScore([])).toThrow(/at least one/)
  })
})
