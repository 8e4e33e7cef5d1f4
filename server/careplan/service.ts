// The care plan outside the live documents: reading the current plan, saving and comparing versions.
// Other features read a patient's plan through currentPlan / changesSinceLastVersion (they authorise the caller).
import {
  type CarePlan,
  type ItemChange,
  type PlanVersion,
  type PlanVersionSummary,
  type PlanView,
  type VersionComparison,
  PlanPart as PlanPartSchema,
  partCategory,
} from '../../shared/careplan'
import {
  comparePlans,
  emptyPlan,
  sanitizePart,
  visibleParts,
} from '../../shared/careplan-projection'
import * as audit from '../audit/service'
import * as consentStore from '../consent/store'
import type { Queryable, Tx } from '../db/client'
import type { Deps } from '../deps'
import type { Actor } from '../identity/actor'
import { notAllowed, notFound } from '../http/errors'
import * as sessionsStore from '../sessions/store'
import { planAccess, type PlanAccess } from './access'
import * as store from './store'
import type { careplanVersions } from './tables'

type VersionRow = typeof careplanVersions.$inferSelect

const toSummary = (v: VersionRow): PlanVersionSummary => ({
  id: v.id,
  number: v.number,
  sessionId: v.sessionId,
  savedAt: v.savedAt.toISOString(),
  savedBy: v.savedBy,
  present: v.present,
})

/** The patient's whole current plan from the stored projections; parts never edited are empty. */
export async function currentPlan(db: Queryable, patientId: string): Promise<CarePlan> {
  const plan = emptyPlan()
  for (const row of await store.listProjections(db, patientId)) {
    const part = PlanPartSchema.safeParse(row.part)
    if (part.success) Object.assign(plan, { [part.data]: sanitizePart(part.data, row.projection) })
  }
  return plan
}

/** What changed in the plan since its last saved version (everything, when none was saved yet). */
export async function changesSinceLastVersion(
  db: Queryable,
  patientId: string
): Promise<ItemChange[]> {
  const [last, now] = await Promise.all([
    store.latestVersion(db, patientId),
    currentPlan(db, patientId),
  ])
  return comparePlans(last?.plan ?? {}, now)
}

async function requireAccess(tx: Tx, actor: Actor, patientId: string, sessionId: string | null) {
  const access = await planAccess(tx, actor, patientId, sessionId)
  // "Not yours" and "not there" look the same.
  if (!access || !access.readable.length) throw notFound('care plan')
  return access
}

export async function viewPlan(
  deps: Deps,
  actor: Actor,
  patientId: string,
  sessionId: string | null
): Promise<PlanView> {
  return deps.db.transaction(async (tx) => {
    const access = await requireAccess(tx, actor, patientId, sessionId)
    const [plan, versions, categories] = await Promise.all([
      currentPlan(tx, patientId),
      store.listVersions(tx, patientId),
      consentStore.listCategories(tx),
    ])
    await audit.record(tx, actor, 'careplan.viewed', {
      subjectKind: 'patient',
      subjectId: patientId,
      patientId,
      detail: { sessionId },
    })
    return {
      patientId,
      myName: access.displayName,
      categories: categories
        .filter((c) => access.readable.some((p) => partCategory[p] === c.code))
        .map(({ code, label, description }) => ({ code, label, description })),
      plan: visibleParts(plan, access.readable),
      readable: access.readable,
      writable: access.writable,
      versions: versions.map(toSummary),
    }
  })
}

/** The care team saves the plan as it stands now, outside a session (sessions save theirs when they end). */
export async function saveVersion(deps: Deps, actor: Actor, patientId: string) {
  return deps.db.transaction(async (tx) => {
    const access = await requireAccess(tx, actor, patientId, null)
    if (access.participantId !== null) throw notAllowed('Only the care team saves a plan version.')
    const version = await insertVersion(tx, patientId, null, access.displayName, [
      access.displayName,
    ])
    await audit.record(tx, actor, 'careplan.version_saved', {
      subjectKind: 'careplan_version',
      subjectId: version!.id,
      patientId,
      detail: { number: version!.number },
    })
    return toSummary(version!)
  })
}

async function insertVersion(
  tx: Queryable,
  patientId: string,
  sessionId: string | null,
  savedBy: string,
  present: string[]
) {
  const number = await store.nextVersionNumber(tx, patientId)
  const plan = await currentPlan(tx, patientId)
  return store.insertVersion(tx, {
    patientId,
    number,
    sessionId,
    plan,
    present,
    savedAt: new Date(),
    savedBy,
  })
}

/**
 * At the end of a session the plan as it stands is its agreed version, with everyone who was admitted. Safe to
 * call more than once and from every instance: a session has at most one version.
 */
export async function saveSessionVersion(deps: Deps, sessionId: string) {
  await deps.db.transaction(async (tx) => {
    const session = await sessionsStore.findSession(tx, sessionId)
    if (!session || (await store.findSessionVersion(tx, sessionId))) return
    const present = await store.presentInSession(tx, sessionId)
    const version = await insertVersion(tx, session.patientId, sessionId, 'Session end', present)
    if (!version) return
    await audit.record(tx, { kind: 'system' }, 'careplan.version_saved', {
      subjectKind: 'careplan_version',
      subjectId: version.id,
      patientId: session.patientId,
      detail: { number: version.number, sessionId, present: present.length },
    })
  })
}

function shown(v: VersionRow, access: PlanAccess): PlanVersion {
  return { ...toSummary(v), plan: visibleParts({ ...emptyPlan(), ...v.plan }, access.readable) }
}

export async function getVersion(
  deps: Deps,
  actor: Actor,
  patientId: string,
  versionId: string,
  sessionId: string | null
): Promise<PlanVersion> {
  return deps.db.transaction(async (tx) => {
    const access = await requireAccess(tx, actor, patientId, sessionId)
    const version = await store.findVersion(tx, patientId, versionId)
    if (!version) throw notFound('plan version')
    await audit.record(tx, actor, 'careplan.version_viewed', {
      subjectKind: 'careplan_version',
      subjectId: version.id,
      patientId,
    })
    return shown(version, access)
  })
}

/** Two versions side by side, or one version against the plan before it (`fromId` absent). */
export async function compareVersions(
  deps: Deps,
  actor: Actor,
  patientId: string,
  toId: string,
  fromId: string | undefined,
  sessionId: string | null
): Promise<VersionComparison> {
  return deps.db.transaction(async (tx) => {
    const access = await requireAccess(tx, actor, patientId, sessionId)
    const to = await store.findVersion(tx, patientId, toId)
    if (!to) throw notFound('plan version')
    const all = await store.listVersions(tx, patientId)
    const from = fromId
      ? await store.findVersion(tx, patientId, fromId)
      : all.find((v) => v.number < to.number)
    if (fromId && !from) throw notFound('plan version')
    await audit.record(tx, actor, 'careplan.versions_compared', {
      subjectKind: 'careplan_version',
      subjectId: to.id,
      patientId,
      detail: { fromId: from?.id ?? null },
    })
    const before = from ? shown(from, access).plan : {}
    const after = shown(to, access).plan
    return {
      from: from ? toSummary(from) : null,
      to: toSummary(to),
      changes: comparePlans(before, after),
    }
  })
}
