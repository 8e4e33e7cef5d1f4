// The invitation form and its result, loaded on demand by InviteSomeone: an outside specialist by name, email and
// discipline (their personal link is shown once, here), or a care-team clinician not invited yet.
import { createAsync, revalidate } from '@solidjs/router'
import { createSignal, createUniqueId, Match, onMount, Show, Switch } from 'solid-js'
import { Discipline, disciplineLabel } from '../../../shared/enums'
import { SpecialistInvite, type AddParticipantInput } from '../../../shared/session-inputs'
import { getConsent } from '../consent/api'
import { ApiError } from '../lib/api'
import { formatDateTime } from '../lib/format'
import { fieldErrorsFrom, focusFirstInvalid, formText, type FieldErrors } from '../lib/forms'
import { getPatient } from '../patients/api'
import { AsyncBoundary } from '../ui/AsyncBoundary'
import { Button } from '../ui/Button'
import { CopyLink } from '../ui/CopyLink'
import { ErrorMessage } from '../ui/ErrorMessage'
import { Field, SelectField } from '../ui/Field'
import { getSession } from './api'
import { addParticipant } from './host-api'
import type { InviteSession } from './InviteSomeone'

type Invitee = 'specialist' | 'clinician'
type Added = Awaited<ReturnType<typeof addParticipant>>
type Props = { session: InviteSession }

const disciplineOptions = [
  { value: '', label: 'Choose a discipline' },
  ...Discipline.options.map((d) => ({ value: d, label: disciplineLabel[d] })),
]

/** Loaded when a host first presses "Invite someone"; it then owns the form and what it made. */
export default function InvitePanel(props: Props) {
  const [open, setOpen] = createSignal(true)
  const [added, setAdded] = createSignal<Added>()
  let result: HTMLDivElement | undefined
  let opener: HTMLButtonElement | undefined

  return (
    <>
      <Show when={added()}>
        {(done) => (
          <div class="invite-result" tabindex="-1" ref={(el) => (result = el)}>
            <Invited session={props.session} added={done()} />
          </div>
        )}
      </Show>
      <Show
        when={open()}
        fallback={
          <Button
            ref={opener}
            variant="secondary"
            onClick={() => {
              setAdded(undefined)
              setOpen(true)
            }}
          >
            Invite someone
          </Button>
        }
      >
        <InviteForm
          session={props.session}
          onCancel={() => {
            setOpen(false)
            requestAnimationFrame(() => opener?.focus())
          }}
          onAdded={(next) => {
            setAdded(next)
            setOpen(false)
            requestAnimationFrame(() => result?.focus())
          }}
        />
      </Show>
    </>
  )
}

