// Zod compiles fast parsers with `new Function` unless told not to. Our CSP forbids eval, and even
// zod's guarded probe is reported as a CSP violation, so turn it off before any schema is built.
// vite.config.ts bundles this module into the zod chunk, which runs before any chunk with schemas.
import * as z from 'zod/mini'

z.config({ jitless: true })
