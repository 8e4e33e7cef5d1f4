// Consent records, covers and withdrawal: the only writer of consent_records and consent_covers. The gate here
// decides who may be admitted; withdrawal takes effect in the live call through the admission feature's removal.
import { createHash } from 'node:crypto'
import type {
  ConsentOverview,
  ConsentTemplate,
  CoverChoice,
  GateStatus,
  GiveConsentInput,
  NewTemplateVersionInput,
  RecordPatientConsentInput,
  WithdrawInput,
} from '../../shared/consent'
import { requireClinician } from '../accounts/service'
import * as admissionStore from '../admission/store'
import * as audit from '../audit/service'
import type { Tx } from '../db/client'
import type { Deps } from '../deps'
import { type Actor, isAdmin } from '../identity/actor'
import { conflict, invalidInput, notAllowed, notFound } from '../http/errors'
import { findAccessible, isOpen, type SessionAccess } from '../sessions/access'
import * as sessionsStore from '../sessions/store'
import type { participants, sessions } from '../sessions/tables'
import { gate, ownDocumentFor } from './gate'
import { myCategoriesOf } from './scope'
import * as store from './store'
import type { consentTemplates } from './tables'

type ParticipantRow = typeof participants.$inferSelect
type SessionRow = typeof sessions.$inferSelect

const toTemplate = (t: typeof consentTemplates.$inferSelect): ConsentTemplate => ({
  id: t.id,
  kind: t.kind,
  version: t.version,
  title: t.title,
  body: t.body,
  bodyHash: t.bodyHash,
})

/** Everything the gate and the overview need about one session's consent, read in the caller's transaction. */
export async function consentState(tx: Tx, session: SessionRow) {
  const [people, records, covers, team] = await Promise.all([
    sessionsStore.listParticipants(tx, session.id),
    store.listActiveRecords(tx, session.id),
    store.listActiveCovers(tx, session.id),
    store.careTeamIds(tx, session.patientId),
  ])
  const patientKind = session.kind === 'joint_session' ? 'joint_session' : 'information_sharing'
  const patient = people.find((p) => p.role === 'patient')
  const patientConsentActive = records.some(
    (r) =>
      r.kind === patientKind &&
      (session.kind === 'case_conference' || r.givenByParticipantId === patient?.id)
  )
  const patientDeclined =
    !patientConsentActive &&
    session.kind === 'joint_session' &&
    patient !== undefined &&
    (await store.latestDecisionWasDeclined(tx, session.id, 'joint_session', patient.id))
  const presence = new Map<string, boolean>()
  const categories = new Map<string, string[]>()
  for (const c of covers) {
    if (c.category === null) presence.set(c.participantId, c.permitted)
    else if (c.permitted)
      categories.set(c.participantId, [...(categories.get(c.participantId) ?? []), c.category])
  }
  const onCareTeam = (p: ParticipantRow) => p.clinicianId !== null && team.has(p.clinicianId)
  const gates = new Map<string, GateStatus>()
  for (const p of people) {
    const own = ownDocumentFor(p.role, onCareTeam(p), session.kind)
    gates.set(
      p.id,
      gate({
        sessionKind: session.kind,
        role: p.role,
        onCareTeam: onCareTeam(p),
        patientConsentActive,
        patientDeclined,
        presence: presence.get(p.id),
        ownConsentActive:
          own !== null && records.some((r) => r.kind === own && r.givenByParticipantId === p.id),
      })
    )
  }
  return {
    people,
    records,
    presence,
    categories,
    gates,
    onCareTeam,
    patient,
    patientConsentActive,
    patientDeclined,
  }
}

/** The gate for one participant, for admission and token issuance. */
export async function gateFor(
  tx: Tx,
  session: SessionRow,
  participantId: string
): Promise<GateStatus> {
  return (
    (await consentState(tx, session)).gates.get(participantId) ?? {
      admissible: false,
      reasons: ['Unknown participant.'],
    }
  )
}

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

async function validCategories(tx: Tx, codes: string[]) {
  const known = new Set((await store.listCategories(tx)).map((c) => c.code))
  for (const c of codes)
    if (!known.has(c)) throw invalidInput(`Unknown information category: ${c}.`)
  return [...known]
}

/** Presence and category decisions for the given choices, ready for supersedeCovers. */
async function decisionsFor(tx: Tx, session: SessionRow, choices: CoverChoice[]) {
  const people = new Map(
    (await sessionsStore.listParticipants(tx, session.id)).map((p) => [p.id, p])
  )
  const all = await validCategories(
    tx,
    choices.flatMap((c) => c.categories)
  )
  const decisions: { participantId: string; category: string | null; permitted: boolean }[] = []
  for (const choice of choices) {
    const p = people.get(choice.participantId)
    if (!p || p.role === 'patient')
      throw invalidInput('Each choice must name another participant of this session.')
    decisions.push({ participantId: p.id, category: null, permitted: choice.present })
    for (const code of all)
      decisions.push({
        participantId: p.id,
        category: code,
        permitted: choice.present && choice.categories.includes(code),
      })
  }
  return decisions
}

