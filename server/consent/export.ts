// Consent records leaving the app: the FHIR R4 export for the care team and the patient's own copy.
import { requireClinician } from '../accounts/service'
import * as audit from '../audit/service'
import type { Deps } from '../deps'
import type { Actor } from '../identity/actor'
import { notFound } from '../http/errors'
import * as patientsStore from '../patients/store'
import { findAccessible } from '../sessions/access'
import * as sessionsStore from '../sessions/store'
import { toFhirConsentBundle } from './fhir'
import * as store from './store'

/** A patient's consent records as a FHIR R4 Bundle of Consent resources (care team only; the export is audited). */
export async function exportFhir(deps: Deps, actor: Actor, patientId: string) {
  const clinician = requireClinician(actor)
  return deps.db.transaction(async (tx) => {
    const patient = await patientsStore.findVisible(tx, clinician, patientId)
    if (!patient) throw notFound('patient')
    const records = await store.listRecordsForPatient(tx, patient.id)
    const covers = await store.listCoversForRecords(
      tx,
      records.map((r) => r.id)
    )
    await audit.record(tx, clinician, 'consent.exported', {
      subjectKind: 'patient',
      subjectId: patient.id,
      patientId: patient.id,
      detail: { format: 'fhir-r4', records: records.length },
    })
    const templateIds = [...new Set(records.map((r) => r.templateId))]
    const templates = (
      await Promise.all(templateIds.map((id) => store.findTemplate(tx, id)))
    ).filter((x) => x !== undefined)
    return toFhirConsentBundle({
      baseUrl: `${deps.config.publicUrl}/fhir`,
      timestamp: deps.clock(),
      patient,
      records,
      covers,
      templates,
    })
  })
}

/** The caller's own consent answers in this session as plain text, to keep. */
export async function copyForMe(deps: Deps, actor: Actor, sessionId: string): Promise<string> {
  return deps.db.transaction(async (tx) => {
    const access = await findAccessible(tx, actor, sessionId)
    if (!access?.me) throw notFound('session')
    const me = access.me
    const mine = (await store.listRecordsForPatient(tx, access.session.patientId)).filter(
      (r) => r.sessionId === sessionId && r.givenByParticipantId === me.id
    )
    if (!mine.length) throw notFound('consent record')
    const people = new Map(
      (await sessionsStore.listParticipants(tx, sessionId)).map((p) => [p.id, p])
    )
    const covers = await store.listCoversForRecords(
      tx,
      mine.map((r) => r.id)
    )
    const lines: string[] = [
      `Your consent for the session on ${access.session.startsAt.toUTCString()}`,
      '',
    ]
    for (const r of mine) {
      const template = await store.findTemplate(tx, r.templateId)
      lines.push(
        `${template?.title ?? r.kind} (version ${r.templateVersion})`,
        '',
        template?.body ?? '',
        ''
      )
      lines.push(
        `Your answer: ${r.decision === 'given' ? 'I agree' : 'I do not agree'}`,
        `Signed: ${r.signature}`,
        `When: ${r.givenAt.toUTCString()}`
      )
      if (r.withdrawnAt) lines.push(`Withdrawn: ${r.withdrawnAt.toUTCString()}`)
      lines.push(`Text fingerprint (SHA-256): ${r.bodyHash}`, '')
      for (const c of covers.filter((x) => x.consentRecordId === r.id && x.category === null)) {
        const p = people.get(c.participantId)
        const shared = covers
          .filter(
            (x) =>
              x.consentRecordId === r.id &&
              x.participantId === c.participantId &&
              x.category &&
              x.permitted
          )
          .map((x) => x.category)
        lines.push(
          `- ${p?.displayName ?? 'Participant'}: ${c.permitted ? `may join; shared: ${shared.length ? shared.join(', ') : 'nothing'}` : 'may not join'}${c.withdrawnAt ? ' (later changed)' : ''}`
        )
      }
      lines.push('')
    }
    await audit.record(tx, actor, 'consent.copy_downloaded', {
      subjectKind: 'session',
      subjectId: sessionId,
      patientId: access.session.patientId,
    })
    return lines.join('\n')
  })
}
