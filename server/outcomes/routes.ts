import { Hono, type Context } from 'hono'
import { IdParams } from '../../shared/ids'
import {
  CloseAlertInput,
  OfferQuestionnairesInput,
  ResponseParams,
  SaveAnswersInput,
  SubmitInput,
} from '../../shared/outcomes'
import { SessionReviewInput } from '../../shared/session-review'
import { SessionParams } from '../../shared/sessions'
import type { AppEnv, Deps } from '../deps'
import { validate } from '../http/validate'
import * as alerts from './alerts'
import { teamDashboard } from './dashboard'
import { offerQuestionnaires } from './due'
import { exportFhir } from './export'
import * as instruments from './instruments'
import * as questionnaires from './questionnaires'
import * as review from './review'
import { resolveRespondent, respondentClaim } from './respondents'
import { teamEventStream } from './stream'
import * as trends from './trends'

/** A questionnaire link's secret travels as a bearer token, never in a URL the server logs. */
const linkSecret = (c: Context<AppEnv>) => {
  const header = c.req.header('authorization')
  return header?.startsWith('Bearer ') ? header.slice(7).trim() || undefined : undefined
}

/**
 * The questionnaire submission, mounted before the API's sign-in middleware (app.ts): it checks what its sender holds
 * inside its own transaction (questionnaires.submit), one round trip fewer on outcome capture's hot path.
 */
export function submissionRoutes(deps: Deps) {
  return new Hono<AppEnv>().post(
    '/questionnaires/:responseId/submission',
    validate('param', ResponseParams),
    validate('json', SubmitInput),
    async (c) => {
      const claim = respondentClaim(deps.config, c.req.header('cookie'), linkSecret(c))
      return c.json(
        await questionnaires.submit(
          deps,
          claim,
          c.req.valid('param').responseId,
          c.req.valid('json')
        ),
        201
      )
    }
  )
}

export function outcomesRoutes(deps: Deps) {
  const respondent = (c: Context<AppEnv>) => resolveRespondent(deps, c.var.actor, linkSecret(c))
  const response = validate('param', ResponseParams)
  return new Hono<AppEnv>()
    .post('/sessions/:sessionId/questionnaires', validate('param', SessionParams), async (c) =>
      c.json(
        await questionnaires.offer(deps, await respondent(c), c.req.valid('param').sessionId),
        201
      )
    )
    .get('/questionnaires', async (c) =>
      c.json(await questionnaires.listMine(deps, await respondent(c)))
    )
    .put(
      '/questionnaires/:responseId/answers',
      response,
      validate('json', SaveAnswersInput),
      async (c) => {
        const who = await respondent(c)
        await questionnaires.saveProgress(
          deps,
          who,
          c.req.valid('param').responseId,
          c.req.valid('json').answers
        )
        return c.body(null, 204)
      }
    )
    .get('/patients/:id/outcomes', validate('param', IdParams), async (c) =>
      c.json(await trends.patientOutcomes(deps, c.var.actor, c.req.valid('param').id))
    )
    .post(
      '/patients/:id/questionnaire-offers',
      validate('param', IdParams),
      validate('json', OfferQuestionnairesInput),
      async (c) =>
        c.json(
          await offerQuestionnaires(
            deps,
            c.var.actor,
            c.req.valid('param').id,
            c.req.valid('json')
          ),
          201
        )
    )
    .get('/patients/:id/outcomes/fhir', validate('param', IdParams), async (c) => {
      c.header('Content-Type', 'application/fhir+json')
      return c.body(JSON.stringify(await exportFhir(deps, c.var.actor, c.req.valid('param').id)))
    })
    .get('/safety-alerts', async (c) => c.json(await alerts.listOpen(deps, c.var.actor)))
    .post(
      '/safety-alerts/:id/closure',
      validate('param', IdParams),
      validate('json', CloseAlertInput),
      async (c) => {
        await alerts.close(deps, c.var.actor, c.req.valid('param').id, c.req.valid('json').note)
        return c.body(null, 204)
      }
    )
    .put(
      '/sessions/:sessionId/review',
      validate('param', SessionParams),
      validate('json', SessionReviewInput),
      async (c) =>
        c.json(
          await review.saveReview(
            deps,
            c.var.actor,
            c.req.valid('param').sessionId,
            c.req.valid('json')
          )
        )
    )
    .get('/sessions/:sessionId/summary', validate('param', SessionParams), async (c) =>
      c.json(await review.sessionSummary(deps, c.var.actor, c.req.valid('param').sessionId))
    )
    .get('/outcomes/dashboard', async (c) => c.json(await teamDashboard(deps, c.var.actor)))
    .get('/team-events', (c) => teamEventStream(deps, c))
    .get('/instruments', async (c) => c.json(await instruments.listInstruments(deps, c.var.actor)))
    .post('/instruments', async (c) => {
      const input: unknown = await c.req.json().catch(() => undefined)
      return c.json(await instruments.importInstrument(deps, c.var.actor, input), 201)
    })
}
