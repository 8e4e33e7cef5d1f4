// Sessions: scheduling, editing, cancelling, and personal links for people who join without an account.
import { randomBytes } from 'node:crypto'
import type { Role } from '../../shared/enums'
import type {
  InvitationLink,
  Participant,
  ScheduledSession,
  SessionDetail,
  SessionSummary,
} from '../../shared/sessions'
import type {
  AddParticipantInput,
  ScheduleSessionInput,
  UpdateSessionInput,
} from '../../shared/session-inputs'
import { hashSecret } from '../identity/secrets'
import { requireClinician } from '../accounts/service'
import * as audit from '../audit/service'
import type { Tx } from '../db/client'
import type { Deps } from '../deps'
import type { Actor } from '../identity/actor'
import { conflict, invalidInput, notFound } from '../http/errors'
import * as patientsStore from '../patients/store'
import { findAccessible, isOpen, type SessionAccess } from './access'
import * as store from './store'
import type { participants, sessions } from './tables'

export const toSessionSummary = (row: store.SessionSummaryRow): SessionSummary => ({
  ...row,
  startsAt: row.startsAt.toISOString(),
})

const toParticipant = (p: typeof participants.$inferSelect): Participant => ({
  id: p.id,
  role: p.role,
  displayName: p.displayName,
  discipline: p.discipline,
  clinicianId: p.clinicianId,
  joinsByLink: p.clinicianId === null,
})

async function toDetail(
  tx: Tx,
  access: SessionAccess,
  patientName: string,
  showAgenda: boolean
): Promise<SessionDetail> {
  const s = access.session
  return {
    id: s.id,
    kind: s.kind,
    patientId: s.patientId,
    patientName,
    startsAt: s.startsAt.toISOString(),
    durationMinutes: s.durationMinutes,
    // The agenda is the team's working note; people joining by link see who will be there, not the team's notes.
    agenda: showAgenda ? s.agenda : '',
    status: s.status,
    participants: (await store.listParticipants(tx, s.id)).map(toParticipant),
    myParticipantId: access.me?.id ?? null,
    isHost: access.isHost,
  }
}

export async function listMySessions(
  deps: Deps,
  actor: Actor,
  scope: 'upcoming' | 'past'
): Promise<SessionSummary[]> {
  const clinician = requireClinician(actor)
  const rows = await store.listForClinician(deps.db, clinician.clinicianId, scope, deps.clock())
  return rows.map(toSessionSummary)
}

export async function getSession(
  deps: Deps,
  actor: Actor,
  sessionId: string
): Promise<SessionDetail> {
  return deps.db.transaction(async (tx) => {
    const access = await findAccessible(tx, actor, sessionId)
    if (!access) throw notFound('session')
    const patient = await patientsStore.findById(tx, access.session.patientId)
    await audit.record(tx, actor, 'sessions.viewed', {
      subjectKind: 'session',
      subjectId: sessionId,
      patientId: access.session.patientId,
    })
    return toDetail(tx, access, patient?.displayName ?? '', access.isClinician)
  })
}

