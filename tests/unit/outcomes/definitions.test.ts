import { describe, expect, it } from 'vitest'
import { checkDefinition, type InstrumentDefinitionInput } from '../../../shared/instruments'
import { builtinInstruments } from '../../../shared/instruments-builtin'

const yesNo = [
  { value: 0, label: 'No' },
  { value: 1, label: 'Yes' },
]
const base: InstrumentDefinitionInput = {
  key: 'clinic_scale',
  title: 'A clinic scale',
  shortTitle: 'Scale',
  items: [
    { id: 'a', text: 'First', options: yesNo },
    { id: 'b', text: 'Second', options: yesNo },
  ],
  bands: [
    { min: 0, max: 0, label: 'None' },
    { min: 1, max: 2, label: 'Some' },
  ],
}
const messages = (input: unknown) => {
  const r = checkDefinition(input)
  return r.ok ? [] : r.problems
}

describe('instrument definitions', () => {
  it('accepts every built-in and a well-formed import', () => {
    expect(builtinInstruments.map((d) => d.key)).toEqual([
      'phq9',
      'gad7',
      'phq2',
      'gad2',
      'sexual_health',
      'session_satisfaction',
    ])
    expect(messages(base)).toEqual([])
  })

  it('names each mistake once, with where it is', () => {
    expect(
      messages({
        ...base,
        items: [
          { id: 'a', text: 'First', options: yesNo },
          { id: 'a', text: 'Again', options: [...yesNo, { value: 1, label: 'Also yes' }] },
        ],
        bands: [
          { min: 0, max: 1, label: 'Low' },
          { min: 1, max: 1, label: 'Mid' },
          { min: 3, max: 3, label: 'High' },
        ],
        safetyAlert: { items: [{ item: 'z', atLeast: 1 }] },
        positiveScreen: { totalAtLeast: 9 },
      })
    ).toEqual([
      'items.1.id: Item id "a" is used twice.',
      'items.1.options.2.value: Item "a" has the value 1 twice.',
      'bands: The bands must end at the highest possible total, 2.',
      'bands: Bands "Low" and "Mid" overlap.',
      'bands: No band covers 2–2 (between "Mid" and "High").',
      'positiveScreen.totalAtLeast: The threshold must lie between 0 and 2.',
      'safetyAlert.items.0.item: There is no item "z".',
    ])
  })

  it('explains schema mistakes in plain words', () => {
    expect(
      messages({ ...base, key: 'Bad Key', items: [{ id: 'a', text: '', options: [yesNo[0]] }] })
    ).toEqual([
      'key: Use 2–40 lower-case letters, digits or underscores, starting with a letter.',
      'items.0.text: Every item needs its question text.',
      'items.0.options: An item needs at least two options.',
    ])
  })

  it('refuses a band that ends before it starts and a rule that can never fire', () => {
    expect(
      messages({
        ...base,
        bands: [
          { min: 0, max: 0, label: 'None' },
          { min: 2, max: 1, label: 'Some' },
        ],
        safetyAlert: { items: [{ item: 'a', atLeast: 5 }] },
      })
    ).toContain('safetyAlert.items.0.atLeast: Item "a" never reaches 5.')
  })
})
