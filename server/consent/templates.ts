// Consent documents: the latest version of each, and new versions written by an admin.
import { createHash } from 'node:crypto'
import type { ConsentTemplate } from '../../shared/consent'
import type { NewTemplateVersionInput } from '../../shared/consent-inputs'
import { requireClinician } from '../accounts/service'
import * as audit from '../audit/service'
import type { Deps } from '../deps'
import { type Actor, isAdmin } from '../identity/actor'
import { notFound } from '../http/errors'
import * as store from './store'
import type { consentTemplates } from './tables'

export const toTemplate = (t: typeof consentTemplates.$inferSelect): ConsentTemplate => ({
  id: t.id,
  kind: t.kind,
  version: t.version,
  title: t.title,
  body: t.body,
  bodyHash: t.bodyHash,
})

export async function listTemplates(deps: Deps, actor: Actor): Promise<ConsentTemplate[]> {
  requireClinician(actor)
  return [...(await store.latestTemplates(deps.db)).values()].map(toTemplate)
}

/** Editing a document makes a new version; records keep the version and text hash they agreed to. */
export async function newTemplateVersion(
  deps: Deps,
  actor: Actor,
  kind: ConsentTemplate['kind'],
  input: NewTemplateVersionInput
): Promise<ConsentTemplate> {
  const clinician = requireClinician(actor)
  if (!isAdmin(clinician)) throw notFound()
  return deps.db.transaction(async (tx) => {
    const version = await store.nextVersion(tx, kind)
    const row = await store.insertTemplate(tx, {
      kind,
      version,
      title: input.title,
      body: input.body,
      bodyHash: createHash('sha256').update(input.body, 'utf8').digest('hex'),
      createdBy: clinician.clinicianId,
    })
    await audit.record(tx, clinician, 'consent.template_versioned', {
      subjectKind: 'consent_template',
      subjectId: row.id,
      detail: { kind, version },
    })
    return toTemplate(row)
  })
}
