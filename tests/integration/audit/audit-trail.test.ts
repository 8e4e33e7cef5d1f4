import { beforeAll, describe, expect, it } from 'vitest'
import * as audit from '../../../server/audit/service'
import { startTestApp, type TestApp } from '../../support/app'
import { createCareTeam, createClinic, createClinician, signIn } from '../../support/people'

let t: TestApp

beforeAll(async () => {
  t = await startTestApp()
  const clinicId = (await createClinic(t)).id
  const gp = await createClinician(t, clinicId)
  const patient = await createCareTeam(t, clinicId, [gp])
  const cookie = await signIn(t, gp)
  for (let i = 0; i < 3; i++) await t.request(`/api/patients/${patient.id}`, { cookie })
})

describe('the audit trail', () => {
  it('forms an unbroken hash chain', async () => {
    const verdict = await audit.verify(t.deps.db)
    expect(verdict).toMatchObject({ ok: true })
    expect(verdict.checked).toBeGreaterThanOrEqual(4)
  })

  it('keeps one chain when audited actions run concurrently', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.deps.db.transaction((tx) =>
          audit.record(tx, { kind: 'system' }, 'test.concurrent', { detail: { i } })
        )
      )
    )
    expect(await audit.verify(t.deps.db)).toMatchObject({ ok: true })
  })

  it.each([
    'update audit_events set action = $$x$$',
    'delete from audit_events',
    'truncate audit_events',
  ])("refuses the app's role: %s", async (statement) => {
    await expect(t.appSql.unsafe(statement)).rejects.toMatchObject({ code: '42501' })
  })

  it('exposes a tampered row even when someone with owner rights bypasses the guards', async () => {
    const [target] = await t.owner.sql<
      { seq: number }[]
    >`select seq::int from audit_events order by seq limit 1 offset 2`
    await t.owner.sql.begin(async (sql) => {
      await sql`alter table audit_events disable trigger audit_events_no_update_delete`
      await sql`update audit_events set detail = '{"edited": true}' where seq = ${target!.seq}`
      await sql`alter table audit_events enable trigger audit_events_no_update_delete`
    })
    const verdict = await audit.verify(t.deps.db)
    expect(verdict).toMatchObject({ ok: false, brokenAtSeq: target!.seq })
  })

  it('reports every tampered row, across pages, not only the first', async () => {
    const rows = await t.owner.sql<
      { seq: number }[]
    >`select seq::int from audit_events order by seq`
    const later = rows.at(-1)!.seq
    await t.owner.sql.begin(async (sql) => {
      await sql`alter table audit_events disable trigger audit_events_no_update_delete`
      await sql`update audit_events set action = 'edited' where seq = ${later}`
      await sql`alter table audit_events enable trigger audit_events_no_update_delete`
    })
    const verdict = await audit.verify(t.deps.db, 2)
    expect(verdict.ok).toBe(false)
    const broken = verdict.ok ? [] : verdict.broken.map((b) => b.seq)
    expect(broken).toContain(later)
    expect(broken.length).toBeGreaterThanOrEqual(2)
  })
})
