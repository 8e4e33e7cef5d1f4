// Audit events: the only writer of audit_events. Call record() inside the transaction of the action it describes.
import { randomUUID } from 'node:crypto'
import { asc, desc, eq, isNull, sql } from 'drizzle-orm'
import type { Queryable } from '../db/client'
import type { Actor } from '../identity/actor'
import {
  chainOf,
  GENESIS,
  hashEvent,
  newChainState,
  verifyChain,
  type ChainBreak,
  type ChainVerdict,
} from './chain'
import { auditEvents } from './tables'

export type AuditSubject = {
  subjectKind?: string
  subjectId?: string
  patientId?: string
  detail?: Record<string, unknown>
}

function actorFields(actor: Actor): {
  actorKind: 'clinician' | 'participant' | 'system' | 'anonymous'
  actorId: string | null
} {
  switch (actor.kind) {
    case 'clinician':
      return { actorKind: 'clinician', actorId: actor.clinicianId }
    case 'participant':
      return { actorKind: 'participant', actorId: actor.participantId }
    case 'system':
      return { actorKind: 'system', actorId: null }
    case 'anonymous':
      return { actorKind: 'anonymous', actorId: null }
  }
}

// The hash covers the row as PostgreSQL will store it, not as the caller spelt it, so that reading it back verifies:
// a uuid column keeps lower case, and jsonb drops what JSON cannot say (undefined, functions, Date objects).
const asStoredUuid = (id: string | null | undefined) => id?.toLowerCase() ?? null
const asStoredJson = (detail: Record<string, unknown>) =>
  JSON.parse(JSON.stringify(detail)) as Record<string, unknown>

/** The advisory lock class of audit appends; the second key is the chain's. */
export const AUDIT_LOCK = 7243002

/**
 * Appends one event to its chain: the patient's, or the clinic-wide one for events about no patient. The advisory
 * lock serialises appends to that chain until the surrounding transaction commits, so each row links to the row of
 * its chain committed before it. One chain per patient means audited writes about different patients no longer
 * queue behind one another (BENCHMARKS.md, outcomes: a single chain capped questionnaire submissions).
 */
export async function record(
  tx: Queryable,
  actor: Actor,
  action: string,
  subject: AuditSubject = {}
) {
  const patientId = asStoredUuid(subject.patientId)
  // One chain per patient (hashtext may collide: two chains then share a lock, which is only slower, never wrong).
  // Sent together, one round trip: PostgreSQL runs a connection's pipelined statements in order, so the last hash
  // and the sequence number are still read only once the lock is held.
  const [, [last], [{ seq }]] = await Promise.all([
    tx.execute(
      sql`select pg_advisory_xact_lock(${AUDIT_LOCK}, hashtext(${chainOf({ patientId })}))`
    ),
    tx
      .select({ hash: auditEvents.hash })
      .from(auditEvents)
      .where(patientId ? eq(auditEvents.patientId, patientId) : isNull(auditEvents.patientId))
      .orderBy(desc(auditEvents.seq))
      .limit(1),
    tx.execute(sql`select nextval('audit_events_seq_seq')::int as seq`) as unknown as Promise<
      [{ seq: number }]
    >,
  ])
  const row = chainedRow(actor, action, subject, { prevHash: last?.hash ?? GENESIS, seq })
  await tx.insert(auditEvents).values(row)
}

/** Where a chain stands: the hash of its last row, and the `seq` the next row takes. */
export type ChainHead = { prevHash: string; seq: number }

/** The row to append after `head`, hashed over its content as PostgreSQL will store it. */
export function chainedRow(actor: Actor, action: string, subject: AuditSubject, head: ChainHead) {
  const event = {
    seq: head.seq,
    id: randomUUID(),
    // A JS Date has millisecond precision, as the column does, so the stored value hashes the same on reading.
    at: new Date(),
    ...actorFields(actor),
    action,
    subjectKind: subject.subjectKind ?? null,
    subjectId: asStoredUuid(subject.subjectId),
    patientId: asStoredUuid(subject.patientId),
    detail: asStoredJson(subject.detail ?? {}),
  }
  return { ...event, prevHash: head.prevHash, hash: hashEvent(head.prevHash, event) }
}

/** Verifies the whole chain in pages, so a long trail never loads into memory at once; reports every broken row. */
export async function verify(db: Queryable, pageSize = 1000): Promise<ChainVerdict> {
  const state = newChainState()
  let after = 0
  let checked = 0
  const broken: ChainBreak[] = []
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.seq} > ${after}`)
      .orderBy(asc(auditEvents.seq))
      .limit(pageSize)
    if (rows.length === 0) break
    const verdict = verifyChain(rows, state)
    if (!verdict.ok) broken.push(...verdict.broken)
    checked += verdict.checked
    after = rows[rows.length - 1]!.seq
  }
  const [first] = broken
  return first
    ? { ok: false, checked, brokenAtSeq: first.seq, reason: first.reason, broken }
    : { ok: true, checked }
}
