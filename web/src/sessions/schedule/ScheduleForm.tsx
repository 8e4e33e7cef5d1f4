// The schedule form: what, when, who. Checked here against the shared schema first, then by the server.
import { A, revalidate } from '@solidjs/router'
import { createSignal, createUniqueId, For, Show } from 'solid-js'
import type { Me } from '../../../../shared/accounts'
import type { SessionKind } from '../../../../shared/enums'
import type { Patient } from '../../../../shared/patients'
import type { ScheduledSession } from '../../../../shared/sessions'
import { ScheduleSessionInput } from '../../../../shared/session-inputs'
import { ApiError } from '../../lib/api'
import { formatDuration } from '../../lib/format'
import { focusFirstInvalid, formText } from '../../lib/forms'
import { listPatientSessions } from '../../patients/api'
import { Button } from '../../ui/Button'
import { ErrorMessage } from '../../ui/ErrorMessage'
import { Field } from '../../ui/Field'
import { PageHeader } from '../../ui/PageHeader'
import { listMySessions } from '../api'
import { scheduleSession } from '../host-api'
import { durationOptions, localDateValue, localTimeValue, timeZoneHint, toInstant } from '../time'
import { errorKey, friendlier, serverFieldError, type Errors, type SpecialistRow } from './errors'
import {
  CareTeamChoices,
  KindChoice,
  PatientInviteFields,
  SpecialistFields,
} from './ScheduleFields'

export function ScheduleForm(props: {
  patient: Patient
  me: Me
  onScheduled: (s: ScheduledSession) => void
}) {
  const formId = createUniqueId()
  const [kind, setKind] = createSignal<SessionKind>('joint_session')

  const [specialists, setSpecialists] = createSignal<SpecialistRow[]>([])
  const [invitePatient, setInvitePatient] = createSignal(true)
  const [withPartner, setWithPartner] = createSignal(false)
  const [errors, setErrors] = createSignal<Errors>({})
  const [error, setError] = createSignal<unknown>()
  const [isPending, setIsPending] = createSignal(false)
  let alert: HTMLDivElement | undefined
  let nextKey = 0

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

    // One choice per care-team member: not invited, invited, or hosting.
    const teamChoice = (clinicianId: string) => formText(data, `team-${clinicianId}`)
    const team = props.patient.careTeam.map((m) => m.clinicianId)
    const hosts = team.filter((id) => teamChoice(id) === 'host')
    const input = ScheduleSessionInput.safeParse({
      kind: kind(),
      patientId: props.patient.id,
      startsAt: startsAt ?? '',
      durationMinutes,
      agenda: formText(data, 'agenda'),
      hostIds: hosts,
      clinicianIds: team.filter((id) => teamChoice(id) === 'invited'),
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
        else focusFirstInvalid(form)
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
        requestAnimationFrame(() => focusFirstInvalid(form))
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
        <KindChoice
          formId={formId}
          patientName={props.patient.displayName}
          kind={kind()}
          error={errors().kind}
          onChange={setKind}
        />

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
            hint={timeZoneHint()}
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

        <CareTeamChoices
          formId={formId}
          careTeam={props.patient.careTeam}
          myClinicianId={props.me.clinician.id}
          error={errors().clinicianIds ?? errors().hostIds}
        />

        <SpecialistFields
          formId={formId}
          rows={specialists()}
          errors={errors()}
          onAdd={addSpecialist}
          onRemove={removeSpecialist}
        />

        <Show when={isJoint()}>
          <PatientInviteFields
            formId={formId}
            patientName={props.patient.displayName}
            invitePatient={invitePatient()}
            withPartner={withPartner()}
            errors={errors()}
            onInvitePatient={setInvitePatient}
            onWithPartner={setWithPartner}
          />
        </Show>

        <Button type="submit" pending={isPending()} pendingLabel="Scheduling…">
          Schedule session
        </Button>
      </form>
    </>
  )
}

function nextQuarterHour(): Date {
  const date = new Date()
  date.setSeconds(0, 0)
  date.setMinutes(Math.ceil((date.getMinutes() + 1) / 15) * 15)
  return date
}
