// One invited person on the session page; hosts can make them a new personal link (shown once).
import { createSignal, Show } from 'solid-js'
import type { InvitationLink, Participant, SessionDetail } from '../../../shared/sessions'
import { formatDateTime } from '../lib/format'
import { Button } from '../ui/Button'
import { CopyLink } from '../ui/CopyLink'
import { ErrorMessage } from '../ui/ErrorMessage'
import { makeNewLink } from './host-api'
import { describeParticipant } from './participants'

export function ParticipantItem(props: {
  session: SessionDetail
  participant: Participant
  canMakeLink: boolean
}) {
  const [link, setLink] = createSignal<InvitationLink>()
  const [error, setError] = createSignal<unknown>()
  const [pending, setPending] = createSignal(false)

  async function newLink() {
    setPending(true)
    setError(undefined)
    try {
      setLink(await makeNewLink(props.session.id, props.participant.id))
    } catch (err) {
      setError(err)
    } finally {
      setPending(false)
    }
  }

  return (
    <li class="member member-stacked">
      <div>
        <span class="member-name">{props.participant.displayName}</span>{' '}
        <span class="member-detail">{describeParticipant(props.participant)}</span>
        <Show when={props.participant.id === props.session.myParticipantId}>
          <span class="tag tag-accent">You</span>
        </Show>
        <Show when={props.participant.joinsByLink}>
          <span class="tag">Joins by link</span>
        </Show>
      </div>
      <Show when={props.canMakeLink}>
        <Show
          when={link()}
          fallback={
            <Button
              variant="secondary"
              class="button-small"
              pending={pending()}
              pendingLabel="Making a link…"
              onClick={() => void newLink()}
            >
              New link<span class="visually-hidden"> for {props.participant.displayName}</span>
            </Button>
          }
        >
          {(made) => (
            <div class="new-link">
              <CopyLink
                name={made().displayName}
                labelPrefix="New personal link for"
                url={made().url}
              />
              <p class="muted">
                Shown once. Their previous link no longer works. Works until{' '}
                <time datetime={made().expiresAt}>{formatDateTime(made().expiresAt)}</time>.
              </p>
            </div>
          )}
        </Show>
        <Show when={error()}>{(err) => <ErrorMessage error={err()} />}</Show>
      </Show>
    </li>
  )
}
