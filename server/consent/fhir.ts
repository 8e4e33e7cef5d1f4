// FHIR R4 Consent resources from our records: provision.actor × provision.class (category) × period, permit/deny.
import type { consentCovers, consentRecords } from './tables'

type RecordRow = typeof consentRecords.$inferSelect
type CoverRow = typeof consentCovers.$inferSelect

const CATEGORY_SYSTEM = 'urn:careteam:data-category'
const PARTICIPANT_SYSTEM = 'urn:careteam:participant'

const scopeFor = (kind: RecordRow['kind']) =>
  kind === 'information_sharing'
    ? { code: 'patient-privacy', display: 'Privacy Consent' }
    : { code: 'treatment', display: 'Treatment' }

export function toFhirConsent(record: RecordRow, covers: CoverRow[]) {
  const provisions = covers.map((c) => ({
    type: c.permitted ? 'permit' : 'deny',
    period: {
      start: c.decidedAt.toISOString(),
      ...(c.withdrawnAt ? { end: c.withdrawnAt.toISOString() } : {}),
    },
    actor: [
      {
        role: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
              code: 'IRCP',
              display: 'information recipient',
            },
          ],
        },
        reference: { identifier: { system: PARTICIPANT_SYSTEM, value: c.participantId } },
      },
    ],
    ...(c.category ? { class: [{ system: CATEGORY_SYSTEM, code: c.category }] } : {}),
  }))
  const active = record.decision === 'given' && !record.withdrawnAt
  return {
    resourceType: 'Consent',
    id: record.id,
    status: record.decision === 'declined' ? 'rejected' : active ? 'active' : 'inactive',
    scope: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/consentscope', ...scopeFor(record.kind) },
      ],
    },
    category: [{ coding: [{ system: 'urn:careteam:consent-kind', code: record.kind }] }],
    patient: { reference: `Patient/${record.patientId}` },
    dateTime: record.givenAt.toISOString(),
    ...(record.givenByParticipantId
      ? {
          performer: [
            { identifier: { system: PARTICIPANT_SYSTEM, value: record.givenByParticipantId } },
          ],
        }
      : {}),
    sourceReference: {
      reference: `urn:careteam:consent-template:${record.templateId}`,
      display: `version ${record.templateVersion}, sha256 ${record.bodyHash}`,
    },
    policy: [{ uri: `urn:careteam:consent-template:${record.templateId}` }],
    provision: {
      type: record.decision === 'given' ? 'permit' : 'deny',
      period: {
        start: record.givenAt.toISOString(),
        ...(record.withdrawnAt ? { end: record.withdrawnAt.toISOString() } : {}),
      },
      ...(provisions.length ? { provision: provisions } : {}),
    },
  }
}
