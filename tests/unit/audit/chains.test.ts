import { describe, expect, it } from 'vitest'
import { GENESIS, hashEvent, verifyChain, type ChainRow } from '../../../server/audit/chain'

const P = '00000000-0000-4000-8000-00000000000a'
const Q = '00000000-0000-4000-8000-00000000000b'

/** Rows in seq order, each linked to the previous row of its own chain (or, legacy, of the whole trail). */
function trail(
  patients: (string | null)[],
  link: (i: number) => 'per-chain' | 'single' = () => 'per-chain'
): ChainRow[] {
  const last = new Map<string, string>()
  let lastAny = GENESIS
  return patients.map((patientId, i) => {
    const seq = i + 1
    const fields = {
      seq,
      id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      at: new Date(Date.UTC(2026, 10, 27, 7, 0, seq)),
      actorKind: 'system',
      actorId: null,
      action: 'responses.submitted',
      subjectKind: null,
      subjectId: null,
      patientId,
      detail: {},
    }
    const key = patientId ?? 'clinic'
    const prevHash = link(i) === 'single' ? lastAny : (last.get(key) ?? GENESIS)
    const hash = hashEvent(prevHash, fields)
    last.set(key, hash)
    lastAny = hash
    return { ...fields, prevHash, hash }
  })
}

describe('one audit chain per patient', () => {
  it('verifies interleaved chains of two patients and the clinic-wide one', () => {
    expect(verifyChain(trail([P, Q, null, P, Q, Q, null, P]))).toEqual({ ok: true, checked: 8 })
  })

  it('still verifies rows written as one single chain before per-patient chains, and the rows after them', () => {
    const rows = trail([P, Q, null, P, Q, P], (i) => (i < 4 ? 'single' : 'per-chain'))
    expect(verifyChain(rows)).toEqual({ ok: true, checked: 6 })
    rows.splice(3, 1)
    expect(verifyChain(rows).ok).toBe(false)
  })

  it('finds a row removed from one patient’s chain', () => {
    const rows = trail([P, Q, P, Q, P])
    rows.splice(2, 1)
    expect(verifyChain(rows)).toMatchObject({ ok: false, brokenAtSeq: 5 })
  })

  it('finds a row edited in one patient’s chain', () => {
    const rows = trail([P, Q, P, Q])
    rows[1] = { ...rows[1]!, action: 'responses.deleted' }
    expect(verifyChain(rows)).toMatchObject({ ok: false, brokenAtSeq: 2 })
  })
})
