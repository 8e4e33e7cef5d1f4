// FHIR R4 from a patient's own answered questionnaires: each response as a QuestionnaireResponse and its server
// score as an Observation (LOINC-coded total where one exists) derived from it, in one collection Bundle with the
// patient, every reference resolving to an entry.
import type {
  Bundle,
  BundleEntry,
  Observation,
  Patient,
  QuestionnaireResponse,
  Resource,
} from '@medplum/fhirtypes'
import type { InstrumentDefinition } from '../../shared/instruments'
import type { patients } from '../patients/tables'
import type { responses, scores } from './tables'
import { narrative } from '../fhir/narrative'

type Answered = {
  response: typeof responses.$inferSelect
  score: typeof scores.$inferSelect
  definition: InstrumentDefinition
}

const INSTRUMENT_SYSTEM = 'urn:careteam:instrument'

function toQuestionnaireResponse(baseUrl: string, a: Answered): QuestionnaireResponse {
  const def = a.definition
  return {
    resourceType: 'QuestionnaireResponse',
    id: a.response.id,
    text: narrative([`${def.title}, answered ${a.response.submittedAt?.toISOString() ?? ''}.`]),
    questionnaire: `${baseUrl}/Questionnaire/${def.key}|${def.version}`,
    status: 'completed',
    subject: { reference: `Patient/${a.response.patientId}` },
    authored: a.response.submittedAt?.toISOString(),
    source: { reference: `Patient/${a.response.patientId}` },
    item: def.items
      .filter((item) => a.response.answers[item.id] !== undefined)
      .map((item) => {
        const value = a.response.answers[item.id]!
        const option = item.options.find((o) => o.value === value)
        return {
          linkId: item.id,
          text: item.text,
          ...(item.loinc ? { definition: `http://loinc.org/${item.loinc}` } : {}),
          answer: [
            {
              valueCoding: {
                system: `${INSTRUMENT_SYSTEM}:${def.key}:${item.id}`,
                code: String(value),
                display: option?.label,
              },
            },
          ],
        }
      }),
  }
}

function toObservation(a: Answered): Observation {
  const def = a.definition
  const s = a.score
  const coding = [
    ...(def.loinc.total
      ? [
          {
            system: 'http://loinc.org',
            code: def.loinc.total,
            display: `${def.shortTitle} total score`,
          },
        ]
      : []),
    {
      system: INSTRUMENT_SYSTEM,
      code: `${def.key}-total`,
      display: `${def.shortTitle} total score`,
    },
  ]
  const change =
    s.delta === null
      ? 'first score'
      : `${s.delta > 0 ? '+' : ''}${s.delta} against the previous score`
  return {
    resourceType: 'Observation',
    id: s.id,
    text: narrative([
      `${def.shortTitle} total ${s.total}${s.band ? ` (${s.band})` : ''}, ${change}${s.meaningful ? `, meaningful ${s.meaningful === 'improved' ? 'improvement' : 'worsening'}` : ''}.`,
    ]),
    status: 'final',
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/observation-category',
            code: 'survey',
            display: 'Survey',
          },
        ],
      },
    ],
    code: { coding, text: `${def.shortTitle} total score` },
    subject: { reference: `Patient/${s.patientId}` },
    effectiveDateTime: s.scoredAt.toISOString(),
    issued: s.scoredAt.toISOString(),
    valueInteger: s.total,
    ...(s.band ? { interpretation: [{ text: s.band }] } : {}),
    derivedFrom: [{ reference: `QuestionnaireResponse/${a.response.id}` }],
  }
}

export function toFhirOutcomesBundle(input: {
  baseUrl: string
  timestamp: Date
  patient: typeof patients.$inferSelect
  answered: Answered[]
}): Bundle {
  const entry = (resource: Resource & { id: string }): BundleEntry => ({
    fullUrl: `${input.baseUrl}/${resource.resourceType}/${resource.id}`,
    resource,
  })
  const patient: Patient = {
    resourceType: 'Patient',
    id: input.patient.id,
    text: narrative([`${input.patient.displayName}, born ${input.patient.dateOfBirth}`]),
    name: [{ text: input.patient.displayName }],
    birthDate: input.patient.dateOfBirth,
  }
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: input.timestamp.toISOString(),
    entry: [
      entry(patient as Patient & { id: string }),
      ...input.answered.flatMap((a) => [
        entry(toQuestionnaireResponse(input.baseUrl, a) as QuestionnaireResponse & { id: string }),
        entry(toObservation(a) as Observation & { id: string }),
      ]),
    ],
  }
}
