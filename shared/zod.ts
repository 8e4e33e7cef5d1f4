// The zod every shared schema is built with: zod/mini, whose functional API lets the web build keep only what it
// uses (classic zod puts every method on every schema, about 20 kB gzip on every page). The same schemas validate on
// the server. zod/mini ships no messages of its own, so the English ones are set here, once, for both sides: the
// 400s the server words and the form messages the web shows stay those of classic zod.
import { en } from 'zod/locales'
import * as z from 'zod/mini'

z.config(en())

export { z }