export async function schedule(
  deps: Deps,
  actor: Actor,
  input: ScheduleSessionInput
): Promise<ScheduledSession> {
  const clinician = requireClinician(actor)
  return deps.db.transaction(async (tx) => {
    const patient = await patientsStore.findVisible(tx, clinician, input.patientId)
    if (!patient) throw notFound('patient')
    const team = new Map(
      (await patientsStore.listCareTeam(tx, patient.id)).map((m) => [m.clinicianId, m])
    )
    if (!team.has(clinician.clinicianId)) throw notFound('patient')
    const hostIds = input.hostIds.length ? input.hostIds : [clinician.clinicianId]
    const invitedIds = input.clinicianIds.filter((id) => !hostIds.includes(id))
    for (const id of [...hostIds, ...invitedIds]) {
      if (!team.has(id))
        throw invalidInput(
          "Hosts and invited clinicians must be on the patient's care team. Invite anyone else as an outside specialist."
        )
    }
    const startsAt = new Date(input.startsAt)
    if (startsAt.getTime() + input.durationMinutes * 60_000 < deps.clock().getTime()) {
      throw invalidInput('That time has already passed. Choose a time in the future.')
    }

    const session = await store.insertSession(tx, {
      clinicId: clinician.clinicId,
      kind: input.kind,
      patientId: patient.id,
      startsAt,
      durationMinutes: input.durationMinutes,
      agenda: input.agenda,
      createdBy: clinician.clinicianId,
    })
    const teamMember = (id: string, role: Role) => {
      const m = team.get(id)!
      return {
        sessionId: session.id,
        role,
        clinicianId: id,
        displayName: m.displayName,
        discipline: m.discipline,
      }
    }
    const rows = await store.insertParticipants(tx, [
      ...hostIds.map((id) => teamMember(id, 'host')),
      ...invitedIds.map((id) => teamMember(id, 'clinician')),
      ...input.specialists.map((s) => ({
        sessionId: session.id,
        role: 'specialist' as const,
        displayName: s.displayName,
        discipline: s.discipline,
        email: s.email,
      })),
      ...(input.invitePatient
        ? [
            {
              sessionId: session.id,
              role: 'patient' as const,
              displayName: patient.displayName,
              email: patient.email,
            },
          ]
        : []),
      ...(input.partner
        ? [
            {
              sessionId: session.id,
              role: 'partner' as const,
              displayName: input.partner.displayName,
              email: input.partner.email,
            },
          ]
        : []),
    ])
    const links: InvitationLink[] = []
    for (const p of rows.filter((r) => r.clinicianId === null))
      links.push(await createInvitation(deps, tx, session, p))

    await audit.record(tx, clinician, 'sessions.scheduled', {
      subjectKind: 'session',
      subjectId: session.id,
      patientId: patient.id,
      detail: { kind: session.kind, roles: rows.map((r) => r.role) },
    })
    const access = {
      session,
      me: rows.find((r) => r.clinicianId === clinician.clinicianId),
      isHost: hostIds.includes(clinician.clinicianId),
      isClinician: true,
    }
    return { session: await toDetail(tx, access, patient.displayName, true), links }
  })
}

/** Makes a personal link; only its hash is kept. The link is shown once, to the host who hands it over: the app
 * never stores it (there is no mail outbox holding links at rest). */
async function createInvitation(
  deps: Deps,
  tx: Tx,
  session: typeof sessions.$inferSelect,
  p: typeof participants.$inferSelect
): Promise<InvitationLink> {
  const secret = randomBytes(24).toString('base64url')
  const expiresAt = store.accessExpiry(session.startsAt, session.durationMinutes)
  await store.insertInvitation(tx, {
    participantId: p.id,
    secretHash: hashSecret(secret),
    expiresAt,
  })
  // The secret rides in the fragment, which browsers never send to a server: it stays out of access logs.
  const url = `${deps.config.publicUrl}/join/${session.id}#${secret}`
  return {
    participantId: p.id,
    displayName: p.displayName,
    role: p.role,
    url,
    expiresAt: expiresAt.toISOString(),
  }
}

async function requireHost(tx: Tx, actor: Actor, sessionId: string) {
  const access = await findAccessible(tx, actor, sessionId, { lock: true })
  if (!access) throw notFound('session')
  if (!access.isHost) throw notFound('session')
  return access
}

export async function updateSession(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  input: UpdateSessionInput
): Promise<SessionDetail> {
  return deps.db.transaction(async (tx) => {
    const access = await requireHost(tx, actor, sessionId)
    if (access.session.status !== 'scheduled')
      throw conflict('Only a session that has not started can be changed.')
    const now = deps.clock()
    const startsAt = input.startsAt ? new Date(input.startsAt) : undefined
    // The same rule as scheduling: a session moved into the past would leave its links already expired.
    const duration = input.durationMinutes ?? access.session.durationMinutes
    if (startsAt && startsAt.getTime() + duration * 60_000 < now.getTime())
      throw invalidInput('That time has already passed. Choose a time in the future.')
    const session = await store.updateSession(
      tx,
      sessionId,
      { startsAt, durationMinutes: input.durationMinutes, agenda: input.agenda },
      now
    )
    if (startsAt || input.durationMinutes)
      await store.extendAccess(
        tx,
        sessionId,
        store.accessExpiry(session.startsAt, session.durationMinutes)
      )
    const changed = Object.keys(input).filter(
      (k) => input[k as keyof UpdateSessionInput] !== undefined
    )
    await audit.record(tx, actor, startsAt ? 'sessions.rescheduled' : 'sessions.updated', {
      subjectKind: 'session',
      subjectId: sessionId,
      patientId: session.patientId,
      detail: { changed },
    })
    await deps.events.publish(tx, { type: 'session.changed', sessionId })
    const patient = await patientsStore.findById(tx, session.patientId)
    return toDetail(tx, { ...access, session }, patient?.displayName ?? '', true)
  })
}

