import { Show } from 'solid-js'
import { errorMessage } from '../lib/api'
import { Button } from './Button'

type ErrorMessageProps = {
  error: unknown
  /** What failed, said before the error's own message, e.g. "We couldn't sign you out." */
  title?: string
  /** Shows a Retry button, for failures that may pass, such as the server being briefly down. */
  onRetry?: () => void
  ref?: HTMLDivElement | ((el: HTMLDivElement) => void)
}

export function ErrorMessage(props: ErrorMessageProps) {
  return (
    <div class="error-message" role="alert" tabindex="-1" ref={props.ref}>
      <Show when={props.title}>
        <p class="error-message-title">{props.title}</p>
      </Show>
      <p>{errorMessage(props.error)}</p>
      <Show when={props.onRetry}>
        {(retry) => (
          <Button variant="secondary" onClick={() => retry()()}>
            Retry
          </Button>
        )}
      </Show>
    </div>
  )
}
