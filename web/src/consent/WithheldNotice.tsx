// In the call, for everyone but the patient: what the patient has not shared with you, so you don't raise it.
// Always at the top of the call, short, and updated as soon as the patient changes their choices.
import { createAsync, revalidate } from '@solidjs/router'
import { Show } from 'solid-js'
import type { Id } from '../../../shared/ids'
import { onSessionEvents } from '../lib/events'
import { getConsent } from './api'

export function WithheldNotice(props: { sessionId: Id; patientName: string }) {
  onSessionEvents(props.sessionId, (event) => {
    if (!event || event.type === 'consent.changed')
      void revalidate(getConsent.keyFor(props.sessionId))
  })
  const overview = createAsync(() => getConsent(props.sessionId).catch(() => undefined))
  const withheld = () => {
    const o = overview()
    if (!o) return []
    return o.categories.filter((c) => !o.myCategories.includes(c.code)).map((c) => c.label)
  }
  return (
    <Show when={withheld().length > 0}>
      <p class="call-banner call-banner-withheld" role="status">
        <strong>Not shared with you:</strong> {withheld().join(', ')}. Please don't raise these with{' '}
        {props.patientName} in this session.
      </p>
    </Show>
  )
}
