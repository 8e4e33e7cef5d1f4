// Cover decisions (who may be present, which categories they may see) and what losing a cover does to the live
// call: the admission ends in the same transaction, the media server is told after commit.
import type { CoverChoice } from '../../shared/consent-inputs'
import * as admissionStore from '../admission/store'
import * as audit from '../audit/service'
import type { Tx } from '../db/client'
import type { Deps } from '../deps'
import type { Actor } from '../identity/actor'
import { invalidInput } from '../http/errors'
import type { SessionAccess } from '../sessions/access'
import * as sessionsStore from '../sessions/store'
import type { sessions } from '../sessions/tables'
import { consentState } from './state'
import * as store from './store'

type SessionRow = typeof sessions.$inferSelect

async function validCategories(tx: Tx, codes: string[]) {
  const known = new Set((await store.listCategories(tx)).map((c) => c.code))
  for (const c of codes)
    if (!known.has(c)) throw invalidInput(`Unknown information category: ${c}.`)
  return [...known]
}

/** Presence and category decisions for the given choices, ready for supersedeCovers. */
export async function decisionsFor(tx: Tx, session: SessionRow, choices: CoverChoice[]) {
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

export const summarise = (
  decisions: { participantId: string; category: string | null; permitted: boolean }[]
) =>
  decisions.map(
    (d) => `${d.participantId}:${d.category ?? 'presence'}:${d.permitted ? 'permit' : 'deny'}`
  )

/**
 * Ends the admission of everyone in the call whose cover is no longer active, in the caller's transaction, and tells
 * every stream. Returns who must leave the media server once the transaction commits.
 */
export async function applyLostCover(
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
export async function disconnect(
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