/** A participant answers their own document: the patient (with their choices per person), a partner, or an outside clinician. */
export async function giveConsent(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  input: GiveConsentInput
) {
  const removed = await deps.db.transaction(async (tx) => {
    const access = await findAccessible(tx, actor, sessionId, { lock: true })
    if (!access || !access.me) throw notFound('session')
    if (!isOpen(access.session.status)) throw conflict('This session has ended.')
    const me = access.me
    const template = await store.findTemplate(tx, input.templateId)
    const latest = template && (await store.latestTemplates(tx)).get(template.kind)
    const team = await store.careTeamIds(tx, access.session.patientId)
    const expected = ownDocumentFor(
      me.role,
      me.clinicianId !== null && team.has(me.clinicianId),
      access.session.kind
    )
    if (!template || !latest || template.kind !== expected)
      throw invalidInput('This document is not one you are asked to answer.')
    if (latest.id !== template.id)
      throw conflict('This document has been updated. Please read the new version.')
    if (input.covers.length && template.kind !== 'joint_session')
      throw invalidInput('Only the patient chooses who may be present.')
    const now = deps.clock()
    const record = await store.insertRecord(tx, {
      sessionId,
      patientId: access.session.patientId,
      kind: template.kind,
      templateId: template.id,
      templateVersion: template.version,
      bodyHash: template.bodyHash,
      givenByParticipantId: me.id,
      decision: input.decision,
      signature: input.signature,
      givenAt: now,
    })
    const decisions =
      input.decision === 'given' ? await decisionsFor(tx, access.session, input.covers) : []
    await store.supersedeCovers(tx, sessionId, record.id, decisions, now)
    await audit.record(
      tx,
      actor,
      input.decision === 'given' ? 'consent.given' : 'consent.declined',
      {
        subjectKind: 'consent_record',
        subjectId: record.id,
        patientId: access.session.patientId,
        detail: {
          kind: template.kind,
          templateVersion: template.version,
          covers: summarise(decisions),
        },
      }
    )
    // A patient's new answer can take away someone's presence: they leave the call as with a withdrawal.
    return applyLostCover(deps, tx, actor, access)
  })
  await disconnect(deps, removed)
}

/** Case conference: a host records the information-sharing consent the patient gave outside the call. */
export async function recordPatientConsent(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  input: RecordPatientConsentInput
) {
  const clinician = requireClinician(actor)
  const removed = await deps.db.transaction(async (tx) => {
    const access = await findAccessible(tx, actor, sessionId, { lock: true })
    if (!access || !access.isHost) throw notFound('session')
    if (access.session.kind !== 'case_conference')
      throw conflict('In a joint session the patient gives consent themselves.')
    const template = await store.findTemplate(tx, input.templateId)
    const latest = (await store.latestTemplates(tx)).get('information_sharing')
    if (!template || template.kind !== 'information_sharing')
      throw invalidInput('Record the information-sharing consent.')
    if (latest?.id !== template.id)
      throw conflict('This document has been updated. Please use the new version.')
    const now = deps.clock()
    const record = await store.insertRecord(tx, {
      sessionId,
      patientId: access.session.patientId,
      kind: 'information_sharing',
      templateId: template.id,
      templateVersion: template.version,
      bodyHash: template.bodyHash,
      recordedByClinicianId: clinician.clinicianId,
      statement: input.statement,
      decision: 'given',
      signature: input.signature,
      givenAt: now,
    })
    const decisions = await decisionsFor(tx, access.session, input.covers)
    await store.supersedeCovers(tx, sessionId, record.id, decisions, now)
    await audit.record(tx, actor, 'consent.recorded', {
      subjectKind: 'consent_record',
      subjectId: record.id,
      patientId: access.session.patientId,
      detail: {
        kind: 'information_sharing',
        templateVersion: template.version,
        covers: summarise(decisions),
      },
    })
    return applyLostCover(deps, tx, actor, access)
  })
  await disconnect(deps, removed)
}

const summarise = (
  decisions: { participantId: string; category: string | null; permitted: boolean }[]
) =>
  decisions.map(
    (d) => `${d.participantId}:${d.category ?? 'presence'}:${d.permitted ? 'permit' : 'deny'}`
  )

/** Who may withdraw: the patient in a joint session; a host, on the patient's word, in a case conference. */
function mayWithdraw(access: SessionAccess) {
  if (access.session.kind === 'joint_session') return access.me?.role === 'patient'
  return access.isHost
}

