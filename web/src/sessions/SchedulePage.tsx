// Scheduling a case conference or a joint session for one patient, then handing out the personal links (shown once).
import { A, createAsync, revalidate } from '@solidjs/router'
import { createSignal, createUniqueId, For, Index, onMount, Show } from 'solid-js'
import type { Me } from '../../../shared/accounts'
import { Discipline, disciplineLabel, type SessionKind } from '../../../shared/enums'
import type { Id } from '../../../shared/ids'
import type { Patient } from '../../../shared/patients'
import { ScheduleSessionInput, type ScheduledSession } from '../../../shared/sessions'
import { useMe } from '../accounts/me'
import { ApiError } from '../lib/api'
import { formatDateTime, formatDuration } from '../lib/format'
import { formText } from '../lib/forms'
import { getPatient, listPatientSessions } from '../patients/api'
import { AsyncBoundary } from '../ui/AsyncBoundary'
import { Button } from '../ui/Button'
import { CopyLink } from '../ui/CopyLink'
import { ErrorMessage } from '../ui/ErrorMessage'
import { Field } from '../ui/Field'
import { PageHeader } from '../ui/PageHeader'
import { listMySessions } from './api'
import { scheduleSession } from './host-api'
import { roleLabel } from './participants'
import { durationOptions, localDateValue, localTimeValue, toInstant } from './time'
import { useIdParam } from '../lib/route'

type Errors = Partial<Record<string, string>>

export default function SchedulePage() {
  const id = useIdParam()
  return (
    <Show
      when={id()}
      keyed
      fallback={
        <>
          <PageHeader title="Patient not found" />
          <p>We couldn't find this patient, or you don't have access to their record.</p>
        </>
      }
    >
      {(id) => (
        <AsyncBoundary loading="Loading…" retry={() => void revalidate(getPatient.keyFor(id))}>
          <Loaded id={id} />
        </AsyncBoundary>
      )}
    </Show>
  )
}

function Loaded(props: { id: Id }) {
  const patient = createAsync(() => getPatient(props.id))
  const me = useMe()
  const [scheduled, setScheduled] = createSignal<ScheduledSession>()
  return (
    <Show when={patient()}>
      {(patient) => (
        <Show
          when={scheduled()}
          fallback={<ScheduleForm patient={patient()} me={me()} onScheduled={setScheduled} />}
        >
          {(result) => <ScheduledView result={result()} />}
        </Show>
      )}
    </Show>
  )
}

type SpecialistRow = { key: string }

// The fields the form shows errors beside; the server names the same paths ("specialists.0.email: …").
const knownFields = [
  'kind',
  'startsAt',
  'durationMinutes',
  'agenda',
  'hostIds',
  'clinicianIds',
  'partner',
]

