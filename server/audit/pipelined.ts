// Audit appends for a pipelined transaction (db/pipelined.ts): the same chain, lock and hash as record() in
// service.ts, sent as statements that travel with the transaction's others instead of waiting on one another.
import { chainOf, GENESIS } from './chain'
import type { Conn } from '../db/pipelined'
import { AUDIT_LOCK, type ChainHead, type chainedRow } from './service'

/**
 * Locks the chain of `patientId` (null: the clinic-wide chain) until commit, then reads its last hash and takes the
 * next `seq`. Two statements, in this order: the read starts after the lock is held, so it sees every row of the
 * chain committed before. Start them in the same tick as the statements they travel with.
 */
export function lockChainHead(conn: Conn, patientId: string | null): Promise<ChainHead> {
  const id = patientId?.toLowerCase() ?? null
  const locked =
    conn`select pg_advisory_xact_lock(${AUDIT_LOCK}, hashtext(${chainOf({ patientId: id })}))`.execute()
  const head = (
    id
      ? conn<{ prev_hash: string | null; seq: number }[]>`
          select (select hash from audit_events where patient_id = ${id} order by seq desc limit 1) as prev_hash,
                 nextval('audit_events_seq_seq')::int as seq`
      : conn<{ prev_hash: string | null; seq: number }[]>`
          select (select hash from audit_events where patient_id is null order by seq desc limit 1) as prev_hash,
                 nextval('audit_events_seq_seq')::int as seq`
  ).execute()
  return Promise.all([locked, head]).then(([, [row]]) => ({
    prevHash: row!.prev_hash ?? GENESIS,
    seq: row!.seq,
  }))
}

/**
 * lockChainHead for the chain of a session's patient, for a transaction that has not read the session yet: the same
 * two statements, the patient looked up by the session's id inside them. Sessions always name their patient.
 */
export function lockSessionChainHead(conn: Conn, sessionId: string): Promise<ChainHead> {
  const patientOf = conn`(select s.patient_id::text from sessions s where s.id = ${sessionId})`
  const locked =
    conn`select pg_advisory_xact_lock(${AUDIT_LOCK}, hashtext(coalesce(${patientOf}, ${chainOf({ patientId: null })})))`.execute()
  const head = conn<{ prev_hash: string | null; seq: number }[]>`
    select (select hash from audit_events where patient_id = ${patientOf}::uuid order by seq desc limit 1) as prev_hash,
           nextval('audit_events_seq_seq')::int as seq`.execute()
  return Promise.all([locked, head]).then(([, [row]]) => ({
    prevHash: row!.prev_hash ?? GENESIS,
    seq: row!.seq,
  }))
}

/** A further row on a chain already locked by this transaction: the next `seq` after `previous`. */
export const nextHead = (conn: Conn, previous: { hash: string }): Promise<ChainHead> =>
  conn<{ seq: number }[]>`select nextval('audit_events_seq_seq')::int as seq`
    .execute()
    .then(([row]) => ({ prevHash: previous.hash, seq: row!.seq }))

/** Inserts a row made by chainedRow. */
export function append(conn: Conn, row: ReturnType<typeof chainedRow>) {
  return conn`
    insert into audit_events
      (seq, id, at, actor_kind, actor_id, action, subject_kind, subject_id, patient_id, detail, prev_hash, hash)
    values (${row.seq}, ${row.id}, ${row.at.toISOString()}::timestamptz, ${row.actorKind}, ${row.actorId}, ${row.action}, ${row.subjectKind},
      ${row.subjectId}, ${row.patientId}, ${JSON.stringify(row.detail)}::jsonb, ${row.prevHash}, ${row.hash})`.execute()
}