function InviteForm(props: Props & { onCancel: () => void; onAdded: (added: Added) => void }) {
  const id = createUniqueId()
  const [who, setWho] = createSignal<Invitee>('specialist')
  const [errors, setErrors] = createSignal<FieldErrors>({})
  const [error, setError] = createSignal<unknown>()
  const [pending, setPending] = createSignal(false)
  let form!: HTMLFormElement
  // The button that opened the form is gone: start at the form's first choice.
  onMount(() => form.querySelector<HTMLInputElement>('input[name="who"]:checked')?.focus())

  async function onSubmit(event: SubmitEvent & { currentTarget: HTMLFormElement }) {
    event.preventDefault()
    if (pending()) return
    const form = event.currentTarget
    const data = new FormData(form)
    let input: AddParticipantInput
    if (who() === 'specialist') {
      const parsed = SpecialistInvite.safeParse({
        displayName: formText(data, 'displayName').trim(),
        email: formText(data, 'email').trim(),
        discipline: formText(data, 'discipline'),
      })
      if (!parsed.success) {
        const found = fieldErrorsFrom(parsed.error)
        if (found.discipline) found.discipline = 'Choose a discipline.'
        setErrors(found)
        requestAnimationFrame(() => focusFirstInvalid(form))
        return
      }
      input = { specialist: parsed.data }
    } else {
      const clinicianId = formText(data, 'clinicianId')
      if (!clinicianId) {
        setErrors({ clinicianId: 'Choose a clinician.' })
        requestAnimationFrame(() => focusFirstInvalid(form))
        return
      }
      input = { clinicianId }
    }
    setErrors({})
    setError(undefined)
    setPending(true)
    try {
      const added = await addParticipant(props.session.id, input)
      // The server tells other hosts by event; this page need not wait for it.
      void revalidate(getSession.keyFor(props.session.id))
      void revalidate(getConsent.keyFor(props.session.id))
      props.onAdded(added)
    } catch (err) {
      // The server words a 400 as "specialist.email: …": show it beside that field when it is one.
      const match = err instanceof ApiError ? /^specialist\.(\w+): (.+)$/.exec(err.message) : null
      if (match?.[1] && match[2]) {
        setErrors({ [match[1]]: match[2] })
        requestAnimationFrame(() => focusFirstInvalid(form))
      } else {
        setError(err)
      }
    } finally {
      setPending(false)
    }
  }

  return (
    <form ref={form} class="form invite-form" novalidate onSubmit={(event) => void onSubmit(event)}>
      <fieldset class="fieldset">
        <legend class="field-label">Who</legend>
        <div class="choice">
          <input
            type="radio"
            id={`${id}-specialist`}
            name="who"
            checked={who() === 'specialist'}
            onChange={() => setWho('specialist')}
          />
          <label for={`${id}-specialist`}>
            An outside specialist
            <span class="choice-hint">Joins with a personal link, for this session only.</span>
          </label>
        </div>
        <div class="choice">
          <input
            type="radio"
            id={`${id}-clinician`}
            name="who"
            checked={who() === 'clinician'}
            onChange={() => setWho('clinician')}
          />
          <label for={`${id}-clinician`}>
            A clinician from the care team
            <span class="choice-hint">Joins with their own account.</span>
          </label>
        </div>
      </fieldset>
      <Switch>
        <Match when={who() === 'specialist'}>
          <Field label="Name" name="displayName" autocomplete="off" error={errors().displayName} />
          <Field
            label="Email address"
            name="email"
            type="email"
            inputmode="email"
            autocomplete="off"
            autocapitalize="off"
            spellcheck={false}
            error={errors().email}
          />
          <SelectField
            label="Discipline"
            name="discipline"
            options={disciplineOptions}
            defaultValue=""
            error={errors().discipline}
          />
        </Match>
        <Match when={who() === 'clinician'}>
          <AsyncBoundary
            loading="Loading the care team…"
            retry={() => void revalidate(getPatient.keyFor(props.session.patientId))}
          >
            <ClinicianChoice session={props.session} error={errors().clinicianId} />
          </AsyncBoundary>
        </Match>
      </Switch>
      <Show when={error()}>{(err) => <ErrorMessage error={err()} />}</Show>
      <div class="actions actions-tight">
        <Button type="submit" pending={pending()} pendingLabel="Inviting…">
          Invite
        </Button>
        <Button variant="secondary" onClick={() => props.onCancel()}>
          Cancel
        </Button>
      </div>
    </form>
  )
}

/** Care-team clinicians who are not in this session yet (read only when the host chooses this option). */
function ClinicianChoice(props: Props & { error: string | undefined }) {
  const patient = createAsync(() => getPatient(props.session.patientId))
  const candidates = () => {
    const invited = new Set(props.session.participants.map((p) => p.clinicianId))
    return patient()?.careTeam.filter((m) => !invited.has(m.clinicianId)) ?? []
  }
  return (
    <Show when={patient()}>
      <Show
        when={candidates().length > 0}
        fallback={<p>Everyone on {props.session.patientName}'s care team is already invited.</p>}
      >
        <SelectField
          label="Which clinician"
          name="clinicianId"
          options={[
            { value: '', label: 'Choose a clinician' },
            ...candidates().map((m) => ({
              value: m.clinicianId,
              label: `${m.displayName} (${disciplineLabel[m.discipline]})`,
            })),
          ]}
          defaultValue=""
          error={props.error}
        />
      </Show>
    </Show>
  )
}

function Invited(props: Props & { added: Added }) {
  const person = () => props.added.participant
  const patient = () => props.session.patientName
  // A joint session asks the patient in the call; a case conference records what they said elsewhere.
  const nextStep = () =>
    props.session.kind === 'joint_session'
      ? `${patient()} decides whether they may join: ask them under Consent.`
      : `update ${patient()}'s recorded consent to cover them, under Consent.`
  return (
    <>
      <p class="invite-done" role="status">
        {person().displayName} is invited.
        <Show when={!props.added.link}> They'll find this session on their home page.</Show>
      </p>
      <Show when={props.added.link}>
        {(link) => (
          <div class="new-link">
            <CopyLink name={link().displayName} url={link().url} />
            <p class="muted">
              Shown once: copy it now and send it privately to them alone. Works until{' '}
              <time datetime={link().expiresAt}>{formatDateTime(link().expiresAt)}</time>.
            </p>
          </div>
        )}
      </Show>
      <p class="muted">Before anyone can let them in, {nextStep()}</p>
    </>
  )
}
