// FHIR R4 from our consent records: a Bundle a receiver can read on its own. Every entry has a fullUrl under the
// app's address and every reference points at an entry (the patient, the consent document's text), so the HL7
// validator resolves them; provision.actor × provision.class (category) × period, permit/deny.
import type { patients } from '../patients/tables'
import type { consentCovers, consentRecords, consentTemplates } from './tables'
import { narrative } from '../fhir/narrative'

type RecordRow = typeof consentRecords.$inferSelect
type CoverRow = typeof consentCovers.$inferSelect
type TemplateRow = typeof consentTemplates.$inferSelect
type PatientRow = typeof patients.$inferSelect

const CATEGORY_SYSTEM = 'urn:careteam:data-category'
const PARTICIPANT_SYSTEM = 'urn:careteam:participant'
const KIND_SYSTEM = 'urn:careteam:consent-kind'
/** LOINC "Consent Document": the category receivers filter on; our own kind code stays beside it. */
const LOINC_CONSENT = { system: 'http://loinc.org', code: '59284-0' }

const words = (code: string) => code.replaceAll('_', ' ')

const scopeFor = (kind: RecordRow['kind']) =>
  kind === 'information_sharing'
    ? { code: 'patient-privacy', display: 'Privacy Consent' }
    : { code: 'treatment', display: 'Treatment' }

/** What a receiver must act on: a given, unwithdrawn consent permits; a declined one is a refusal in force. */
export function consentStatus(record: Pick<RecordRow, 'decision' | 'withdrawnAt'>) {
  if (record.withdrawnAt) return { status: 'inactive' as const, type: 'permit' as const }
  return record.decision === 'given'
    ? { status: 'active' as const, type: 'permit' as const }
    : { status: 'active' as const, type: 'deny' as const }
}

function coverProvision(c: CoverRow) {
  return {
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
  }
}

function consentNarrative(record: RecordRow, covers: CoverRow[]) {
  const { status, type } = consentStatus(record)
  const lines = [
    `Consent (${words(record.kind)}), document version ${record.templateVersion}: ${record.decision} on ${record.givenAt.toISOString()}${record.withdrawnAt ? `, withdrawn on ${record.withdrawnAt.toISOString()}` : ''}.`,
    `Status ${status}; overall ${type}.`,
  ]
  for (const c of covers.filter((x) => !x.category)) {
    const shared = covers
      .filter((x) => x.participantId === c.participantId && x.category && x.permitted)
      .map((x) => words(x.category!))
    lines.push(
      `Participant ${c.participantId}: ${c.permitted ? `may be present; shared: ${shared.length ? shared.join(', ') : 'nothing'}` : 'may not be present'}${c.withdrawnAt ? ' (withdrawn)' : ''}.`
    )
  }
  return narrative(lines)
}

export function toFhirConsent(record: RecordRow, covers: CoverRow[]) {
  const { status, type } = consentStatus(record)
  const provisions = covers.map(coverProvision)
  return {
    resourceType: 'Consent',
    id: record.id,
    text: consentNarrative(record, covers),
    status,
    scope: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/consentscope', ...scopeFor(record.kind) },
      ],
    },
    category: [
      { coding: [LOINC_CONSENT] },
      { coding: [{ system: KIND_SYSTEM, code: record.kind }] },
    ],
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
      reference: `DocumentReference/${record.templateId}`,
      display: `version ${record.templateVersion}, sha256 ${record.bodyHash}`,
    },
    policy: [{ uri: `urn:careteam:consent-template:${record.templateId}` }],
    provision: {
      type,
      period: {
        start: record.givenAt.toISOString(),
        ...(record.withdrawnAt ? { end: record.withdrawnAt.toISOString() } : {}),
      },
      ...(provisions.length ? { provision: provisions } : {}),
    },
  }
}

/** The text a person agreed to, carried in the Bundle so sourceReference resolves. */
function toFhirDocument(template: TemplateRow) {
  return {
    resourceType: 'DocumentReference',
    id: template.id,
    text: narrative([
      `${template.title}, version ${template.version} (sha256 ${template.bodyHash})`,
    ]),
    status: 'current',
    type: { coding: [LOINC_CONSENT] },
    description: `${template.title}, version ${template.version}`,
    content: [
      {
        attachment: {
          contentType: 'text/plain; charset=utf-8',
          language: 'en',
          title: template.title,
          data: Buffer.from(template.body, 'utf8').toString('base64'),
          creation: template.createdAt.toISOString(),
        },
      },
    ],
  }
}

function toFhirPatient(patient: PatientRow) {
  return {
    resourceType: 'Patient',
    id: patient.id,
    text: narrative([`${patient.displayName}, born ${patient.dateOfBirth}`]),
    name: [{ text: patient.displayName }],
    birthDate: patient.dateOfBirth,
  }
}

/** A collection Bundle: the patient, each consent document version used, and every consent record. */
export function toFhirConsentBundle(input: {
  /** Where fullUrls live: the app's public address + /fhir. */
  baseUrl: string
  timestamp: Date
  patient: PatientRow
  records: RecordRow[]
  covers: CoverRow[]
  templates: TemplateRow[]
}) {
  const entry = (resource: { resourceType: string; id: string }) => ({
    fullUrl: `${input.baseUrl}/${resource.resourceType}/${resource.id}`,
    resource,
  })
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: input.timestamp.toISOString(),
    entry: [
      entry(toFhirPatient(input.patient)),
      ...input.templates.map((t) => entry(toFhirDocument(t))),
      ...input.records.map((r) =>
        entry(
          toFhirConsent(
            r,
            input.covers.filter((c) => c.consentRecordId === r.id)
          )
        )
      ),
    ],
  }
}
