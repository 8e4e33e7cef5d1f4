// Consent records: a participant answers their own document, or a host records the patient's consent to a case
// conference. The only writer of consent_records besides withdrawal.
import type { GiveConsentInput, RecordPatientConsentInput } from '../../shared/consent-inputs'
import { requireClinician } from '../accounts/service'
import * as audit from '../audit/service'
import type { Deps } from '../deps'
import type { Actor } from '../identity/actor'
import { conflict, invalidInput, notFound } from '../http/errors'
import { findAccessible, isOpen } from '../sessions/access'
import { applyLostCover, decisionsFor, disconnect, summarise } from './covers'
import { ownDocumentFor } from './gate'
import * as store from './store'

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
