import { A } from '@solidjs/router'
import { PageHeader } from './PageHeader'

/** What a page says when there is nothing at its address for this person, with the way back home. */
export function NotFound(props: { title: string; explanation: string }) {
  return (
    <>
      <PageHeader title={props.title} />
      <p>{props.explanation}</p>
      <p>
        <A href="/" class="link-standalone">
          Go to the home page
        </A>
      </p>
    </>
  )
}
