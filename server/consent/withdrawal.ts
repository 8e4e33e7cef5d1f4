// Withdrawal of consent, by person, by category or altogether; withdrawing it all ends the session, and anyone who
// loses their cover leaves the live call through the admission feature's removal.
import type { WithdrawInput } from '../../shared/consent-inputs'
import * as admissionStore from '../admission/store'
import * as audit from '../audit/service'
import type { Tx } from '../db/client'
import type { Deps } from '../deps'
import type { Actor } from '../identity/actor'
import { conflict, invalidInput, notAllowed, notFound } from '../http/errors'
import { findAccessible, isOpen, type SessionAccess } from '../sessions/access'
import * as sessionsStore from '../sessions/store'
import { applyLostCover, disconnect } from './covers'
import { consentState } from './state'
import * as store from './store'

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
