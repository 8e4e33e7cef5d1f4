// The patient's own answered questionnaires and scores as FHIR R4, for clinicians of the care team; audited.
import type { Bundle } from '@medplum/fhirtypes'
import { requireClinician } from '../accounts/service'
import * as audit from '../audit/service'
import type { Deps } from '../deps'
import type { Actor } from '../identity/actor'
import { notFound } from '../http/errors'
import * as patientsStore from '../patients/store'
import { toFhirOutcomesBundle } from './fhir'
import { definitionFor } from './instruments'
import * as store from './store'

export async function exportFhir(deps: Deps, actor: Actor, patientId: string): Promise<Bundle> {
  const clinician = requireClinician(actor)
  return deps.db.transaction(async (tx) => {
    const patient = await patientsStore.findVisible(tx, clinician, patientId)
    if (!patient) throw notFound('patient')
    const answered = []
    // Partners' answers are theirs, not the patient's record: only the patient's own responses leave.
    for (const { response, score } of await store.submittedResponsesOfPatient(tx, patientId)) {
      if (response.respondentRole !== 'patient') continue
      const definition = await definitionFor(
        tx,
        patient.clinicId,
        response.instrumentKey,
        response.instrumentVersion
      )
      if (definition) answered.push({ response, score, definition })
    }
    await audit.record(tx, clinician, 'outcomes.exported', {
      subjectKind: 'patient',
      subjectId: patientId,
      patientId,
      detail: { format: 'fhir-r4', responses: answered.length },
    })
    return toFhirOutcomesBundle({
      baseUrl: `${deps.config.publicUrl}/fhir`,
      timestamp: deps.clock(),
      patient,
      answered,
    })
  })
}
