// A document the person answers before the waiting room: the patient's consent to the joint session (with their
// choices per person), a partner's terms, or an outside clinician's confidentiality acknowledgement.
// Two stages for the patient: choose (a compact grid), then review in plain sentences and sign. There is no form:
// only the sign button records an agreement, so Enter on a box or in the name field submits nothing.
import { createSignal, createUniqueId, Show } from 'solid-js'
import type { ConsentOverview } from '../../../shared/consent'
import type { Id } from '../../../shared/ids'
import { ApiError } from '../lib/api'
import { Button } from '../ui/Button'
import { ErrorMessage } from '../ui/ErrorMessage'
import { Field } from '../ui/Field'
import { giveConsent } from './api'
import { defaultCovers, toCoverChoices, type CoverState } from './CoverChoices'
import { CoverGrid } from './CoverGrid'
import { CoverReview } from './CoverReview'

type ConsentStepProps = {
  sessionId: Id
  overview: ConsentOverview
  /** Called after an answer was recorded (or the document changed), to load the overview again. */
  onAnswered: (decision: 'given' | 'declined') => void
}

export function ConsentStep(props: ConsentStepProps) {
  const id = createUniqueId()
  const template = () => props.overview.pending[0]!
  const choosesPeople = () =>
    template().kind === 'joint_session' && props.overview.participants.length > 0
  const [stage, setStage] = createSignal<'choose' | 'review'>(choosesPeople() ? 'choose' : 'review')
  const [covers, setCovers] = createSignal<CoverState>(
    defaultCovers(props.overview.participants, props.overview.categories)
  )
  const [signatureError, setSignatureError] = createSignal<string>()
  const [error, setError] = createSignal<unknown>()
  const [pending, setPending] = createSignal<'given' | 'declined'>()
  let signature: HTMLInputElement | undefined
  let alert: HTMLDivElement | undefined

  function goTo(next: 'choose' | 'review') {
    setStage(next)
    requestAnimationFrame(() => document.getElementById(`${id}-stage`)?.focus())
  }

  async function answer(decision: 'given' | 'declined') {
    if (pending() || !signature) return
    const typed = signature.value.trim()
    if (typed.length < 2) {
      setSignatureError('Type your full name to sign.')
      signature.focus()
      return
    }
    setSignatureError(undefined)
    setError(undefined)
    setPending(decision)
    try {
      await giveConsent(props.sessionId, {
        templateId: template().id,
        decision,
        signature: typed,
        covers: choosesPeople() && decision === 'given' ? toCoverChoices(covers()) : [],
      })
      props.onAnswered(decision)
    } catch (err) {
      // A newer version of the document: show that one instead.
      if (err instanceof ApiError && err.code === 'conflict') props.onAnswered('declined')
      setError(err)
      alert?.focus()
    } finally {
      setPending(undefined)
    }
  }

  return (
    <section class="consent" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{template().title}</h2>
      <div class="consent-body">{template().body}</div>
      <Show
        when={stage() === 'review'}
        fallback={
          <>
            <h3 id={`${id}-stage`} tabindex="-1">
              Who may join, and what they may know
            </h3>
            <p class="muted">
              Tick what you agree to. Psychotherapy notes are not shared unless you tick them. You
              can change your mind at any time during the session.
            </p>
            <CoverGrid
              people={props.overview.participants}
              categories={props.overview.categories}
              value={covers()}
              onChange={(participantId, next) =>
                setCovers((current) => ({ ...current, [participantId]: next }))
              }
            />
            <div class="actions">
              <Button onClick={() => goTo('review')}>Review my choices</Button>
            </div>
          </>
        }
      >
        <Show when={choosesPeople()}>
          <h3 id={`${id}-stage`} tabindex="-1">
            Check before you sign
          </h3>
          <CoverReview
            people={props.overview.participants}
            categories={props.overview.categories}
            value={covers()}
          />
          <div class="actions">
            <Button variant="secondary" onClick={() => goTo('choose')}>
              Change my choices
            </Button>
          </div>
        </Show>
        <Field
          ref={(el: HTMLInputElement) => (signature = el)}
          label="Type your full name to sign"
          name="signature"
          autocomplete="name"
          hint="Typing your name counts as your signature."
          error={signatureError()}
        />
        <Show when={error()}>
          <ErrorMessage error={error()} ref={(el) => (alert = el)} />
        </Show>
        <div class="actions">
          <Button
            pending={pending() === 'given'}
            pendingLabel="Saving…"
            onClick={() => void answer('given')}
          >
            Sign and agree
          </Button>
          <Button
            variant="secondary"
            pending={pending() === 'declined'}
            pendingLabel="Saving…"
            onClick={() => void answer('declined')}
          >
            I do not agree
          </Button>
        </div>
      </Show>
    </section>
  )
}
