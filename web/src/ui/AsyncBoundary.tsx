import { ErrorBoundary, Suspense, type JSX } from 'solid-js'
import { ApiError } from '../lib/api'
import { ErrorMessage } from './ErrorMessage'

type AsyncBoundaryProps = {
  /** Said while loading, e.g. "Loading your patients…". */
  loading: string
  /** Forces the failed queries to fetch again; the boundary then re-renders its children. */
  retry: () => void
  children: JSX.Element
  /** Replaces the generic error and Retry, for errors a page explains itself, such as not_found. */
  fallback?: (error: unknown, retry: () => void) => JSX.Element
}

export function AsyncBoundary(props: AsyncBoundaryProps) {
  return (
    <ErrorBoundary
      fallback={(error, reset) => {
        const retry = () => {
          props.retry()
          reset()
        }
        // The app is already on its way to the sign-in page; an error here would only flash.
        if (error instanceof ApiError && error.code === 'unauthenticated') return null
        if (props.fallback) return props.fallback(error, retry)
        return <ErrorMessage error={error} onRetry={retry} />
      }}
    >
      <Suspense
        fallback={
          <p class="loading" role="status">
            {props.loading}
          </p>
        }
      >
        {props.children}
      </Suspense>
    </ErrorBoundary>
  )
}