function ScheduleForm(props: {
  patient: Patient
  me: Me
  onScheduled: (s: ScheduledSession) => void
}) {
  const formId = createUniqueId()
  const [kind, setKind] = createSignal<SessionKind>('case_conference')
  const [hostIds, setHostIds] = createSignal<Set<string>>(
    new Set(
      props.patient.careTeam.some((m) => m.clinicianId === props.me.clinician.id)
        ? [props.me.clinician.id]
        : []
    )
  )
  const [specialists, setSpecialists] = createSignal<SpecialistRow[]>([])
  const [invitePatient, setInvitePatient] = createSignal(true)
  const [withPartner, setWithPartner] = createSignal(false)
  const [errors, setErrors] = createSignal<Errors>({})
  const [error, setError] = createSignal<unknown>()
  const [isPending, setIsPending] = createSignal(false)
  let alert: HTMLDivElement | undefined
  let nextKey = 0

  const others = () => props.patient.careTeam
  const isJoint = () => kind() === 'joint_session'

  function addSpecialist() {
    const key = `s${nextKey++}`
    setSpecialists((rows) => [...rows, { key }])
    requestAnimationFrame(() =>
      document.querySelector<HTMLInputElement>(`input[name="${key}-name"]`)?.focus()
    )
  }

  function removeSpecialist(key: string) {
    setSpecialists((rows) => rows.filter((r) => r.key !== key))
    requestAnimationFrame(() => document.getElementById(`${formId}-add-specialist`)?.focus())
  }

  function toggleHost(clinicianId: string, checked: boolean) {
    setHostIds((current) => {
      const next = new Set(current)
      if (checked) next.add(clinicianId)
      else next.delete(clinicianId)
      return next
    })
  }

  async function onSubmit(event: SubmitEvent & { currentTarget: HTMLFormElement }) {
    event.preventDefault()
    if (isPending()) return
    const form = event.currentTarget
    const data = new FormData(form)
    const found: Errors = {}

    const startsAt = toInstant(formText(data, 'date'), formText(data, 'time'))
    const durationMinutes = Number(formText(data, 'durationMinutes'))
    if (!startsAt) found.startsAt = 'Enter a date and a time.'
    else if (new Date(startsAt).getTime() + durationMinutes * 60_000 < Date.now()) {
      found.startsAt = 'That time has already passed. Choose a time in the future.'
    }

    const hosts = [...hostIds()]
    const input = ScheduleSessionInput.safeParse({
      kind: kind(),
      patientId: props.patient.id,
      startsAt: startsAt ?? '',
      durationMinutes,
      agenda: formText(data, 'agenda'),
      hostIds: hosts,
      clinicianIds: data
        .getAll('clinicianIds')
        .filter((v): v is string => typeof v === 'string' && !hosts.includes(v)),
      specialists: specialists().map((row) => ({
        displayName: formText(data, `${row.key}-name`).trim(),
        email: formText(data, `${row.key}-email`).trim(),
        discipline: formText(data, `${row.key}-discipline`),
      })),
      invitePatient: isJoint() && invitePatient(),
      partner:
        isJoint() && invitePatient() && withPartner()
          ? {
              displayName: formText(data, 'partnerName').trim(),
              email: formText(data, 'partnerEmail').trim() || null,
            }
          : null,
    })
    let unplaced: string | undefined
    if (!input.success) {
      for (const issue of input.error.issues) {
        const key = errorKey(issue.path.map(String), specialists())
        if (!key) unplaced ??= issue.message
        else if (!found[key]) found[key] = friendlier(key, issue.message)
      }
    }
    setErrors(found)
    setError(unplaced ? new ApiError(400, 'invalid_input', unplaced) : undefined)
    if (!input.success || Object.keys(found).length > 0) {
      requestAnimationFrame(() => {
        if (unplaced) alert?.focus()
        else form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
      })
      return
    }

    setIsPending(true)
    try {
      const result = await scheduleSession(input.data)
      void revalidate(listMySessions.keyFor('upcoming'))
      void revalidate(listPatientSessions.keyFor(props.patient.id))
      props.onScheduled(result)
    } catch (err) {
      const fieldError = serverFieldError(err, specialists())
      if (fieldError) {
        setErrors(fieldError)
        requestAnimationFrame(() =>
          form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
        )
      } else {
        setError(err)
        alert?.focus()
      }
    } finally {
      setIsPending(false)
    }
  }

  return (
    <>
      <PageHeader title="Schedule a session" tabTitle="Schedule a session">
        <p class="muted">
          For <A href={`/patients/${props.patient.id}`}>{props.patient.displayName}</A>
        </p>
      </PageHeader>
      <Show when={error()}>
        <ErrorMessage
          title="We couldn't schedule this session."
          error={error()}
          ref={(el) => (alert = el)}
        />
      </Show>
      <form class="form form-wide" novalidate onSubmit={(event) => void onSubmit(event)}>
        <fieldset class="fieldset">
          <legend class="field-label">Kind of session</legend>
          <Show when={errors().kind}>
            <p class="field-error">{errors().kind}</p>
          </Show>
          <div class="choice">
            <input
              type="radio"
              id={`${formId}-case`}
              name="kind"
              value="case_conference"
              aria-invalid={errors().kind ? 'true' : undefined}
              checked={kind() === 'case_conference'}
              onChange={() => setKind('case_conference')}
            />
            <label for={`${formId}-case`}>
              Case conference
              <span class="choice-hint">
                Clinicians only, about {props.patient.displayName}'s care.
              </span>
            </label>
          </div>
          <div class="choice">
            <input
              type="radio"
              id={`${formId}-joint`}
              name="kind"
              value="joint_session"
              checked={kind() === 'joint_session'}
              onChange={() => setKind('joint_session')}
            />
            <label for={`${formId}-joint`}>
              Joint session
              <span class="choice-hint">
                With {props.patient.displayName}, and perhaps a partner or support person.
              </span>
            </label>
          </div>
        </fieldset>

        <div class="field-row">
          <Field
            label="Date"
            name="date"
            type="date"
            value={localDateValue(new Date())}
            required
            error={errors().startsAt}
          />
          <Field
            label="Start time"
            name="time"
            type="time"
            value={localTimeValue(nextQuarterHour())}
            required
          />
        </div>

        <div class="field" classList={{ 'field-invalid': Boolean(errors().durationMinutes) }}>
          <label class="field-label" for={`${formId}-duration`}>
            Duration
          </label>
          <Show when={errors().durationMinutes}>
            <p class="field-error">{errors().durationMinutes}</p>
          </Show>
          <select id={`${formId}-duration`} name="durationMinutes" class="input select">
            <For each={durationOptions}>
              {(minutes) => (
                <option value={minutes} selected={minutes === 45}>
                  {formatDuration(minutes)}
                </option>
              )}
            </For>
          </select>
        </div>

        <div class="field" classList={{ 'field-invalid': Boolean(errors().agenda) }}>
          <label class="field-label" for={`${formId}-agenda`}>
            Agenda
          </label>
          <p class="field-hint" id={`${formId}-agenda-hint`}>
            What the team will cover. Only clinicians see it.
          </p>
          <Show when={errors().agenda}>
            <p class="field-error">{errors().agenda}</p>
          </Show>
          <textarea
            id={`${formId}-agenda`}
            name="agenda"
            class="input textarea"
            rows="3"
            maxlength="2000"
            aria-describedby={`${formId}-agenda-hint`}
          />
        </div>

        <fieldset class="fieldset">
          <legend class="field-label">Hosts</legend>
          <p class="field-hint">
            Hosts let people in from the waiting room. If you choose no one, you host.
          </p>
          <For each={others()}>
            {(member) => (
              <div class="choice">
                <input
                  type="checkbox"
                  id={`${formId}-host-${member.clinicianId}`}
                  checked={hostIds().has(member.clinicianId)}
                  onChange={(event) => toggleHost(member.clinicianId, event.currentTarget.checked)}
                />
                <label for={`${formId}-host-${member.clinicianId}`}>
                  {member.displayName}
                  {member.clinicianId === props.me.clinician.id ? ' (you)' : ''}
                  <span class="choice-hint">{disciplineLabel[member.discipline]}</span>
                </label>
              </div>
            )}
          </For>
        </fieldset>

        <fieldset class="fieldset">
          <legend class="field-label">Other clinicians from the care team</legend>
          <Show when={errors().clinicianIds}>
            <p class="field-error">{errors().clinicianIds}</p>
          </Show>
          <For each={others()}>
            {(member) => (
              <div class="choice">
                <input
                  type="checkbox"
                  id={`${formId}-invite-${member.clinicianId}`}
                  name="clinicianIds"
                  value={member.clinicianId}
                  disabled={hostIds().has(member.clinicianId)}
                  checked={hostIds().has(member.clinicianId) ? true : undefined}
                />
                <label for={`${formId}-invite-${member.clinicianId}`}>
                  {member.displayName}
                  {member.clinicianId === props.me.clinician.id ? ' (you)' : ''}
                  <span class="choice-hint">
                    {disciplineLabel[member.discipline]}
                    {hostIds().has(member.clinicianId) ? ' · hosting' : ''}
                  </span>
                </label>
              </div>
            )}
          </For>
        </fieldset>

        <fieldset class="fieldset">
          <legend class="field-label">Outside specialists</legend>
          <p class="field-hint">
            Specialists who are not on the care team join with a personal link, for this session
            only.
          </p>
          <Index each={specialists()}>
            {(row, index) => (
              <fieldset class="fieldset fieldset-nested">
                <legend class="field-label">Outside specialist {index + 1}</legend>
                <Field
                  label="Name"
                  name={`${row().key}-name`}
                  autocomplete="off"
                  error={errors()[`specialists.${index}.displayName`]}
                />
                <Field
                  label="Email address"
                  name={`${row().key}-email`}
                  type="email"
                  inputmode="email"
                  autocomplete="off"
                  autocapitalize="off"
                  spellcheck={false}
                  error={errors()[`specialists.${index}.email`]}
                />
                <div
                  class="field"
                  classList={{
                    'field-invalid': Boolean(errors()[`specialists.${index}.discipline`]),
                  }}
                >
                  <label class="field-label" for={`${formId}-${row().key}-discipline`}>
                    Discipline
                  </label>
                  <Show when={errors()[`specialists.${index}.discipline`]}>
                    <p class="field-error">{errors()[`specialists.${index}.discipline`]}</p>
                  </Show>
                  <select
                    id={`${formId}-${row().key}-discipline`}
                    name={`${row().key}-discipline`}
                    class="input select"
                    aria-invalid={errors()[`specialists.${index}.discipline`] ? 'true' : undefined}
                  >
                    <option value="">Choose a discipline</option>
                    <For each={Discipline.options}>
                      {(d) => <option value={d}>{disciplineLabel[d]}</option>}
                    </For>
                  </select>
                </div>
                <Button variant="quiet" onClick={() => removeSpecialist(row().key)}>
                  Remove specialist {index + 1}
                </Button>
              </fieldset>
            )}
          </Index>
          <Show when={specialists().length < 5}>
            <Button id={`${formId}-add-specialist`} variant="secondary" onClick={addSpecialist}>
              Add an outside specialist
            </Button>
          </Show>
        </fieldset>

        <Show when={isJoint()}>
          <fieldset class="fieldset">
            <legend class="field-label">The patient</legend>
            <div class="choice">
              <input
                type="checkbox"
                id={`${formId}-patient`}
                checked={invitePatient()}
                onChange={(event) => setInvitePatient(event.currentTarget.checked)}
              />
              <label for={`${formId}-patient`}>
                Invite the patient ({props.patient.displayName})
                <span class="choice-hint">
                  They get a personal link and confirm their date of birth when they open it.
                </span>
              </label>
            </div>
            <div class="choice">
              <input
                type="checkbox"
                id={`${formId}-partner`}
                checked={withPartner()}
                disabled={!invitePatient()}
                onChange={(event) => setWithPartner(event.currentTarget.checked)}
              />
              <label for={`${formId}-partner`}>
                Invite a partner or support person
                <span class="choice-hint">They join together with the patient.</span>
              </label>
            </div>
            <Show when={errors().partner}>
              <p class="field-error">{errors().partner}</p>
            </Show>
            <Show when={invitePatient() && withPartner()}>
              <div class="fieldset-nested">
                <Field
                  label="Partner's name"
                  name="partnerName"
                  autocomplete="off"
                  error={errors()['partner.displayName']}
                />
                <Field
                  label="Partner's email address (optional)"
                  name="partnerEmail"
                  type="email"
                  inputmode="email"
                  autocomplete="off"
                  autocapitalize="off"
                  spellcheck={false}
                  error={errors()['partner.email']}
                />
              </div>
            </Show>
          </fieldset>
        </Show>

        <Button type="submit" pending={isPending()} pendingLabel="Scheduling…">
          Schedule session
        </Button>
      </form>
    </>
  )
}

