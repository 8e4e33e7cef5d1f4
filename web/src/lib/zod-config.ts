// Zod compiles fast parsers with `new Function` unless told not to. Our CSP forbids eval, and even
// zod's guarded probe is reported as a CSP violation, so turn it off before any schema is built.
// main.tsx imports it before anything that builds a schema (vite.config.ts keeps it in the first chunk).
import * as z from 'zod/mini'

z.config({ jitless: true })
