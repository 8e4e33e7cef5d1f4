// For hosts: where the patient's consent stands for each person invited. In a case conference the patient is not in
// the call, so a host records the information-sharing consent the patient gave (in clinic, by phone).
import { createAsync, revalidate } from '@solidjs/router'
import { createSignal, createUniqueId, For, Show } from 'solid-js'
import type { ConsentOverview } from '../../../shared/consent'
import type { SessionKind } from '../../../shared/enums'
import type { Id } from '../../../shared/ids'
import { onSessionEvents } from '../lib/events'
import { focusFirstInvalid } from '../lib/forms'
import { AsyncBoundary } from '../ui/AsyncBoundary'
import { Button } from '../ui/Button'
import { ErrorMessage } from '../ui/ErrorMessage'
import { Field } from '../ui/Field'
import { StatusBanner } from '../ui/StatusBanner'
import { getConsent, listConsentTemplates, recordPatientConsent, requestDropIn } from './api'
import { CoverChoices, defaultCovers, toCoverChoices, type CoverState } from './CoverChoices'

type Props = { sessionId: Id; kind: SessionKind; patientName: string; canRecord: boolean }

export function PatientConsentSection(props: Props) {
  onSessionEvents(props.sessionId, (event) => {
    // session.changed: someone was invited, and the patient may need asking about them.
    if (
      !event ||
      event.type === 'consent.changed' ||
      event.type === 'consent.requested' ||
      event.type === 'lobby.changed' ||
      event.type === 'session.changed'
    ) {
      void revalidate(getConsent.keyFor(props.sessionId))
    }
  })
  return (
    <section class="consent-summary" aria-labelledby="patient-consent-title">
      <h2 id="patient-consent-title">Consent</h2>
      <AsyncBoundary
        loading="Loading consent…"
        retry={() => void revalidate(getConsent.keyFor(props.sessionId))}
      >
        <Loaded {...props} />
      </AsyncBoundary>
    </section>
  )
}

function Loaded(props: Props) {
  const overview = createAsync(() => getConsent(props.sessionId))
  const [editing, setEditing] = createSignal(false)
  const [status, setStatus] = createSignal<string>()
  // Recorded once the patient's answer has named anyone, yes or no.
  const recorded = () => overview()?.participants.some((p) => p.present !== null) ?? false
  const labels = () => new Map(overview()?.categories.map((c) => [c.code, c.label]))
  const sharedText = (codes: string[]) =>
    codes.length ? codes.map((c) => labels().get(c) ?? c).join(', ') : 'nothing shared'

  return (
    <Show when={overview()}>
      {(overview) => (
        <>
          <StatusBanner message={status()} />
          <Show
            when={props.kind === 'case_conference'}
            fallback={
              <p>
                {overview().patientDeclined
                  ? `${props.patientName} did not agree to this session, so nobody can be let in. ` +
                    'They can change their mind by opening their link again.'
                  : overview().patientConsentActive
                    ? `${props.patientName} has given consent, choosing who may be present and ` +
                      'what each person may know.'
                    : `${props.patientName} gives consent when they join, choosing who may be ` +
                      'present and what each person may know.'}
              </p>
            }
          >
            <p>
              {recorded()
                ? `${props.patientName}'s consent to share their information has been recorded.`
                : `${props.patientName}'s consent to share their information with this team has not ` +
                  "been recorded yet. Clinicians can't be let in until it is."}
            </p>
          </Show>
          <ul class="member-list">
            <For each={overview().participants}>
              {(p) => (
                <li class="member member-stacked">
                  <div>
                    <span class="member-name">{p.displayName}</span>{' '}
                    <span class="member-detail">
                      {p.present === null
                        ? overview().patientDeclined
                          ? 'The patient did not agree to this session'
                          : 'Not asked yet'
                        : p.present
                          ? `May join · ${sharedText(p.categories)}`
                          : 'May not join'}
                    </span>
                  </div>
                  <Show when={!p.gate.admissible && p.gate.reasons.length > 0}>
                    <p class="muted">{p.gate.reasons.join(' ')}</p>
                  </Show>
                  <Show
                    when={
                      props.kind === 'joint_session' &&
                      props.canRecord &&
                      p.present === null &&
                      p.role !== 'host'
                    }
                  >
                    <AskPatient
                      sessionId={props.sessionId}
                      participantId={p.participantId}
                      name={p.displayName}
                      patientName={props.patientName}
                      asked={overview().openRequests.some(
                        (r) => r.participantId === p.participantId
                      )}
                    />
                  </Show>
                </li>
              )}
            </For>
          </ul>
          <Show when={props.kind === 'case_conference' && props.canRecord}>
            <Show
              when={editing()}
              fallback={
                <div class="actions">
                  <Button variant="secondary" onClick={() => setEditing(true)}>
                    {recorded() ? "Update the patient's consent" : "Record the patient's consent"}
                  </Button>
                </div>
              }
            >
              <RecordForm
                sessionId={props.sessionId}
                overview={overview()}
                patientName={props.patientName}
                onDone={(message) => {
                  setEditing(false)
                  if (message) setStatus(message)
                }}
              />
            </Show>
          </Show>
        </>
      )}
    </Show>
  )
}

