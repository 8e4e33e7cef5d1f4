import { Hono } from 'hono'
import { createFactory } from 'hono/factory'
import {
  AdmitInput,
  LobbyMessageInput,
  MuteInput,
  StepOutInput,
  TokenQuery,
} from '../../shared/admission-inputs'
import { SessionParams } from '../../shared/sessions'
import type { AppEnv, Deps } from '../deps'
import { validate } from '../http/validate'
import type { Actor } from '../identity/actor'
import { listAdmitted } from './admitted'
import * as admission from './service'

/** A host's decision about one person of the session: `{ participantId }` in, 204 out. */
type AboutOnePerson = (
  deps: Deps,
  actor: Actor,
  sessionId: string,
  participantId: string
) => Promise<unknown>

const factory = createFactory<AppEnv>()

export function admissionRoutes(deps: Deps) {
  const session = validate('param', SessionParams)
  const aboutOnePerson = (decide: AboutOnePerson) =>
    factory.createHandlers(session, validate('json', AdmitInput), async (c) => {
      await decide(
        deps,
        c.var.actor,
        c.req.valid('param').sessionId,
        c.req.valid('json').participantId
      )
      return c.body(null, 204)
    })
  return new Hono<AppEnv>()
    .post('/sessions/:sessionId/arrival', session, async (c) =>
      c.json(await admission.arrive(deps, c.var.actor, c.req.valid('param').sessionId))
    )
    .get('/sessions/:sessionId/my-status', session, async (c) =>
      c.json(await admission.myStatus(deps, c.var.actor, c.req.valid('param').sessionId))
    )
    .get('/sessions/:sessionId/lobby', session, async (c) =>
      c.json(await admission.listLobby(deps, c.var.actor, c.req.valid('param').sessionId))
    )
    .post('/sessions/:sessionId/admissions', ...aboutOnePerson(admission.admit))
    .post('/sessions/:sessionId/admissions/clinicians', session, async (c) =>
      c.json(await admission.admitAllClinicians(deps, c.var.actor, c.req.valid('param').sessionId))
    )
    .post('/sessions/:sessionId/denials', ...aboutOnePerson(admission.deny))
    .put(
      '/sessions/:sessionId/lobby/message',
      session,
      validate('json', LobbyMessageInput),
      async (c) => {
        await admission.setLobbyMessage(
          deps,
          c.var.actor,
          c.req.valid('param').sessionId,
          c.req.valid('json').message
        )
        return c.body(null, 204)
      }
    )
    .post('/sessions/:sessionId/lobby/seen', ...aboutOnePerson(admission.markSeen))
    .post('/sessions/:sessionId/lobby/wait-again', ...aboutOnePerson(admission.letWaitAgain))
    .get('/sessions/:sessionId/admitted', session, async (c) =>
      c.json(await listAdmitted(deps, c.var.actor, c.req.valid('param').sessionId))
    )
    .post('/sessions/:sessionId/token', session, validate('query', TokenQuery), async (c) => {
      const { sessionId } = c.req.valid('param')
      const { waitSeconds } = c.req.valid('query')
      if (!waitSeconds) return c.json(await admission.issueToken(deps, c.var.actor, sessionId))
      // Asked while waiting: answered once admitted, or 204 (not yet) when the wait is over.
      const token = await admission.issueTokenWhenAdmitted(deps, c.var.actor, sessionId, {
        ms: waitSeconds * 1000,
        signal: c.req.raw.signal,
      })
      return token ? c.json(token) : c.body(null, 204)
    })
    .post('/sessions/:sessionId/leave', session, async (c) => {
      await admission.leave(deps, c.var.actor, c.req.valid('param').sessionId)
      return c.body(null, 204)
    })
    .post('/sessions/:sessionId/removals', ...aboutOnePerson(admission.remove))
    .post('/sessions/:sessionId/mute', session, validate('json', MuteInput), async (c) => {
      const { participantId, source } = c.req.valid('json')
      return c.json(
        await admission.mute(
          deps,
          c.var.actor,
          c.req.valid('param').sessionId,
          participantId,
          source
        )
      )
    })
    .post('/sessions/:sessionId/step-out', session, validate('json', StepOutInput), async (c) =>
      c.json(
        await admission.stepOut(
          deps,
          c.var.actor,
          c.req.valid('param').sessionId,
          c.req.valid('json').message
        )
      )
    )
    .post('/sessions/:sessionId/end', session, async (c) => {
      await admission.endSession(deps, c.var.actor, c.req.valid('param').sessionId)
      return c.body(null, 204)
    })
}
