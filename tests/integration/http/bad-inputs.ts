// The bad bodies tried on every write route (bad-input.test.ts): made from a body the route accepts and the kinds
// of field it holds.

export type Route = {
  method: 'POST' | 'PATCH' | 'PUT'
  path: () => string
  cookie?: () => string
  /** A body the route accepts (or refuses only for a reason of state, never of form). */
  body: () => Record<string, unknown>
  /** Fields holding free text, dates of birth (YYYY-MM-DD), other dates and instants. */
  text?: string[]
  dates?: string[]
  anyDates?: string[]
  instants?: string[]
  /** Bad bodies that the field lists cannot express, such as a date inside a list. */
  more?: () => BadInput[]
}

export type BadInput = { what: string; body: string; contentType?: string }

export function badInputs(route: Route): BadInput[] {
  const json = (body: unknown) => JSON.stringify(body)
  const withField = (field: string, value: unknown) => json({ ...route.body(), [field]: value })
  const cases: BadInput[] = [
    { what: 'an unknown field', body: withField('isAdmin', true) },
    { what: 'JSON sent as text/plain', body: json(route.body()), contentType: 'text/plain' },
    { what: 'a form post', body: 'a=1', contentType: 'application/x-www-form-urlencoded' },
    { what: 'no content type', body: json(route.body()), contentType: '' },
    { what: 'a huge body', body: withField('padding', 'x'.repeat(200_000)) },
    {
      what: 'a deeply nested body',
      body: json(route.body()).replace(/}$/, `,"nested":${'['.repeat(5000)}${']'.repeat(5000)}}`),
    },
    { what: 'an array', body: json([route.body()]) },
  ]
  for (const field of route.text ?? []) {
    cases.push(
      { what: `NUL in ${field}`, body: withField(field, 'Alex\u0000Doe') },
      { what: `a control character in ${field}`, body: withField(field, 'Alex\u001bDoe') },
      { what: `a lone surrogate in ${field}`, body: withField(field, 'Alex\ud800Doe') },
      { what: `a huge ${field}`, body: withField(field, 'x'.repeat(30_000)) }
    )
  }
  for (const field of route.dates ?? []) {
    cases.push(
      { what: `year 0 in ${field}`, body: withField(field, '0000-06-01') },
      { what: `year 10000 in ${field}`, body: withField(field, '10000-06-01') },
      { what: `the future in ${field}`, body: withField(field, '2999-01-01') },
      { what: `1850 in ${field}`, body: withField(field, '1850-01-01') }
    )
  }
  for (const field of route.anyDates ?? []) {
    cases.push(
      { what: `year 0 in ${field}`, body: withField(field, '0000-06-01') },
      { what: `year 10000 in ${field}`, body: withField(field, '10000-06-01') }
    )
  }
  for (const field of route.instants ?? []) {
    cases.push(
      { what: `year 0 in ${field}`, body: withField(field, '0000-06-01T10:00:00Z') },
      { what: `9999-12-31 in ${field}`, body: withField(field, '9999-12-31T23:00:00Z') },
      { what: `year 10000 in ${field}`, body: withField(field, '+010000-01-01T10:00:00Z') },
      { what: `the past in ${field}`, body: withField(field, '1900-01-01T10:00:00Z') }
    )
  }
  cases.push(...(route.more?.() ?? []))
  return cases
}
