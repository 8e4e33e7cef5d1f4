// The shared care plan: every part the person may read, live, with who is here and whether changes are saved.
// Used beside the video in a call (with the session id) and on the patient's page (the care team, no session).
import { createResource, createSignal, For, Show } from 'solid-js'
import { type PlanView, presenceKeyPart } from '../../../shared/careplan'
import type { Id } from '../../../shared/ids'
import { AsyncBoundary } from '../ui/AsyncBoundary'
import { fetchPlan } from './api'
import { connectPlan, type PartConnection, type SaveState } from './connection'
import { PlanSection } from './PlanSection'
import { PlanVersions } from './PlanVersions'

const saveWords: Record<SaveState, string> = {
  saved: 'All changes saved',
  saving: 'Saving…',
  offline: 'Offline: your changes will be saved when the connection is back',
}
const colors = ['#1f6feb', '#a4262c', '#2b7a0b', '#8a6100', '#6b2fb3']

export function CarePlan(props: { patientId: Id; sessionId?: Id }) {
  const [view, { refetch }] = createResource(
    () => [props.patientId, props.sessionId] as const,
    ([patientId, sessionId]) => fetchPlan(patientId, sessionId)
  )
  return (
    <section class="careplan" aria-labelledby="careplan-title">
      <h2 id="careplan-title">Care plan</h2>
      <AsyncBoundary loading="Loading the care plan…" retry={() => void refetch()}>
        <Show when={view()}>{(v) => <LivePlan view={v()} sessionId={props.sessionId} />}</Show>
      </AsyncBoundary>
    </section>
  )
}

function LivePlan(props: { view: PlanView; sessionId?: Id }) {
  // Presence: who has the plan open, and who is in which field (awareness is shared per part; any part will do
  // for the list of people, every part for the fields).
  const [states, setStates] = createSignal<{ name: string; editing?: string }[]>([])
  let parts: PartConnection[] = []
  const refresh = () => {
    const seen = new Map<number, { name: string; editing?: string }>()
    for (const p of parts) {
      const { doc, provider } = p.copy()
      for (const [client, s] of provider.awareness?.getStates() ?? []) {
        const user = s.user as { name?: string } | undefined
        if (!user?.name || client === doc.clientID) continue
        const prev = seen.get(client)
        seen.set(client, { name: user.name, editing: (s.editing as string) ?? prev?.editing })
      }
    }
    setStates([...seen.values()])
  }
  const plan = connectPlan({
    patientId: props.view.patientId,
    sessionId: props.sessionId,
    parts: props.view.readable,
    categories: props.view.categories,
    // The name the server knows this person by: it refuses presence under any other.
    user: {
      name: props.view.myName,
      color: colors[Math.floor(Math.random() * colors.length)]!,
    },
    // A part opened again after a refused change is a new copy: follow its presence too.
    onCopy: (copy) => {
      copy.provider.awareness?.on('change', refresh)
      refresh()
    },
  })
  parts = plan.parts
  const presence = {
    editing: (key: string) => states().find((s) => s.editing === key)?.name,
    // Only the part the field belongs to says so, and only where this person may write (the server checks both).
    focus: (key: string | null) => {
      const part = key === null ? undefined : presenceKeyPart(key)
      for (const p of plan.parts) {
        const mine = p.part === part && props.view.writable.includes(p.part)
        p.copy().provider.setAwarenessField('editing', mine ? key : null)
      }
    },
  }
  const others = () => [...new Set(states().map((s) => s.name))]

  return (
    <>
      <div class="careplan-status">
        <p role="status" class={`careplan-save careplan-save-${plan.saveState()}`}>
          {saveWords[plan.saveState()]}
        </p>
        <p class="muted">
          {others().length ? `Also here: ${others().join(', ')}` : 'No one else has the plan open.'}
        </p>
      </div>
      <Show when={plan.parts.length < 8}>
        <p class="muted">Some parts of the plan are not shared with you.</p>
      </Show>
      <For each={plan.parts}>
        {(connection) => (
          <PlanSection
            connection={connection}
            writable={props.view.writable.includes(connection.part)}
            presence={presence}
          />
        )}
      </For>
      <PlanVersions
        patientId={props.view.patientId}
        sessionId={props.sessionId}
        versions={props.view.versions}
        canSave={!props.sessionId && props.view.writable.length === 8}
      />
    </>
  )
}