function ScheduledView(props: { result: ScheduledSession }) {
  const session = () => props.result.session
  let heading!: HTMLHeadingElement
  onMount(() => heading.focus())

  return (
    <>
      <div class="page-header">
        <h1 ref={heading} tabindex="-1">
          Session scheduled
        </h1>
        <p class="muted">
          {session().kind === 'joint_session' ? 'Joint session' : 'Case conference'} with{' '}
          {session().patientName} ·{' '}
          <time datetime={session().startsAt}>{formatDateTime(session().startsAt)}</time> ·{' '}
          {formatDuration(session().durationMinutes)}
        </p>
      </div>
      <Show
        when={props.result.links.length > 0}
        fallback={
          <p>Everyone invited has an account here: they'll find the session on their home page.</p>
        }
      >
        <section class="section" aria-labelledby="links-title">
          <h2 id="links-title">Personal links</h2>
          <div class="notice">
            <p class="notice-title">Each link is shown only once.</p>
            <p>
              Copy each one now and send it privately to that person alone. If a link is lost, a
              host can make a new one from the session's page; the old one then stops working.
            </p>
          </div>
          <ul class="card-list">
            <For each={props.result.links}>
              {(link) => (
                <li class="card">
                  <p class="card-meta">
                    <span class="tag">{roleLabel[link.role]}</span>
                  </p>
                  <CopyLink name={link.displayName} url={link.url} />
                  <p class="muted">
                    Works until{' '}
                    <time datetime={link.expiresAt}>{formatDateTime(link.expiresAt)}</time>.
                  </p>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
      <p>
        <A href={`/sessions/${session().id}`} class="link-standalone">
          Go to the session
        </A>
      </p>
    </>
  )
}

function nextQuarterHour(): Date {
  const date = new Date()
  date.setSeconds(0, 0)
  date.setMinutes(Math.ceil((date.getMinutes() + 1) / 15) * 15)
  return date
}

/** Where an error with this path shows: beside its field, or beside the group it belongs to. */
function errorKey(path: string[], rows: SpecialistRow[]): string | undefined {
  const [first, second, third] = path
  if (!first) return undefined
  if (first === 'specialists' && second !== undefined && third && Number(second) < rows.length) {
    return `specialists.${second}.${third}`
  }
  if (first === 'partner' && second) return `partner.${second}`
  if (first === 'patientId' || first === 'invitePatient') return undefined
  return knownFields.includes(first) ? first : undefined
}

function friendlier(key: string, message: string): string {
  if (key.endsWith('.discipline')) return 'Choose a discipline.'
  return message
}

/** The server words a 400 as "<path>: <message>"; when the path is one of ours, show it beside the field. */
function serverFieldError(error: unknown, rows: SpecialistRow[]): Errors | undefined {
  if (!(error instanceof ApiError) || error.code !== 'invalid_input') return undefined
  const match = /^([A-Za-z0-9.]+): (.+)$/.exec(error.message)
  if (!match?.[1] || !match[2]) {
    // "That time has already passed" comes without a path.
    return /time/i.test(error.message) ? { startsAt: error.message } : undefined
  }
  const key = errorKey(match[1].split('.'), rows)
  return key ? { [key]: match[2] } : undefined
}
