import { describe, expect, it } from 'vitest'
import {
  canonicalJson,
  GENESIS,
  hashEvent,
  verifyChain,
  type ChainRow,
} from '../../../server/audit/chain'

function chain(n: number): ChainRow[] {
  const rows: ChainRow[] = []
  let prev = GENESIS
  for (let seq = 1; seq <= n; seq++) {
    const fields = {
      seq,
      id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      at: new Date(Date.UTC(2026, 10, 23, 10, 0, seq)),
      actorKind: 'clinician',
      actorId: null,
      action: 'patients.viewed',
      subjectKind: 'patient',
      subjectId: null,
      patientId: null,
      detail: { n: seq, nested: { b: 1, a: 2 } },
    }
    const hash = hashEvent(prev, fields)
    rows.push({ ...fields, prevHash: prev, hash })
    prev = hash
  }
  return rows
}

describe('the audit hash chain', () => {
  it('verifies an untouched chain', () => {
    expect(verifyChain(chain(5))).toEqual({ ok: true, checked: 5 })
  })

  it('finds a row whose content was changed', () => {
    const rows = chain(5)
    rows[2] = { ...rows[2]!, action: 'patients.updated' }
    expect(verifyChain(rows)).toMatchObject({
      ok: false,
      brokenAtSeq: 3,
      reason: expect.stringMatching(/content/),
    })
  })

  it('finds a deleted row by the broken link after it', () => {
    const rows = chain(5)
    rows.splice(1, 1)
    expect(verifyChain(rows)).toMatchObject({
      ok: false,
      brokenAtSeq: 3,
      reason: expect.stringMatching(/link/),
    })
  })

  it('finds a row whose hash was recomputed after an edit', () => {
    const rows = chain(4)
    const edited = { ...rows[1]!, detail: { forged: true } }
    rows[1] = { ...edited, hash: hashEvent(edited.prevHash, edited) }
    expect(verifyChain(rows)).toMatchObject({ ok: false, brokenAtSeq: 3 })
  })

  it('reports every broken row, not only the first', () => {
    const rows = chain(6)
    rows[1] = { ...rows[1]!, action: 'patients.updated' }
    rows[4] = { ...rows[4]!, detail: { edited: true } }
    const verdict = verifyChain(rows)
    expect(verdict).toMatchObject({ ok: false, brokenAtSeq: 2, checked: 6 })
    expect(!verdict.ok && verdict.broken.map((b) => b.seq)).toEqual([2, 5])
  })

  it('hashes the same whatever order jsonb returns keys in', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}'
    )
  })
})
