// Saved versions of the plan: compare any version with the one before it or another, save one, print a summary.
import { createSignal, For, Show } from 'solid-js'
import {
  partLabel,
  type PlanVersionSummary,
  type VersionComparison,
} from '../../../shared/careplan'
import type { Id } from '../../../shared/ids'
import { errorMessage } from '../lib/api'
import { formatDateTime } from '../lib/format'
import { Button } from '../ui/Button'
import { compareVersion, saveVersion } from './api'
import { fieldLabel } from './labels'

const kindWords = { added: 'Added', removed: 'Removed', changed: 'Changed' }

export function PlanVersions(props: {
  patientId: Id
  sessionId?: Id
  versions: PlanVersionSummary[]
  canSave: boolean
}) {
  const [versions, setVersions] = createSignal(props.versions)
  const [comparison, setComparison] = createSignal<VersionComparison>()
  const [from, setFrom] = createSignal('')
  const [error, setError] = createSignal<string>()
  const show = async (to: Id) => {
    setError(undefined)
    try {
      setComparison(await compareVersion(props.patientId, to, props.sessionId, from() || undefined))
    } catch (e) {
      setError(errorMessage(e))
    }
  }
  const save = async () => {
    try {
      const v = await saveVersion(props.patientId)
      setVersions([v, ...versions()])
    } catch (e) {
      setError(errorMessage(e))
    }
  }
  return (
    <section class="careplan-versions" aria-labelledby="careplan-versions">
      <h3 id="careplan-versions">Saved versions</h3>
      <div class="actions">
        <Show when={props.canSave}>
          <Button variant="secondary" onClick={() => void save()}>
            Save this version
          </Button>
        </Show>
        <Button variant="quiet" onClick={() => window.print()}>
          Print a summary
        </Button>
      </div>
      <Show when={error()}>
        <p class="field-error" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={versions().length} fallback={<p class="empty">No version has been saved yet.</p>}>
        <label class="field-label" for="careplan-compare-from">
          Compare with
        </label>
        <select
          id="careplan-compare-from"
          class="input"
          onChange={(e) => setFrom(e.currentTarget.value)}
        >
          <option value="">The version before it</option>
          <For each={versions()}>{(v) => <option value={v.id}>Version {v.number}</option>}</For>
        </select>
        <ul class="careplan-version-list">
          <For each={versions()}>
            {(v) => (
              <li>
                <strong>Version {v.number}</strong>, {formatDateTime(v.savedAt)}
                <Show when={v.present.length}> — present: {v.present.join(', ')}</Show>{' '}
                <Button variant="quiet" onClick={() => void show(v.id)}>
                  What changed
                </Button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={comparison()}>
        {(c) => (
          <div class="careplan-comparison" role="region" aria-label="What changed">
            <h4>
              Version {c().to.number} compared with{' '}
              {c().from ? `version ${c().from!.number}` : 'an empty plan'}
            </h4>
            <Show when={c().changes.length} fallback={<p>Nothing changed.</p>}>
              <ul>
                <For each={c().changes}>
                  {(change) => (
                    <li>
                      {kindWords[change.kind]} in {partLabel[change.part]}: “{change.label}”
                      <Show when={change.kind === 'changed'}>
                        <ul>
                          <For each={change.fields}>
                            {(f) => (
                              <li>
                                {fieldLabel[f.field] ?? f.field}: “{f.before}” → “{f.after}”
                              </li>
                            )}
                          </For>
                        </ul>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </div>
        )}
      </Show>
    </section>
  )
}
