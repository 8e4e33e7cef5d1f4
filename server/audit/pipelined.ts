// Audit appends for a pipelined transaction (db/pipelined.ts): the same chain, lock and hash as record() in
// service.ts, sent as statements that travel with the transaction's others instead of waiting on one another.
import type { Conn } from '../db/pipelined'
import { chainOf, GENESIS } from './chain'
import { AUDIT_LOCK, type ChainHead, type chainedRow } from './service'

/** The SQL that takes the advisory lock of `patientId`'s chain (null: the clinic-wide chain) until commit. */
export const chainLockSql = (conn: Conn, patientId: string | null) =>
  conn`pg_advisory_xact_lock(${AUDIT_LOCK}, hashtext(${chainOf({ patientId: patientId?.toLowerCase() ?? null })}))`

/** chainLockSql for the chain of a patient named in SQL: `patientIdText`, a column or subquery giving their id as text. */
export const chainLockOfSql = (conn: Conn, patientIdText: ReturnType<Conn>) =>
  conn`pg_advisory_xact_lock(${AUDIT_LOCK}, hashtext(${patientIdText}))`

/**
 * The last hash of `patientId`'s chain and the next `seq`. Only once this transaction holds the chain's lock, in a
 * later statement than the one that took it: a statement sees the rows committed before it started, and the
 * previous holder may have committed while it waited for the lock.
 */
export function readChainHead(conn: Conn, patientId: string | null): Promise<ChainHead> {
  const id = patientId?.toLowerCase() ?? null
  return (
    id
      ? conn<{ prev_hash: string | null; seq: number }[]>`
          select (select hash from audit_events where patient_id = ${id} order by seq desc limit 1) as prev_hash,
                 nextval('audit_events_seq_seq')::int as seq`
      : conn<{ prev_hash: string | null; seq: number }[]>`
          select (select hash from audit_events where patient_id is null order by seq desc limit 1) as prev_hash,
                 nextval('audit_events_seq_seq')::int as seq`
  )
    .execute()
    .then(([row]) => ({ prevHash: row!.prev_hash ?? GENESIS, seq: row!.seq }))
}

/**
 * Locks the chain of `patientId` (null: the clinic-wide chain) until commit, then reads its head: two statements,
 * started together. Start them in the same tick as the statements they travel with.
 */
export function lockChainHead(conn: Conn, patientId: string | null): Promise<ChainHead> {
  const locked = conn`select ${chainLockSql(conn, patientId)}`.execute()
  return Promise.all([locked, readChainHead(conn, patientId)]).then(([, head]) => head)
}

/** readChainHead for the chain of a patient named in SQL (`patientId`: a uuid column or subquery). */
const readChainHeadOf = (conn: Conn, patientId: ReturnType<Conn>) =>
  conn<{ prev_hash: string | null; seq: number }[]>`
    select (select hash from audit_events where patient_id = ${patientId} order by seq desc limit 1) as prev_hash,
           nextval('audit_events_seq_seq')::int as seq`
    .execute()
    .then(([row]) => ({ prevHash: row!.prev_hash ?? GENESIS, seq: row!.seq }))

/**
 * lockChainHead for the chain of a session's patient, for a transaction that has not read the session yet: the same
 * two statements, the patient looked up by the session's id inside them. Sessions always name their patient.
 */
export function lockSessionChainHead(conn: Conn, sessionId: string): Promise<ChainHead> {
  const patientOf = conn`(select s.patient_id::text from sessions s where s.id = ${sessionId})`
  const locked =
    conn`select pg_advisory_xact_lock(${AUDIT_LOCK}, hashtext(coalesce(${patientOf}, ${chainOf({ patientId: null })})))`.execute()
  const head = readChainHeadOf(conn, conn`${patientOf}::uuid`)
  return Promise.all([locked, head]).then(([, head]) => head)
}

/**
 * The head of the chain of a response's patient, for a transaction whose statement before this one locked that
 * chain (submission-store.ts). Should the response not exist, the head read is of no chain and goes unused.
 */
export const readResponseChainHead = (conn: Conn, responseId: string): Promise<ChainHead> =>
  readChainHeadOf(conn, conn`(select r.patient_id from responses r where r.id = ${responseId})`)

/**
 * A `seq` for a further row on a chain this transaction locks, taken ahead so that it travels with the statements
 * that lock the chain and read its head. Start it after them: the seq must follow the head's.
 */
export const reserveSeq = (conn: Conn): Promise<number> =>
  conn<{ seq: number }[]>`select nextval('audit_events_seq_seq')::int as seq`
    .execute()
    .then(([row]) => row!.seq)

/** A further row on a chain already locked by this transaction: the next `seq` after `previous`. */
export const nextHead = (conn: Conn, previous: { hash: string }): Promise<ChainHead> =>
  reserveSeq(conn).then((seq) => ({ prevHash: previous.hash, seq }))

export type AuditRow = ReturnType<typeof chainedRow>

/** The columns of an audit row and their values, for an insert on its own or inside a larger statement. */
export const auditInsertSql = (conn: Conn, row: AuditRow) => conn`
    insert into audit_events
      (seq, id, at, actor_kind, actor_id, action, subject_kind, subject_id, patient_id, detail, prev_hash, hash)
    values (${row.seq}, ${row.id}, ${row.at.toISOString()}::timestamptz, ${row.actorKind}, ${row.actorId}, ${row.action},
      ${row.subjectKind}, ${row.subjectId}, ${row.patientId}, ${JSON.stringify(row.detail)}::jsonb, ${row.prevHash},
      ${row.hash})`

/** Inserts a row made by chainedRow. */
export const append = (conn: Conn, row: AuditRow) => conn`${auditInsertSql(conn, row)}`.execute()
