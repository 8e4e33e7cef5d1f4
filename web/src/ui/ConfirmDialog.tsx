import { Show, type JSX } from 'solid-js'
import { Button } from './Button'
import { Dialog } from './Dialog'
import { ErrorMessage } from './ErrorMessage'

type ConfirmDialogProps = {
  open: boolean
  title: string
  children: JSX.Element
  confirmLabel: string
  pendingLabel: string
  cancelLabel?: string
  pending: boolean
  error?: unknown
  onConfirm: () => void
  onCancel: () => void
  /** A confirmation that undoes a decision rather than destroying something is not painted as danger. */
  tone?: 'danger' | 'neutral'
}

/** Asks before something that cannot be undone. The safe choice comes first, so it gets focus. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  return (
    <Dialog open={props.open} title={props.title} onCancel={() => props.onCancel()}>
      {props.children}
      <Show when={props.error}>
        <ErrorMessage error={props.error} />
      </Show>
      <div class="actions">
        <Button variant="secondary" onClick={() => props.onCancel()}>
          {props.cancelLabel ?? 'Keep it'}
        </Button>
        <Button
          class={props.tone === 'neutral' ? undefined : 'button-danger'}
          pending={props.pending}
          pendingLabel={props.pendingLabel}
          onClick={() => props.onConfirm()}
        >
          {props.confirmLabel}
        </Button>
      </div>
    </Dialog>
  )
}
