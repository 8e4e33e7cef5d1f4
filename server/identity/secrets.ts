// Cookie names and how secrets are stored: shared by the features that issue sign-ins and the code that reads them.
import { createHash } from 'node:crypto'
import type { Config } from '../config'

export const clinicianCookieName = (config: Config) => (config.secureCookies ? '__Host-sid' : 'sid')
export const guestCookieName = (config: Config) => (config.secureCookies ? '__Host-gsid' : 'gsid')

/** Link secrets and guest cookie tokens are stored only as this hash. */
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex')
