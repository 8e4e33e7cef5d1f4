import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyPlan } from '../../../shared/careplan-projection'
import { itemsOf, newItem, projectDoc } from '../../../shared/careplan-ydoc'
import * as careplan from '../../../server/careplan/service'
import * as store from '../../../server/careplan/store'
import type { ClinicianActor } from '../../../server/identity/actor'
import { startTestApp } from '../../support/app'
import { createCareTeam, createClinic, createClinician } from '../../support/people'

const t = await startTestApp()

async function setup() {
  const clinic = await createClinic(t)
  const doctor = await createClinician(t, clinic.id, { discipline: 'primary_care' })
  const patient = await createCareTeam(t, clinic.id, [doctor])
  const actor: ClinicianActor = {
    kind: 'clinician',
    clinicianId: doctor.id,
    clinicId: clinic.id,
    role: 'clinician',
    discipline: doctor.discipline,
    displayName: doctor.displayName,
    authSessionId: '00000000-0000-4000-8000-000000000000',
  }
  return { patient, actor }
}

async function storeGoal(patientId: string, text: string) {
  const doc = new Y.Doc()
  itemsOf(doc).push([newItem('goals', 'g1', { text, measure: 'PHQ-9', target: 'below 10' })])
  await store.upsertDocument(t.deps.db, {
    patientId,
    part: 'goals',
    state: Y.encodeStateAsUpdate(doc),
    projection: projectDoc('goals', doc),
    updatedAt: new Date(),
  })
}

describe('care-plan store', () => {
  it('reads the current plan from the stored projections, other parts empty', async () => {
    const { patient } = await setup()
    expect(await careplan.currentPlan(t.deps.db, patient.id)).toEqual(emptyPlan())
    await storeGoal(patient.id, 'Feel less low')
    const plan = await careplan.currentPlan(t.deps.db, patient.id)
    expect(plan.goals).toMatchObject([{ id: 'g1', text: 'Feel less low', target: 'below 10' }])
    expect(plan.concerns).toEqual([])
  })

  it('saves numbered versions, reports changes since the last one, and never lets one change', async () => {
    const { patient, actor } = await setup()
    await storeGoal(patient.id, 'Feel less low')
    expect((await careplan.changesSinceLastVersion(t.deps.db, patient.id)).length).toBe(1)
    const first = await careplan.saveVersion(t.deps, actor, patient.id)
    expect(first.number).toBe(1)
    expect(await careplan.changesSinceLastVersion(t.deps.db, patient.id)).toEqual([])
    await storeGoal(patient.id, 'Feel less low most days')
    const second = await careplan.saveVersion(t.deps, actor, patient.id)
    const diff = await careplan.compareVersions(
      t.deps,
      actor,
      patient.id,
      second.id,
      undefined,
      null
    )
    expect(diff.from?.id).toBe(first.id)
    expect(diff.changes).toMatchObject([
      {
        part: 'goals',
        kind: 'changed',
        fields: [{ field: 'text', after: 'Feel less low most days' }],
      },
    ])
    await expect(
      t.appSql`update careplan_versions set saved_by = 'someone else' where id = ${first.id}`
    ).rejects.toThrow(/cannot be changed/)
    const audit = await t.owner.sql<
      { action: string }[]
    >`select action from audit_events where patient_id = ${patient.id} order by seq`
    expect(audit.map((r) => r.action)).toEqual([
      'careplan.version_saved',
      'careplan.version_saved',
      'careplan.versions_compared',
    ])
  })
})
