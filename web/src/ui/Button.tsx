import { splitProps, type JSX } from 'solid-js'

type ButtonProps = JSX.ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: 'primary' | 'secondary' | 'quiet'
  /** While true it reads `pendingLabel` and ignores presses, but keeps focus, unlike `disabled`. */
  pending?: boolean
  pendingLabel?: string
}

export function Button(props: ButtonProps) {
  const [own, rest] = splitProps(props, [
    'variant',
    'pending',
    'pendingLabel',
    'type',
    'class',
    'children',
    'onClick',
  ])

  const onClick: JSX.EventHandler<HTMLButtonElement, MouseEvent> = (event) => {
    if (own.pending) {
      event.preventDefault()
      return
    }
    const handler = own.onClick
    if (typeof handler === 'function') handler(event)
  }

  return (
    <button
      {...rest}
      type={own.type ?? 'button'}
      class={`button button-${own.variant ?? 'primary'}${own.class ? ` ${own.class}` : ''}`}
      aria-disabled={own.pending ? 'true' : rest['aria-disabled']}
      onClick={onClick}
    >
      {own.pending && own.pendingLabel ? own.pendingLabel : own.children}
    </button>
  )
}
