import { Hono } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { CreateClinicianInput, SignInInput, UpdateClinicianInput } from '../../shared/accounts'
import { IdParams } from '../../shared/ids'
import type { AppEnv, Deps } from '../deps'
import { clientIp } from '../http/actor'
import { validate } from '../http/validate'
import { ExchangeInvitationInput } from '../../shared/session-inputs'
import { guestCookieName } from '../identity/secrets'
import { exchangeInvitation, guestMe } from './invitation-exchange'
import * as accounts from './service'

export function accountsRoutes(deps: Deps) {
  const cookie = accounts.sessionCookieName(deps.config)
  const guestCookie = guestCookieName(deps.config)
  return new Hono<AppEnv>()
    .post('/auth/sign-in', validate('json', SignInInput), async (c) => {
      const result = await accounts.signIn(deps, clientIp(c, deps.config), c.req.valid('json'))
      setCookie(c, cookie, result.token, {
        httpOnly: true,
        secure: deps.config.secureCookies,
        sameSite: 'Lax',
        path: '/',
        maxAge: result.maxAgeSeconds,
      })
      return c.json(result.me)
    })
    .post('/auth/sign-out', async (c) => {
      await accounts.signOut(deps, c.var.actor)
      deleteCookie(c, cookie, { path: '/', secure: deps.config.secureCookies })
      return c.body(null, 204)
    })
    .get('/me', async (c) => c.json(await accounts.me(deps, c.var.actor)))
    .post('/invitations/exchange', validate('json', ExchangeInvitationInput), async (c) => {
      const result = await exchangeInvitation(deps, clientIp(c, deps.config), c.req.valid('json'))
      setCookie(c, guestCookie, result.token, {
        httpOnly: true,
        secure: deps.config.secureCookies,
        sameSite: 'Lax',
        path: '/',
        expires: result.expiresAt,
      })
      return c.json(result.me)
    })
    .get('/guest/me', (c) => c.json(guestMe(c.var.actor)))
    .get('/clinicians', async (c) => c.json(await accounts.listClinicians(deps, c.var.actor)))
    .post('/clinicians', validate('json', CreateClinicianInput), async (c) =>
      c.json(await accounts.createClinician(deps, c.var.actor, c.req.valid('json')), 201)
    )
    .patch(
      '/clinicians/:id',
      validate('param', IdParams),
      validate('json', UpdateClinicianInput),
      async (c) =>
        c.json(
          await accounts.updateClinician(
            deps,
            c.var.actor,
            c.req.valid('param').id,
            c.req.valid('json')
          )
        )
    )
}
