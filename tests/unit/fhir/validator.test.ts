// The FHIR check other tests lean on must itself be able to fail.
import { describe, expect, it } from 'vitest'
import { expectValidFhir, fhirIssues } from '../../support/fhir'

const narrative = {
  status: 'generated',
  div: '<div xmlns="http://www.w3.org/1999/xhtml">A person</div>',
}
const patient = { resourceType: 'Patient', id: 'p1', text: narrative, birthDate: '1980-02-03' }

describe('expectValidFhir', () => {
  it('accepts a valid resource and a Bundle whose references resolve', () => {
    expectValidFhir(patient)
    expectValidFhir({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: 'https://example.org/fhir/Patient/p1', resource: patient },
        {
          fullUrl: 'https://example.org/fhir/Observation/o1',
          resource: {
            resourceType: 'Observation',
            id: 'o1',
            text: narrative,
            status: 'final',
            code: { text: 'x' },
            subject: { reference: 'Patient/p1' },
          },
        },
      ],
    })
  })

  it('lists schema errors, missing narrative, missing fullUrl and unresolvable references', () => {
    expect(fhirIssues({ ...patient, birthDate: 'yesterday' } as never).join('\n')).toMatch(
      /birthDate/
    )
    expect(fhirIssues({ resourceType: 'Patient' }).join('\n')).toMatch(/dom-6|narrative/i)
    const issues = fhirIssues({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          resource: {
            resourceType: 'Observation',
            text: narrative,
            status: 'final',
            code: { text: 'x' },
            subject: { reference: 'Patient/nowhere' },
          } as never,
        },
      ],
    })
    expect(issues).toEqual(
      expect.arrayContaining([
        'error: Bundle.entry[0]: no fullUrl',
        'error: Bundle.entry[0].resource.subject: reference Patient/nowhere resolves to no entry of the Bundle',
      ])
    )
    expect(() => expectValidFhir({ resourceType: 'Patient' })).toThrow()
  })
})
