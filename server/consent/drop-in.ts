// Drop-in requests: mid-session, a host asks the patient to cover someone new, and the patient decides.
import { requireClinician } from '../accounts/service'
import * as audit from '../audit/service'
import type { Deps } from '../deps'
import type { Actor } from '../identity/actor'
import { conflict, notFound } from '../http/errors'
import { findAccessible, isOpen } from '../sessions/access'
import * as sessionsStore from '../sessions/store'
import { decisionsFor, summarise } from './covers'
import * as store from './store'

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
