// Which definition scores a response: a built-in, or one a clinic imported. Imports are validated in full first.
import { checkDefinition, type InstrumentDefinition } from '../../shared/instruments'
import { builtinByKey, builtinInstruments } from '../../shared/instruments-builtin'
import type { InstrumentSummary } from '../../shared/outcomes'
import { requireClinician } from '../accounts/service'
import * as audit from '../audit/service'
import type { Queryable } from '../db/client'
import type { Deps } from '../deps'
import { isAdmin, type Actor } from '../identity/actor'
import { conflict, invalidInput, notFound } from '../http/errors'
import * as dueStore from './due-store'
import * as store from './store'

export async function definitionFor(
  db: Queryable,
  clinicId: string,
  key: string,
  version: number
): Promise<InstrumentDefinition | undefined> {
  const builtin = builtinByKey.get(key)
  if (builtin && builtin.version === version) return builtin
  return store.findCustomDefinition(db, clinicId, key, version)
}

/** What a clinician may offer or schedule: a built-in, or the newest version of the clinic's own import. */
export async function latestDefinition(
  db: Queryable,
  clinicId: string,
  key: string
): Promise<InstrumentDefinition | undefined> {
  return builtinByKey.get(key) ?? (await dueStore.findLatestCustomDefinition(db, clinicId, key))
}

/** The same, refusing an unknown key in plain words (400: the caller chose from a list we gave). */
export async function offerableDefinition(db: Queryable, clinicId: string, key: string) {
  if (key === 'session_satisfaction')
    throw invalidInput('Session satisfaction is asked straight after a session only.')
  const def = await latestDefinition(db, clinicId, key)
  if (!def) throw invalidInput(`"${key}" is not an instrument we know.`)
  return def
}

export async function listInstruments(deps: Deps, actor: Actor): Promise<InstrumentSummary[]> {
  const clinician = requireClinician(actor)
  const custom = await store.listCustomDefinitions(deps.db, clinician.clinicId)
  return [
    ...builtinInstruments.map((d) => ({
      key: d.key,
      version: d.version,
      title: d.title,
      builtIn: true,
    })),
    ...custom.map((r) => ({
      key: r.key,
      version: r.version,
      title: r.definition.title,
      builtIn: false,
    })),
  ]
}

/** Admins import their clinic's licensed instruments; every mistake in the definition is named in one answer. */
export async function importInstrument(
  deps: Deps,
  actor: Actor,
  input: unknown
): Promise<InstrumentSummary> {
  const clinician = requireClinician(actor)
  if (!isAdmin(clinician)) throw notFound()
  const checked = checkDefinition(input)
  if (!checked.ok)
    throw invalidInput(
      `The instrument definition has ${checked.problems.length} problem(s): ${checked.problems.join(' ')}`
    )
  const def = checked.definition
  if (builtinByKey.has(def.key))
    throw conflict(
      `"${def.key}" is a built-in instrument. Choose another key for your own instrument.`
    )
  return deps.db.transaction(async (tx) => {
    const row = await store.insertCustomDefinition(tx, {
      clinicId: clinician.clinicId,
      key: def.key,
      version: def.version,
      definition: def,
      createdBy: clinician.clinicianId,
    })
    if (!row)
      throw conflict(
        `Version ${def.version} of "${def.key}" already exists. Import it as version ${def.version + 1}.`
      )
    await audit.record(tx, clinician, 'instruments.imported', {
      subjectKind: 'instrument_definition',
      subjectId: row.id,
      detail: { key: def.key, version: def.version },
    })
    return { key: def.key, version: def.version, title: def.title, builtIn: false }
  })
}
