// The zod every shared schema is built with: zod/mini, whose functional API lets the web build keep only what it
// uses (classic zod puts every method on every schema, about 20 kB gzip on every page). The same schemas validate on
// the server. zod/mini ships no messages of its own: those who show them to people import ./zod-messages (classic
// zod's English), so the 400s the server words and the form messages the web shows stay those of classic zod.
import * as z from 'zod/mini'

export { z }
