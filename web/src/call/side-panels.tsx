// The call's side panel: one slot beside the video (below it on phones) that features fill with their own panels.
// Hosts' tools are the first; a feature adds its panel here (care plan, outcomes…) with who may see it.
import { lazy, Show, type JSX } from 'solid-js'
import type { Id } from '../../../shared/ids'
import type { SessionDetail } from '../../../shared/sessions'

// Hosts' tools (the lobby, inviting someone, the patient's consent) load only for hosts: a patient or specialist in
// the call never downloads them (BENCHMARKS.md, "bundle"). Panels added here should load lazily too.
const HostTools = lazy(() => import('./HostTools').then((m) => ({ default: m.HostTools })))
// The patient's measures (and the chart library) load only for hosts, who see them in this panel.
const MeasuresPanel = lazy(() =>
  import('../outcomes/MeasuresPanel').then((m) => ({ default: m.MeasuresPanel }))
)

/** Stable for the whole call; its fields are live (getters), so read them inside JSX or effects. */
export type SidePanelContext = {
  sessionId: Id
  detail: SessionDetail | undefined
  isHost: boolean
  isClinician: boolean
}

type SidePanel = {
  id: string
  /** Whether this person sees the panel at all. */
  shows: (ctx: SidePanelContext) => boolean
  render: (ctx: SidePanelContext) => JSX.Element
}

const panels: SidePanel[] = [
  {
    id: 'host-tools',
    shows: (ctx) => ctx.isHost,
    render: (ctx) => <HostTools sessionId={ctx.sessionId} detail={ctx.detail} />,
  },
  {
    id: 'measures',
    shows: (ctx) => ctx.isHost && ctx.detail?.patientId !== undefined,
    render: (ctx) => <MeasuresPanel patientId={ctx.detail!.patientId} />,
  },
]

export function hasSidePanels(ctx: SidePanelContext): boolean {
  return panels.some((p) => p.shows(ctx))
}

export function SidePanels(props: { ctx: SidePanelContext }) {
  return (
    <aside class="call-side" aria-label="Tools for this session">
      {panels.map((panel) => (
        <Show when={panel.shows(props.ctx)}>{panel.render(props.ctx)}</Show>
      ))}
    </aside>
  )
}