export async function withdraw(deps: Deps, actor: Actor, sessionId: string, input: WithdrawInput) {
  const { removed, ended } = await deps.db.transaction(async (tx) => {
    const access = await findAccessible(tx, actor, sessionId, { lock: true })
    if (!access) throw notFound('session')
    if (!mayWithdraw(access)) throw notAllowed('Only the patient can withdraw their consent.')
    if (!isOpen(access.session.status)) throw conflict('This session has ended.')
    const now = deps.clock()
    const state = await consentState(tx, access.session)
    const base = state.records.find(
      (r) =>
        r.kind ===
        (access.session.kind === 'joint_session' ? 'joint_session' : 'information_sharing')
    )
    if (!base) throw conflict('There is no active consent to withdraw.')
    const others = state.people.filter((p) => p.role !== 'patient')
    const all = (await store.listCategories(tx)).map((c) => c.code)

    if (input.scope === 'participant') {
      if (!others.some((p) => p.id === input.participantId)) throw notFound('participant')
      await store.supersedeCovers(
        tx,
        sessionId,
        base.id,
        [null, ...all].map((category) => ({
          participantId: input.participantId,
          category,
          permitted: false,
        })),
        now
      )
    } else if (input.scope === 'category') {
      if (!all.includes(input.category))
        throw invalidInput(`Unknown information category: ${input.category}.`)
      await store.supersedeCovers(
        tx,
        sessionId,
        base.id,
        others.map((p) => ({ participantId: p.id, category: input.category, permitted: false })),
        now
      )
    } else {
      await store.markRecordsWithdrawn(tx, sessionId, ['joint_session', 'information_sharing'], now)
      await store.supersedeCovers(
        tx,
        sessionId,
        base.id,
        others.flatMap((p) =>
          [null, ...all].map((category) => ({ participantId: p.id, category, permitted: false }))
        ),
        now
      )
    }
    await audit.record(tx, actor, 'consent.withdrawn', {
      subjectKind: 'session',
      subjectId: sessionId,
      patientId: access.session.patientId,
      detail:
        input.scope === 'participant'
          ? { scope: 'participant', participantId: input.participantId }
          : input.scope === 'category'
            ? { scope: 'category', category: input.category }
            : { scope: 'all' },
    })
    if (input.scope === 'all') {
      // Withdrawing consent to the session itself ends it for everyone.
      await endForWithdrawal(deps, tx, actor, access, now)
      return { removed: undefined, ended: access.session.roomName }
    }
    return { removed: await applyLostCover(deps, tx, actor, access), ended: undefined }
  })
  if (ended) await deps.livekit?.deleteRoom(ended).catch(() => undefined)
  await disconnect(deps, removed)
}

async function endForWithdrawal(
  deps: Deps,
  tx: Tx,
  actor: Actor,
  access: SessionAccess,
  now: Date
) {
  await sessionsStore.updateSession(tx, access.session.id, { status: 'ended', endedAt: now }, now)
  await admissionStore.endAdmissions(tx, { sessionId: access.session.id }, 'consent_withdrawn', now)
  await admissionStore.closeLobby(tx, access.session.id, now)
  await audit.record(tx, actor, 'sessions.ended', {
    subjectKind: 'session',
    subjectId: access.session.id,
    patientId: access.session.patientId,
    detail: { reason: 'consent_withdrawn' },
  })
  await deps.events.publish(tx, { type: 'session.ended', sessionId: access.session.id })
}

/**
 * Ends the admission of everyone in the call whose cover is no longer active, in the caller's transaction, and tells
 * every stream. Returns who must leave the media server once the transaction commits.
 */
async function applyLostCover(
  deps: Deps,
  tx: Tx,
  actor: Actor,
  access: SessionAccess
): Promise<{ roomName: string; participantIds: string[] }> {
  const state = await consentState(tx, access.session)
  const now = deps.clock()
  const lost: string[] = []
  for (const p of state.people) {
    if (state.gates.get(p.id)?.admissible) continue
    if (!(await admissionStore.findOpenAdmission(tx, access.session.id, p.id, { lock: true })))
      continue
    await admissionStore.endAdmissions(
      tx,
      { sessionId: access.session.id, participantIds: [p.id] },
      'consent_withdrawn',
      now
    )
    await admissionStore.upsertEntry(tx, {
      participantId: p.id,
      sessionId: access.session.id,
      state: 'left',
      waitingSince: null,
      decidedAt: now,
      decidedBy: null,
      updatedAt: now,
    })
    await audit.record(tx, actor, 'admission.ended_by_consent', {
      subjectKind: 'participant',
      subjectId: p.id,
      patientId: access.session.patientId,
    })
    await deps.events.publish(tx, {
      type: 'admission.removed',
      sessionId: access.session.id,
      participantId: p.id,
      reason: 'consent_withdrawn',
    })
    lost.push(p.id)
  }
  await deps.events.publish(tx, { type: 'consent.changed', sessionId: access.session.id })
  await deps.events.publish(tx, { type: 'lobby.changed', sessionId: access.session.id })
  return { roomName: access.session.roomName, participantIds: lost }
}

