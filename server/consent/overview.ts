// The consent overview of one session, as each participant may see it (least disclosure).
import type { ConsentOverview } from '../../shared/consent'
import * as audit from '../audit/service'
import type { Deps } from '../deps'
import type { Actor } from '../identity/actor'
import { notFound } from '../http/errors'
import { findAccessible } from '../sessions/access'
import { ownDocumentFor } from './gate'
import { myCategoriesOf } from './scope'
import { consentState } from './state'
import * as store from './store'
import { toTemplate } from './templates'

export async function overview(
  deps: Deps,
  actor: Actor,
  sessionId: string
): Promise<ConsentOverview> {
  return deps.db.transaction(async (tx) => {
    const access = await findAccessible(tx, actor, sessionId)
    if (!access) throw notFound('session')
    const state = await consentState(tx, access.session)
    const [categories, templates, requests] = await Promise.all([
      store.listCategories(tx),
      store.latestTemplates(tx),
      store.listOpenRequests(tx, sessionId),
    ])
    const me = access.me
    const myDocument = me
      ? ownDocumentFor(me.role, state.onCareTeam(me), access.session.kind)
      : null
    const answered = me
      ? state.records.some((r) => r.givenByParticipantId === me.id && r.kind === myDocument)
      : true
    const pending =
      myDocument && !answered && templates.get(myDocument)
        ? [toTemplate(templates.get(myDocument)!)]
        : []
    const allCodes = categories.map((c) => c.code)
    const myCategories = myCategoriesOf(state, me, access.isClinician, allCodes)
    const byId = new Map(state.people.map((p) => [p.id, p]))
    // Least disclosure: the patient, hosts and the care team (unless the patient excluded them) see everyone's
    // cover, which they need to run the session and to know what may be said; anyone else sees only their own.
    const seesAll =
      !me ||
      me.role === 'patient' ||
      me.role === 'host' ||
      (state.onCareTeam(me) && state.presence.get(me.id) !== false)
    const concernsMe = (participantId: string) => seesAll || participantId === me?.id
    await audit.record(tx, actor, 'consent.viewed', {
      subjectKind: 'session',
      subjectId: sessionId,
      patientId: access.session.patientId,
    })
    return {
      sessionId,
      myParticipantId: me?.id ?? null,
      patientConsentActive: state.patientConsentActive,
      patientDeclined: state.patientDeclined,
      pending,
      categories: categories.map((c) => ({
        code: c.code,
        label: c.label,
        description: c.description,
      })),
      participants: state.people
        .filter((p) => p.role !== 'patient' && concernsMe(p.id))
        .map((p) => ({
          participantId: p.id,
          displayName: p.displayName,
          role: p.role,
          discipline: p.discipline,
          present: state.presence.get(p.id) ?? null,
          categories: state.categories.get(p.id) ?? [],
          gate: state.gates.get(p.id)!,
        })),
      myCategories,
      openRequests: requests
        .filter((r) => concernsMe(r.participantId))
        .map((r) => ({
          id: r.id,
          participantId: r.participantId,
          displayName: byId.get(r.participantId)?.displayName ?? '',
          discipline: byId.get(r.participantId)?.discipline ?? null,
        })),
    }
  })
}
