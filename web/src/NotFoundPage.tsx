import { A } from '@solidjs/router'
import { PageHeader } from './ui/PageHeader'

export default function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" />
      <p>There's no page at this address. It may have moved, or the link may be incomplete.</p>
      <p>
        <A href="/" class="link-standalone">
          Go to the home page
        </A>
      </p>
    </>
  )
}
