// The audit hash chain: pure functions shared by writing and verification.
import { createHash } from 'node:crypto'

export const GENESIS = '0'.repeat(64)

export type ChainedFields = {
  seq: number
  id: string
  at: Date
  actorKind: string
  actorId: string | null
  action: string
  subjectKind: string | null
  subjectId: string | null
  patientId: string | null
  detail: Record<string, unknown>
}

/** Deterministic JSON: object keys sorted at every depth, so jsonb's key reordering cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

export function hashEvent(prevHash: string, e: ChainedFields): string {
  const content = canonicalJson({
    seq: e.seq,
    id: e.id,
    at: e.at.toISOString(),
    actorKind: e.actorKind,
    actorId: e.actorId,
    action: e.action,
    subjectKind: e.subjectKind,
    subjectId: e.subjectId,
    patientId: e.patientId,
    detail: e.detail,
  })
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex')
}

export type ChainRow = ChainedFields & { prevHash: string; hash: string }
export type ChainBreak = { seq: number; reason: string }
export type ChainVerdict =
  | { ok: true; checked: number }
  | {
      ok: false
      checked: number
      /** The first broken row, and every broken row: one bad row must not hide the others. */
      brokenAtSeq: number
      reason: string
      broken: ChainBreak[]
    }

/** Where verification stands between pages: the last hash of each chain, and of the trail as a whole. */
export type ChainState = { last: string; byChain: Map<string, string> }
export const newChainState = (start = GENESIS): ChainState => ({ last: start, byChain: new Map() })

/** The chain a row belongs to: its patient's, or the clinic-wide one for rows about no patient. */
export const chainOf = (row: Pick<ChainedFields, 'patientId'>) => row.patientId ?? 'clinic'

/**
 * Walks rows in seq order and reports every broken row: a row whose content does not match its own hash (edited),
 * and a row whose link does not match the row before it in its chain (a row removed, inserted or re-hashed before
 * it). There is one chain per patient (and one for the rest), so appends for different patients never wait on one
 * another; a link to the trail's previous row is also accepted, which is how rows written before per-patient
 * chains were linked. Each row is checked against its own stored link, so one break does not hide the others.
 */
export function verifyChain(
  rows: Iterable<ChainRow>,
  start: string | ChainState = GENESIS
): ChainVerdict {
  const state = typeof start === 'string' ? newChainState(start) : start
  let checked = 0
  const broken: ChainBreak[] = []
  for (const row of rows) {
    const key = chainOf(row)
    const chainPrev = state.byChain.get(key) ?? GENESIS
    if (row.prevHash !== chainPrev && row.prevHash !== state.last)
      broken.push({ seq: row.seq, reason: 'link to the previous row does not match' })
    if (hashEvent(row.prevHash, row) !== row.hash)
      broken.push({ seq: row.seq, reason: 'row content does not match its hash' })
    state.byChain.set(key, row.hash)
    state.last = row.hash
    checked++
  }
  const [first] = broken
  return first
    ? { ok: false, checked, brokenAtSeq: first.seq, reason: first.reason, broken }
    : { ok: true, checked }
}
