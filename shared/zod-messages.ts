// zod/mini ships no messages of its own (an issue reads "Invalid input"). Importing this sets classic zod's English
// ones, for whoever shows them to people: the server's 400s (server/app.ts) and the clinicians' forms
// (web/src/lib/forms.ts). Not in shared/zod.ts: guests' pages show no zod message, and the locale was 0.9 kB gzip in
// their first chunk. zod reads the locale when it words an issue, not when a schema is built, so importing this late
// is enough.
import { en } from 'zod/locales'
import { z } from './zod'

z.config(en())
