import { createEffect, createUniqueId, type JSX } from 'solid-js'

type DialogProps = {
  open: boolean
  title: string
  /** Escape, or the browser closing the dialog for any reason. */
  onCancel: () => void
  children: JSX.Element
}

// A native modal <dialog>: the browser traps focus, hides the rest from screen readers and restores
// focus on close. The first focusable child gets focus on open, so put the safe choice first.
export function Dialog(props: DialogProps) {
  let dialog!: HTMLDialogElement
  const titleId = createUniqueId()

  createEffect(() => {
    if (props.open && !dialog.open) dialog.showModal()
    if (!props.open && dialog.open) dialog.close()
  })

  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault()
        props.onCancel()
      }}
    >
      <h2 id={titleId} class="dialog-title">
        {props.title}
      </h2>
      {props.children}
    </dialog>
  )
}