export async function cancelSession(
  deps: Deps,
  actor: Actor,
  sessionId: string
): Promise<SessionDetail> {
  return deps.db.transaction(async (tx) => {
    const access = await requireHost(tx, actor, sessionId)
    if (!isOpen(access.session.status))
      throw conflict('This session has already ended or been cancelled.')
    if (access.session.status === 'live')
      throw conflict('This session is under way. End it for everyone instead.')
    const now = deps.clock()
    const session = await store.updateSession(tx, sessionId, { status: 'cancelled' }, now)
    const ids = (await store.listParticipants(tx, sessionId)).map((p) => p.id)
    await store.revokeOpenInvitations(tx, ids, now)
    await store.endParticipantSessions(tx, ids, now)
    await audit.record(tx, actor, 'sessions.cancelled', {
      subjectKind: 'session',
      subjectId: sessionId,
      patientId: session.patientId,
    })
    await deps.events.publish(tx, { type: 'session.ended', sessionId })
    const patient = await patientsStore.findById(tx, session.patientId)
    return toDetail(tx, { ...access, session }, patient?.displayName ?? '', true)
  })
}

/** A new personal link for someone whose link was lost, used on another device or expired; the old one stops working. */
export async function reissueInvitation(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  participantId: string
): Promise<InvitationLink> {
  return deps.db.transaction(async (tx) => {
    const access = await requireHost(tx, actor, sessionId)
    if (!isOpen(access.session.status))
      throw conflict('This session has ended, so no new link can be made.')
    const p = await store.findParticipant(tx, sessionId, participantId)
    if (!p || p.clinicianId !== null) throw notFound('participant')
    const now = deps.clock()
    await store.revokeOpenInvitations(tx, [p.id], now)
    const link = await createInvitation(deps, tx, access.session, p)
    await audit.record(tx, actor, 'sessions.invitation_reissued', {
      subjectKind: 'participant',
      subjectId: p.id,
      patientId: access.session.patientId,
    })
    return link
  })
}

/** Invites one more person to a scheduled or running session: a care-team clinician, or an outside specialist by link. */
export async function addParticipant(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  input: AddParticipantInput
): Promise<{ participant: Participant; link: InvitationLink | null }> {
  return deps.db.transaction(async (tx) => {
    const access = await requireHost(tx, actor, sessionId)
    if (!isOpen(access.session.status)) throw conflict('This session has ended.')
    let row: typeof participants.$inferSelect
    if ('clinicianId' in input) {
      const member = (await patientsStore.listCareTeam(tx, access.session.patientId)).find(
        (m) => m.clinicianId === input.clinicianId
      )
      if (!member)
        throw invalidInput(
          "Only clinicians on the patient's care team join with their account. Invite anyone else as an outside specialist."
        )
      if (await store.findClinicianParticipant(tx, sessionId, input.clinicianId))
        throw conflict('This clinician is already invited.')
      ;[row] = (await store.insertParticipants(tx, [
        {
          sessionId,
          role: 'clinician',
          clinicianId: member.clinicianId,
          displayName: member.displayName,
          discipline: member.discipline,
        },
      ])) as [typeof participants.$inferSelect]
    } else {
      const s = input.specialist
      ;[row] = (await store.insertParticipants(tx, [
        {
          sessionId,
          role: 'specialist',
          displayName: s.displayName,
          discipline: s.discipline,
          email: s.email,
        },
      ])) as [typeof participants.$inferSelect]
    }
    const link =
      row.clinicianId === null ? await createInvitation(deps, tx, access.session, row) : null
    await audit.record(tx, actor, 'sessions.participant_added', {
      subjectKind: 'participant',
      subjectId: row.id,
      patientId: access.session.patientId,
      detail: { role: row.role },
    })
    await deps.events.publish(tx, { type: 'session.changed', sessionId })
    // A new person changes who the consent must cover and what the lobby shows.
    await deps.events.publish(tx, { type: 'consent.changed', sessionId })
    await deps.events.publish(tx, { type: 'lobby.changed', sessionId })
    return { participant: toParticipant(row), link }
  })
}