// DB is the truth; the webhook and reconciliation remove a straggler if a call here fails.
async function disconnect(
  deps: Deps,
  removed: { roomName: string; participantIds: string[] } | undefined
) {
  if (!removed || !deps.livekit) return
  await Promise.all(
    removed.participantIds.map((id) =>
      deps.livekit!.removeParticipant(removed.roomName, id).catch(() => undefined)
    )
  )
}

/** A host asks the patient, mid-session, to cover a specialist who is not yet covered. */
export async function requestDropIn(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  participantId: string
) {
  requireClinician(actor)
  return deps.db.transaction(async (tx) => {
    const access = await findAccessible(tx, actor, sessionId, { lock: true })
    if (!access || !access.isHost) throw notFound('session')
    if (!isOpen(access.session.status)) throw conflict('This session has ended.')
    if (access.session.kind !== 'joint_session')
      throw conflict('In a case conference, record the patient’s consent instead.')
    const p = await sessionsStore.findParticipant(tx, sessionId, participantId)
    if (!p || p.role === 'patient' || p.role === 'host') throw notFound('participant')
    const request = await store.insertRequest(tx, {
      sessionId,
      participantId,
      requestedBy: (actor as { clinicianId: string }).clinicianId,
      requestedAt: deps.clock(),
    })
    if (!request) throw conflict('The patient has already been asked about this person.')
    await audit.record(tx, actor, 'consent.requested', {
      subjectKind: 'participant',
      subjectId: participantId,
      patientId: access.session.patientId,
    })
    await deps.events.publish(tx, { type: 'consent.requested', sessionId, requestId: request.id })
    return { id: request.id }
  })
}

export async function decideDropIn(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  requestId: string,
  decision: 'approved' | 'declined',
  categories: string[]
) {
  await deps.db.transaction(async (tx) => {
    const access = await findAccessible(tx, actor, sessionId, { lock: true })
    if (!access || access.me?.role !== 'patient') throw notFound('session')
    if (!isOpen(access.session.status)) throw conflict('This session has ended.')
    const request = await store.findOpenRequest(tx, sessionId, requestId, { lock: true })
    if (!request) throw conflict('This request has already been answered.')
    const base = (await store.listActiveRecords(tx, sessionId)).find(
      (r) => r.kind === 'joint_session'
    )
    if (!base) throw conflict('Please give your consent to this session first.')
    const now = deps.clock()
    await store.decideRequest(tx, request.id, decision, now)
    const decisions = await decisionsFor(tx, access.session, [
      { participantId: request.participantId, present: decision === 'approved', categories },
    ])
    await store.supersedeCovers(tx, sessionId, base.id, decisions, now)
    await audit.record(
      tx,
      actor,
      decision === 'approved' ? 'consent.drop_in_approved' : 'consent.drop_in_declined',
      {
        subjectKind: 'participant',
        subjectId: request.participantId,
        patientId: access.session.patientId,
        detail: { covers: summarise(decisions) },
      }
    )
    await deps.events.publish(tx, { type: 'consent.changed', sessionId })
    await deps.events.publish(tx, { type: 'lobby.changed', sessionId })
  })
}

export async function listTemplates(deps: Deps, actor: Actor): Promise<ConsentTemplate[]> {
  requireClinician(actor)
  return [...(await store.latestTemplates(deps.db)).values()].map(toTemplate)
}

/** Editing a document makes a new version; records keep the version and text hash they agreed to. */
export async function newTemplateVersion(
  deps: Deps,
  actor: Actor,
  kind: ConsentTemplate['kind'],
  input: NewTemplateVersionInput
): Promise<ConsentTemplate> {
  const clinician = requireClinician(actor)
  if (!isAdmin(clinician)) throw notFound()
  return deps.db.transaction(async (tx) => {
    const version = await store.nextVersion(tx, kind)
    const row = await store.insertTemplate(tx, {
      kind,
      version,
      title: input.title,
      body: input.body,
      bodyHash: createHash('sha256').update(input.body, 'utf8').digest('hex'),
      createdBy: clinician.clinicianId,
    })
    await audit.record(tx, clinician, 'consent.template_versioned', {
      subjectKind: 'consent_template',
      subjectId: row.id,
      detail: { kind, version },
    })
    return toTemplate(row)
  })
}
