import { Hono } from 'hono'
import { createFactory } from 'hono/factory'
import * as z from 'zod'
import { ConsentKind } from '../../shared/consent'
import {
  DropInDecisionInput,
  DropInRequestInput,
  GiveConsentInput,
  NewTemplateVersionInput,
  RecordPatientConsentInput,
  WithdrawInput,
} from '../../shared/consent-inputs'
import { Id, IdParams } from '../../shared/ids'
import { SessionParams } from '../../shared/sessions'
import type { AppEnv, Deps } from '../deps'
import { validate } from '../http/validate'
import type { Actor } from '../identity/actor'
import * as consentExport from './export'
import * as consent from './service'

const factory = createFactory<AppEnv>()

export function consentRoutes(deps: Deps) {
  const session = validate('param', SessionParams)
  /** A command about one session: the caller, the session and a validated body; answers 204. */
  const sessionCommand = <S extends z.core.$ZodType>(
    body: S,
    command: (
      deps: Deps,
      actor: Actor,
      sessionId: string,
      input: z.core.output<S>
    ) => Promise<unknown>
  ) =>
    factory.createHandlers(session, validate('json', body), async (c) => {
      await command(deps, c.var.actor, c.req.valid('param').sessionId, c.req.valid('json'))
      return c.body(null, 204)
    })
  return new Hono<AppEnv>()
    .get('/sessions/:sessionId/consent', session, async (c) =>
      c.json(await consent.overview(deps, c.var.actor, c.req.valid('param').sessionId))
    )
    .post('/sessions/:sessionId/consent', ...sessionCommand(GiveConsentInput, consent.giveConsent))
    .post(
      '/sessions/:sessionId/consent/recorded',
      ...sessionCommand(RecordPatientConsentInput, consent.recordPatientConsent)
    )
    .post(
      '/sessions/:sessionId/consent/withdrawals',
      ...sessionCommand(WithdrawInput, consent.withdraw)
    )
    .post(
      '/sessions/:sessionId/consent/requests',
      session,
      validate('json', DropInRequestInput),
      async (c) =>
        c.json(
          await consent.requestDropIn(
            deps,
            c.var.actor,
            c.req.valid('param').sessionId,
            c.req.valid('json').participantId
          ),
          201
        )
    )
    .post(
      '/sessions/:sessionId/consent/requests/:requestId',
      validate('param', z.object({ sessionId: Id, requestId: Id })),
      validate('json', DropInDecisionInput),
      async (c) => {
        const { sessionId, requestId } = c.req.valid('param')
        const { decision, categories } = c.req.valid('json')
        await consent.decideDropIn(deps, c.var.actor, sessionId, requestId, decision, categories)
        return c.body(null, 204)
      }
    )
    .get('/sessions/:sessionId/consent/copy', session, async (c) => {
      const text = await consentExport.copyForMe(deps, c.var.actor, c.req.valid('param').sessionId)
      c.header('Content-Disposition', 'attachment; filename="my-consent.txt"')
      return c.text(text)
    })
    .get('/consent-templates', async (c) => c.json(await consent.listTemplates(deps, c.var.actor)))
    .post(
      '/consent-templates/:kind/versions',
      validate('param', z.object({ kind: ConsentKind })),
      validate('json', NewTemplateVersionInput),
      async (c) =>
        c.json(
          await consent.newTemplateVersion(
            deps,
            c.var.actor,
            c.req.valid('param').kind,
            c.req.valid('json')
          ),
          201
        )
    )
    .get('/patients/:id/consents/fhir', validate('param', IdParams), async (c) => {
      c.header('Content-Type', 'application/fhir+json')
      return c.body(
        JSON.stringify(await consentExport.exportFhir(deps, c.var.actor, c.req.valid('param').id))
      )
    })
}
