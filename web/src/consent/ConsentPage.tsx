// The consent step, between the device check and the waiting room: the documents this person still has to answer,
// one at a time. Once none is left they arrive in the waiting room (or, for a host, the call).
import { useNavigate } from '@solidjs/router'
import { createSignal, Match, onMount, Show, Switch } from 'solid-js'
import type { ConsentOverview } from '../../../shared/consent'
import { arrive } from '../admission/api'
import { NextSteps } from '../clinic/NextSteps'
import { usePreCall } from '../sessions/PreCallLayout'
import { Button } from '../ui/Button'
import { ErrorMessage } from '../ui/ErrorMessage'
import { PageHeader } from '../ui/PageHeader'
import { fetchConsent } from './api'
import { ConsentStep } from './ConsentStep'

export default function ConsentPage() {
  const { session, isClinician } = usePreCall()
  const navigate = useNavigate()
  const [overview, setOverview] = createSignal<ConsentOverview>()
  const [declined, setDeclined] = createSignal(false)
  const [error, setError] = createSignal<unknown>()
  const sessionId = () => session().id

  async function load() {
    setError(undefined)
    try {
      const next = await fetchConsent(sessionId())
      if (next.pending.length === 0) return await goOn()
      setOverview(next)
    } catch (err) {
      setError(err)
    }
  }

  // Nothing left to answer: arrive, then the call (hosts) or the waiting room.
  async function goOn() {
    const status = await arrive(sessionId())
    navigate(`/sessions/${sessionId()}/${status.state === 'admitted' ? 'call' : 'waiting'}`, {
      replace: true,
    })
  }

  onMount(() => void load())

  return (
    <div class="consent-page">
      <PageHeader title={declined() ? 'You did not agree' : 'Before you join'} tabTitle="Consent" />
      <Show when={error()}>
        {(err) => <ErrorMessage error={err()} onRetry={() => void load()} />}
      </Show>
      <Switch
        fallback={
          <p class="loading" role="status">
            Loading…
          </p>
        }
      >
        <Match when={declined()}>
          <p>
            You chose not to agree, so you won't join this session. Nothing from it is shared with
            anyone because of this.
          </p>
          <NextSteps
            isClinician={isClinician()}
            sessionId={sessionId()}
            next="Your care team will be in touch about your care. You can change your mind below at any time before the session ends."
          />
          <div class="actions">
            <Button variant="secondary" onClick={() => setDeclined(false)}>
              I've changed my mind: show the document again
            </Button>
          </div>
        </Match>
        <Match when={overview()?.pending[0]?.id}>
          {(templateId) => (
            <Show when={templateId()} keyed>
              <p class="muted">
                Please read and answer this first. Your care team can let you in once you have.
              </p>
              <ConsentStep
                sessionId={sessionId()}
                overview={overview()!}
                onAnswered={(decision) => {
                  if (decision === 'declined') setDeclined(true)
                  void load()
                }}
              />
            </Show>
          )}
        </Match>
      </Switch>
    </div>
  )
}
