// A host's decision on someone waiting: admit every cleared clinician at once, or deny (admitting one person is in
// admit.ts). The server enforces the consent gate here; the lobby's disabled button is only a courtesy.
import * as audit from '../audit/service'
import { consentState } from '../consent/state'
import type { Tx } from '../db/client'
import type { Deps } from '../deps'
import type { Actor } from '../identity/actor'
import { conflict } from '../http/errors'
import type { SessionAccess } from '../sessions/access'
import { isClinicianRole } from './grants'
import { requireHost, subject } from './guards'
import * as store from './store'

/** Lets in every waiting clinician and specialist; patients and partners are always admitted one by one. */
export async function admitAllClinicians(
  deps: Deps,
  actor: Actor,
  sessionId: string
): Promise<{ admitted: number }> {
  return deps.db.transaction(async (tx) => {
    const access = await requireHost(tx, actor, sessionId)
    const { gates } = await consentState(tx, access.session)
    const waiting = (await store.listWaiting(tx, sessionId, { lock: true })).filter(
      (w) => isClinicianRole(w.participant.role) && gates.get(w.participant.id)?.admissible
    )
    for (const w of waiting) await admitEntry(deps, tx, actor, access, w.participant.id)
    return { admitted: waiting.length }
  })
}

async function admitEntry(
  deps: Deps,
  tx: Tx,
  actor: Actor,
  access: SessionAccess,
  participantId: string
) {
  const now = deps.clock()
  const by = actor.kind === 'clinician' ? actor.clinicianId : null
  await store.insertAdmission(tx, {
    sessionId: access.session.id,
    participantId,
    admittedBy: by,
    admittedAt: now,
  })
  await store.upsertEntry(tx, {
    participantId,
    sessionId: access.session.id,
    state: 'admitted',
    waitingSince: null,
    decidedAt: now,
    decidedBy: by,
    updatedAt: now,
  })
  await audit.record(tx, actor, 'admission.granted', subject(access, participantId))
  await deps.events.publish(tx, {
    type: 'admission.granted',
    sessionId: access.session.id,
    participantId,
  })
  await deps.events.publish(tx, { type: 'lobby.changed', sessionId: access.session.id })
}

export async function deny(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  participantId: string
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const access = await requireHost(tx, actor, sessionId)
    const entry = await store.findEntry(tx, sessionId, participantId, { lock: true })
    if (!entry || entry.sessionId !== sessionId || entry.state !== 'waiting')
      throw conflict('This person is no longer waiting.')
    const now = deps.clock()
    await store.upsertEntry(tx, {
      ...entry,
      state: 'denied',
      decidedAt: now,
      decidedBy: actor.kind === 'clinician' ? actor.clinicianId : null,
      updatedAt: now,
    })
    await audit.record(tx, actor, 'admission.denied', subject(access, participantId))
    await deps.events.publish(tx, { type: 'admission.denied', sessionId, participantId })
    await deps.events.publish(tx, { type: 'lobby.changed', sessionId })
  })
}
