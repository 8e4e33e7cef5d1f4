import { Show, type JSX } from 'solid-js'
import type { Id } from '../../../shared/ids'
import { ApiError } from '../lib/api'
import { useIdParam } from '../lib/route'
import { AsyncBoundary } from './AsyncBoundary'
import { ErrorMessage } from './ErrorMessage'
import { NotFound } from './NotFound'
import { PageHeader } from './PageHeader'

type RecordPageProps = {
  /** What the page shows, in the words of its title: "Patient", "Session". */
  noun: string
  /** The sentence a person reads when the id names nothing they may see. */
  notFound: string
  loading: string
  /** Refetches the record, for the error's "Try again". */
  retry: (id: Id) => void
  children: (id: Id) => JSX.Element
}

/**
 * A page about one record named by the route's id. A malformed id and a record the caller may not see read the same
 * ("not found": nothing tells whether it exists); any other failure offers to try again.
 */
export function RecordPage(props: RecordPageProps) {
  const id = useIdParam()
  const notFound = () => <NotFound title={`${props.noun} not found`} explanation={props.notFound} />
  return (
    <Show when={id()} keyed fallback={notFound()}>
      {(id) => (
        <AsyncBoundary
          loading={props.loading}
          retry={() => props.retry(id)}
          fallback={(error, retry) =>
            error instanceof ApiError && error.code === 'not_found' ? (
              notFound()
            ) : (
              <>
                <PageHeader title={props.noun} />
                <ErrorMessage error={error} onRetry={retry} />
              </>
            )
          }
        >
          {props.children(id)}
        </AsyncBoundary>
      )}
    </Show>
  )
}
