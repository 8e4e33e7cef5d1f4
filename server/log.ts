// Structured one-line JSON logs. Callers pass ids and kinds, never secrets, tokens, invite links or answers.
export type Level = 'debug' | 'info' | 'warn' | 'error'
export type Logger = Record<Level, (msg: string, fields?: Record<string, unknown>) => void>

const order: Record<Level | 'silent', number> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  silent: 99,
}

export function createLogger(
  level: Level | 'silent' = 'info',
  write: (line: string) => void = (l) => process.stdout.write(l + '\n')
): Logger {
  const at =
    (l: Level) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (order[l] < order[level]) return
      write(JSON.stringify({ t: new Date().toISOString(), level: l, msg, ...fields }))
    }
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

/**
 * What may be logged about an unexpected error: its class and, from a PostgreSQL error anywhere in its cause chain,
 * the SQLSTATE. Never its message, detail or stack: a failed query's message lists the query's parameters (names,
 * dates of birth, e-mail addresses, password hashes), and PostgreSQL's own messages and details quote values.
 */
export function errorFacts(err: unknown): { errorClass: string; sqlState?: string } {
  const errorClass =
    err instanceof Error
      ? err.constructor.name || err.name
      : typeof err === 'object'
        ? 'object'
        : typeof err
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code
    // SQLSTATE: five characters, digits and upper-case letters (driver codes such as ECONNRESET are longer).
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code))
      return { errorClass, sqlState: code }
    e = (e as { cause?: unknown }).cause
  }
  return { errorClass }
}
