import { Show } from 'solid-js'

/** A polite live region: it stays in the page so screen readers announce each new message. */
export function StatusBanner(props: { message: string | undefined }) {
  return (
    <div class="status-banner" role="status" aria-live="polite" aria-atomic="true">
      <Show when={props.message}>{(message) => <p>{message()}</p>}</Show>
    </div>
  )
}
