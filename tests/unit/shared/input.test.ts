import { describe, expect, it } from 'vitest'
import { DateOfBirth, Line, Payload, SessionStart, Text } from '../../../shared/input'

const day = 24 * 3600_000
const iso = (ms: number) => new Date(Date.now() + ms).toISOString()

describe('the shared input building blocks', () => {
  it('refuse NUL, other control characters and lone surrogates in text', () => {
    for (const bad of ['a\u0000b', 'a\u001bb', 'a\u007fb', 'a\u0085b', 'a\ud800b', 'a\udc00b']) {
      expect(Line(50).safeParse(bad).success).toBe(false)
      expect(Text(50).safeParse(bad).success).toBe(false)
    }
  })

  it('allow line breaks and tabs only in multi-line text, and whole emoji everywhere', () => {
    expect(Text(50).parse(' one\n\ttwo\r\n ')).toBe('one\n\ttwo')
    expect(Line(50).safeParse('one\ntwo').success).toBe(false)
    expect(Line(50).parse('Zoë 👩‍⚕️')).toBe('Zoë 👩‍⚕️')
  })

  it('bound dates of birth to 1900 through today', () => {
    expect(DateOfBirth.safeParse('1900-01-01').success).toBe(true)
    expect(DateOfBirth.safeParse(iso(0).slice(0, 10)).success).toBe(true)
    for (const bad of ['1899-12-31', '0000-06-01', '10000-01-01', iso(3 * day).slice(0, 10)])
      expect(DateOfBirth.safeParse(bad).success).toBe(false)
  })

  it('bound session starts to now through two years ahead', () => {
    expect(SessionStart.safeParse(iso(day)).success).toBe(true)
    expect(SessionStart.safeParse(iso(-60_000)).success).toBe(true)
    for (const bad of [iso(-day), iso(800 * day), '9999-12-31T23:00:00Z', '0000-01-01T00:00:00Z'])
      expect(SessionStart.safeParse(bad).success).toBe(false)
  })

  it('refuse unknown fields, naming them', () => {
    const result = Payload({ name: Line(10) }).safeParse({ name: 'a', role: 'admin' })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toBe('Unknown field: role.')
  })
})