function RecordForm(props: {
  sessionId: Id
  overview: ConsentOverview
  patientName: string
  onDone: (message?: string) => void
}) {
  const id = createUniqueId()
  const templates = createAsync(() => listConsentTemplates())
  const template = () => templates()?.find((t) => t.kind === 'information_sharing')
  const [covers, setCovers] = createSignal<CoverState>(
    defaultCovers(props.overview.participants, props.overview.categories)
  )
  const [errors, setErrors] = createSignal<Partial<Record<'statement' | 'signature', string>>>({})
  const [error, setError] = createSignal<unknown>()
  const [pending, setPending] = createSignal(false)

  async function onSubmit(event: SubmitEvent & { currentTarget: HTMLFormElement }) {
    event.preventDefault()
    if (pending()) return
    const form = event.currentTarget
    const data = new FormData(form)
    const statement = String(data.get('statement') ?? '').trim()
    const signature = String(data.get('signature') ?? '').trim()
    const found: Partial<Record<'statement' | 'signature', string>> = {}
    if (statement.length < 5) found.statement = 'Say how and when the patient agreed.'
    if (signature.length < 2) found.signature = 'Type your full name to sign.'
    setErrors(found)
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => focusFirstInvalid(form))
      return
    }
    const t = template()
    if (!t) return
    setPending(true)
    setError(undefined)
    try {
      await recordPatientConsent(props.sessionId, {
        templateId: t.id,
        statement,
        signature,
        covers: toCoverChoices(covers()),
      })
      await revalidate(getConsent.keyFor(props.sessionId))
      props.onDone(`${props.patientName}'s consent was recorded.`)
    } catch (err) {
      setError(err)
    } finally {
      setPending(false)
    }
  }

  return (
    <form class="form" novalidate onSubmit={(event) => void onSubmit(event)}>
      <Show when={template()}>
        {(t) => (
          <details class="consent-document">
            <summary>Read the document the patient agreed to: {t().title}</summary>
            <div class="consent-body">{t().body}</div>
          </details>
        )}
      </Show>
      <div class="field" classList={{ 'field-invalid': Boolean(errors().statement) }}>
        <label class="field-label" for={`${id}-statement`}>
          How and when the patient agreed
        </label>
        <p class="field-hint" id={`${id}-statement-hint`}>
          For example: "In clinic on 12 March, after reading the document."
        </p>
        <Show when={errors().statement}>
          <p class="field-error" id={`${id}-statement-error`}>
            {errors().statement}
          </p>
        </Show>
        <textarea
          id={`${id}-statement`}
          name="statement"
          class="input textarea"
          rows="2"
          maxlength="500"
          aria-invalid={errors().statement ? 'true' : undefined}
          aria-describedby={`${id}-statement-hint${errors().statement ? ` ${id}-statement-error` : ''}`}
        />
      </div>
      <h3>Who may join, and what they may know</h3>
      <CoverChoices
        people={props.overview.participants}
        categories={props.overview.categories}
        value={covers()}
        onChange={(participantId, next) =>
          setCovers((current) => ({ ...current, [participantId]: next }))
        }
        whose="patient"
      />
      <Field
        label="Your full name, as the person recording it"
        name="signature"
        autocomplete="name"
        error={errors().signature}
      />
      <Show when={error()}>{(err) => <ErrorMessage error={err()} />}</Show>
      <div class="actions">
        <Button type="submit" pending={pending()} pendingLabel="Recording…">
          Record consent
        </Button>
        <Button variant="secondary" onClick={() => props.onDone()}>
          Cancel
        </Button>
      </div>
    </form>
  )
}

function AskPatient(props: {
  sessionId: Id
  participantId: string
  name: string
  patientName: string
  /** An open request already waits for the patient's answer (asked here or by another host). */
  asked: boolean
}) {
  const [askedHere, setAskedHere] = createSignal(false)
  const [error, setError] = createSignal<unknown>()
  const [pending, setPending] = createSignal(false)

  async function ask() {
    setPending(true)
    setError(undefined)
    try {
      await requestDropIn(props.sessionId, props.participantId)
      setAskedHere(true)
    } catch (err) {
      setError(err)
    } finally {
      setPending(false)
      // Shows the open request (or another host's) to every host alike.
      void revalidate(getConsent.keyFor(props.sessionId))
    }
  }

  return (
    <>
      <Show
        when={!askedHere() && !props.asked}
        fallback={
          <p class="muted" role="status">
            {props.patientName} has been asked. Their answer shows here.
          </p>
        }
      >
        <Button
          variant="secondary"
          class="button-small"
          pending={pending()}
          pendingLabel="Asking…"
          onClick={() => void ask()}
        >
          Ask {props.patientName} about {props.name}
        </Button>
      </Show>
      <Show when={error()}>{(err) => <ErrorMessage error={err()} />}</Show>
    </>
  )
}
