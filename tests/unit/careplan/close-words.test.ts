// What the person reads when a part of the plan closes on them or a change of theirs is refused.
import { describe, expect, it } from 'vitest'
import { closeWords, refusalWords } from '../../../web/src/careplan/refusal-words'

const categories = [
  {
    code: 'sexual_health_history',
    label: 'Sexual-health history',
    description: 'Sexual function, concerns and relationships.',
  },
]

describe('why a part of the plan closed', () => {
  it('names the withdrawn consent category, what it covers and what stays open', () => {
    const words = closeWords('category-withdrawn', 'goals', categories)
    expect(words).toBe(
      'Consent to share sexual-health history with you was withdrawn, so “Goals” is closed for you. ' +
        'That category covers: Sexual function, concerns and relationships. ' +
        'The parts of the plan still shared with you stay open.'
    )
  })

  it('falls back to plain "no longer shared" for a reason or category it does not know', () => {
    expect(closeWords('category-withdrawn', 'safety', categories)).toBe(
      'This part of the plan is no longer shared with you.'
    )
    expect(closeWords('something-new', 'goals', categories)).toBe(
      'This part of the plan is no longer shared with you.'
    )
    expect(closeWords('session-ended', 'goals', categories)).toMatch(/session has ended/)
  })

  it('tells the person whose change was refused to check the part and make it again, without reloading', () => {
    for (const words of Object.values(refusalWords)) expect(words).not.toMatch(/reload/i)
    expect(refusalWords['document-full']).toMatch(/full.*Remove something to make room/)
  })
})
