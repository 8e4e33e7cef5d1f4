// The parts of the schedule form: kind of session, the care team, outside specialists, and the patient's invitation.
import { For, Index, Show } from 'solid-js'
import type { CareTeamMember } from '../../../../shared/patients'
import { Discipline, disciplineLabel, type SessionKind } from '../../../../shared/enums'
import { Button } from '../../ui/Button'
import { Field } from '../../ui/Field'
import type { Errors, SpecialistRow } from './errors'

// The server allows five outside specialists per session.
const MAX_SPECIALISTS = 5

export function KindChoice(props: {
  formId: string
  patientName: string
  kind: SessionKind
  error: string | undefined
  onChange: (kind: SessionKind) => void
}) {
  return (
    <fieldset class="fieldset">
      <legend class="field-label">Kind of session</legend>
      <Show when={props.error}>
        <p class="field-error">{props.error}</p>
      </Show>
      <div class="choice">
        <input
          type="radio"
          id={`${props.formId}-case`}
          name="kind"
          value="case_conference"
          aria-invalid={props.error ? 'true' : undefined}
          checked={props.kind === 'case_conference'}
          onChange={() => props.onChange('case_conference')}
        />
        <label for={`${props.formId}-case`}>
          Case conference
          <span class="choice-hint">Clinicians only, about {props.patientName}'s care.</span>
        </label>
      </div>
      <div class="choice">
        <input
          type="radio"
          id={`${props.formId}-joint`}
          name="kind"
          value="joint_session"
          checked={props.kind === 'joint_session'}
          onChange={() => props.onChange('joint_session')}
        />
        <label for={`${props.formId}-joint`}>
          Joint session
          <span class="choice-hint">
            With {props.patientName}, and perhaps a partner or support person.
          </span>
        </label>
      </div>
    </fieldset>
  )
}

/** Each member of the care team once: not invited, invited, or hosting. */
export function CareTeamChoices(props: {
  formId: string
  careTeam: CareTeamMember[]
  myClinicianId: string
  error: string | undefined
}) {
  return (
    <fieldset class="fieldset">
      <legend class="field-label">Care team</legend>
      <p class="field-hint">
        Hosts let people in from the waiting room. If you choose no host, you host.
      </p>
      <Show when={props.error}>
        <p class="field-error">{props.error}</p>
      </Show>
      <ul class="plain-list team-choices">
        <For each={props.careTeam}>
          {(member) => {
            const id = `${props.formId}-team-${member.clinicianId}`
            const isMe = member.clinicianId === props.myClinicianId
            return (
              <li class="team-choice">
                <label for={id}>
                  <span class="member-name">
                    {member.displayName}
                    {isMe ? ' (you)' : ''}
                  </span>
                  <span class="choice-hint">{disciplineLabel[member.discipline]}</span>
                </label>
                <select
                  id={id}
                  name={`team-${member.clinicianId}`}
                  class="input select"
                  aria-label={`${member.displayName} in this session`}
                  aria-invalid={props.error ? 'true' : undefined}
                >
                  <option value="" selected={!isMe}>
                    Not invited
                  </option>
                  <option value="invited">Invited</option>
                  <option value="host" selected={isMe}>
                    Host
                  </option>
                </select>
              </li>
            )
          }}
        </For>
      </ul>
    </fieldset>
  )
}

export function SpecialistFields(props: {
  formId: string
  rows: SpecialistRow[]
  errors: Errors
  onAdd: () => void
  onRemove: (key: string) => void
}) {
  return (
    <fieldset class="fieldset">
      <legend class="field-label">Outside specialists</legend>
      <p class="field-hint">
        Specialists who are not on the care team join with a personal link, for this session only.
      </p>
      <Index each={props.rows}>
        {(row, index) => (
          <fieldset class="fieldset fieldset-nested">
            <legend class="field-label">Outside specialist {index + 1}</legend>
            <Field
              label="Name"
              name={`${row().key}-name`}
              autocomplete="off"
              error={props.errors[`specialists.${index}.displayName`]}
            />
            <Field
              label="Email address"
              name={`${row().key}-email`}
              type="email"
              inputmode="email"
              autocomplete="off"
              autocapitalize="off"
              spellcheck={false}
              error={props.errors[`specialists.${index}.email`]}
            />
            <div
              class="field"
              classList={{
                'field-invalid': Boolean(props.errors[`specialists.${index}.discipline`]),
              }}
            >
              <label class="field-label" for={`${props.formId}-${row().key}-discipline`}>
                Discipline
              </label>
              <Show when={props.errors[`specialists.${index}.discipline`]}>
                <p class="field-error">{props.errors[`specialists.${index}.discipline`]}</p>
              </Show>
              <select
                id={`${props.formId}-${row().key}-discipline`}
                name={`${row().key}-discipline`}
                class="input select"
                aria-invalid={props.errors[`specialists.${index}.discipline`] ? 'true' : undefined}
              >
                <option value="">Choose a discipline</option>
                <For each={Discipline.options}>
                  {(d) => <option value={d}>{disciplineLabel[d]}</option>}
                </For>
              </select>
            </div>
            <Button variant="quiet" onClick={() => props.onRemove(row().key)}>
              Remove specialist {index + 1}
            </Button>
          </fieldset>
        )}
      </Index>
      <Show when={props.rows.length < MAX_SPECIALISTS}>
        <Button
          id={`${props.formId}-add-specialist`}
          variant="secondary"
          onClick={() => props.onAdd()}
        >
          Add an outside specialist
        </Button>
      </Show>
    </fieldset>
  )
}

export function PatientInviteFields(props: {
  formId: string
  patientName: string
  invitePatient: boolean
  withPartner: boolean
  errors: Errors
  onInvitePatient: (invite: boolean) => void
  onWithPartner: (withPartner: boolean) => void
}) {
  return (
    <fieldset class="fieldset">
      <legend class="field-label">The patient</legend>
      <div class="choice">
        <input
          type="checkbox"
          id={`${props.formId}-patient`}
          checked={props.invitePatient}
          onChange={(event) => props.onInvitePatient(event.currentTarget.checked)}
        />
        <label for={`${props.formId}-patient`}>
          Invite the patient ({props.patientName})
          <span class="choice-hint">
            They get a personal link and confirm their date of birth when they open it.
          </span>
        </label>
      </div>
      <div class="choice">
        <input
          type="checkbox"
          id={`${props.formId}-partner`}
          checked={props.withPartner}
          disabled={!props.invitePatient}
          onChange={(event) => props.onWithPartner(event.currentTarget.checked)}
        />
        <label for={`${props.formId}-partner`}>
          Invite a partner or support person
          <span class="choice-hint">They join together with the patient.</span>
        </label>
      </div>
      <Show when={props.errors.partner}>
        <p class="field-error">{props.errors.partner}</p>
      </Show>
      <Show when={props.invitePatient && props.withPartner}>
        <div class="fieldset-nested">
          <Field
            label="Partner's name"
            name="partnerName"
            autocomplete="off"
            error={props.errors['partner.displayName']}
          />
          <Field
            label="Partner's email address (optional)"
            name="partnerEmail"
            type="email"
            inputmode="email"
            autocomplete="off"
            autocapitalize="off"
            spellcheck={false}
            error={props.errors['partner.email']}
          />
        </div>
      </Show>
    </fieldset>
  )
}
