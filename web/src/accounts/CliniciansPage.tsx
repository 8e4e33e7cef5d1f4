import { createAsync, revalidate } from '@solidjs/router'
import { createSignal, For, Show } from 'solid-js'
import { CreateClinicianInput, type Clinician } from '../../../shared/accounts'
import { Discipline, disciplineLabel, type AccountRole } from '../../../shared/enums'
import { ApiError } from '../lib/api'
import {
  fieldErrorFromServer,
  fieldErrorsFrom,
  focusFirstInvalid,
  formText,
  type FieldErrors,
} from '../lib/forms'
import NotFoundPage from '../NotFoundPage'
import { AsyncBoundary } from '../ui/AsyncBoundary'
import { Button } from '../ui/Button'
import { ErrorMessage } from '../ui/ErrorMessage'
import { Field, SelectField } from '../ui/Field'
import { PageHeader } from '../ui/PageHeader'
import { StatusBanner } from '../ui/StatusBanner'
import { createClinician, listClinicians, updateClinician } from './api'
import { isAdmin, useMe } from './me'

// Belongs in shared/enums.ts beside disciplineLabel, so server and web name roles alike.
const accountRoleLabel: Record<AccountRole, string> = {
  clinician: 'Clinician',
  admin: 'Administrator',
}

const disciplineOptions = [
  { value: '', label: 'Choose a discipline' },
  ...Discipline.options.map((value) => ({ value, label: disciplineLabel[value] })),
]
// Clinician first: the everyday choice, and what a reset form returns to.
const roleOptions = (['clinician', 'admin'] as const).map((value) => ({
  value,
  label: accountRoleLabel[value],
}))
const formFields = ['displayName', 'email', 'discipline', 'role', 'password'] as const

export default function CliniciansPage() {
  const me = useMe()
  // The server answers non-admins with 404 too; this only saves the request.
  return (
    <Show when={isAdmin(me())} fallback={<NotFoundPage />}>
      <ManageClinicians />
    </Show>
  )
}

function ManageClinicians() {
  const me = useMe()
  const clinicians = createAsync(() => listClinicians())
  const [status, setStatus] = createSignal<string>()

  return (
    <>
      <PageHeader title="Clinicians" />
      <section class="section" aria-labelledby="clinician-list">
        <h2 id="clinician-list">People with accounts</h2>
        <StatusBanner message={status()} />
        <AsyncBoundary
          loading="Loading clinicians…"
          retry={() => void revalidate(listClinicians.key)}
        >
          <Show when={clinicians()}>
            {(clinicians) => (
              <ClinicianList
                clinicians={clinicians()}
                myId={me().clinician.id}
                onChanged={setStatus}
              />
            )}
          </Show>
        </AsyncBoundary>
      </section>
      <section class="section" aria-labelledby="add-clinician">
        <h2 id="add-clinician">Add a clinician</h2>
        <AddClinicianForm />
      </section>
    </>
  )
}

type ClinicianListProps = {
  clinicians: Clinician[]
  myId: string
  onChanged: (status: string) => void
}

function ClinicianList(props: ClinicianListProps) {
  const [changingId, setChangingId] = createSignal<string>()
  const [failure, setFailure] = createSignal<{ id: string; error: unknown }>()

  async function toggleActive(clinician: Clinician) {
    if (changingId()) return
    setChangingId(clinician.id)
    setFailure(undefined)
    try {
      const updated = await updateClinician(clinician.id, { active: !clinician.active })
      await revalidate(listClinicians.key)
      props.onChanged(
        updated.active
          ? `${updated.displayName} can sign in again.`
          : `${updated.displayName} can no longer sign in.`
      )
    } catch (error) {
      setFailure({ id: clinician.id, error })
    } finally {
      setChangingId(undefined)
    }
  }

  return (
    <Show when={props.clinicians.length > 0} fallback={<p class="empty">No clinicians yet.</p>}>
      <ul class="card-list">
        <For each={props.clinicians}>
          {(clinician) => (
            <li class="card" classList={{ 'card-inactive': !clinician.active }}>
              <h3 class="card-title">{clinician.displayName}</h3>
              <p class="card-detail card-email">{clinician.email}</p>
              <p class="card-meta">
                <span class="tag">{disciplineLabel[clinician.discipline]}</span>
                <span class="tag">{accountRoleLabel[clinician.role]}</span>
                <span class="tag" classList={{ 'tag-muted': !clinician.active }}>
                  {clinician.active ? 'Active' : 'Deactivated'}
                </span>
              </p>
              <Show
                when={clinician.id !== props.myId}
                fallback={<p class="muted">This is your account.</p>}
              >
                <Button
                  variant="secondary"
                  pending={changingId() === clinician.id}
                  pendingLabel="Saving…"
                  onClick={() => void toggleActive(clinician)}
                >
                  {clinician.active ? 'Deactivate' : 'Reactivate'}
                  <span class="visually-hidden"> {clinician.displayName}</span>
                </Button>
              </Show>
              <Show when={failure()?.id === clinician.id ? failure() : undefined}>
                {(failed) => (
                  <ErrorMessage
                    title={`We couldn't change ${clinician.displayName}'s access.`}
                    error={failed().error}
                  />
                )}
              </Show>
            </li>
          )}
        </For>
      </ul>
    </Show>
  )
}

function AddClinicianForm() {
  const [status, setStatus] = createSignal<string>()
  const [fieldErrors, setFieldErrors] = createSignal<FieldErrors>({})
  const [error, setError] = createSignal<unknown>()
  const [isPending, setIsPending] = createSignal(false)
  let alert: HTMLDivElement | undefined

  async function onSubmit(event: SubmitEvent & { currentTarget: HTMLFormElement }) {
    event.preventDefault()
    if (isPending()) return
    const form = event.currentTarget
    const data = new FormData(form)
    const input = CreateClinicianInput.safeParse(
      Object.fromEntries(formFields.map((field) => [field, formText(data, field)]))
    )
    setError(undefined)
    setStatus(undefined)
    if (!input.success) {
      const errors = fieldErrorsFrom(input.error)
      // zod's enum message lists the raw values; say it the way the form does.
      if (errors.discipline) errors.discipline = 'Choose a discipline.'
      if (errors.role) errors.role = 'Choose a role.'
      setFieldErrors(errors)
      focusFirstInvalid(form)
      return
    }

    setFieldErrors({})
    setIsPending(true)
    try {
      const added = await createClinician(input.data)
      form.reset()
      await revalidate(listClinicians.key)
      setStatus(`Added ${added.displayName}. They can now sign in.`)
    } catch (err) {
      // Email is the only field that must be unique, so a conflict is about it.
      const errors =
        err instanceof ApiError && err.code === 'conflict'
          ? { email: err.message }
          : fieldErrorFromServer(err, formFields)
      if (errors) {
        setFieldErrors(errors)
        focusFirstInvalid(form)
      } else {
        setError(err)
        alert?.focus()
      }
    } finally {
      setIsPending(false)
    }
  }

  return (
    <form class="form" novalidate onSubmit={(event) => void onSubmit(event)}>
      <StatusBanner message={status()} />
      <Show when={error()}>
        <ErrorMessage
          title="We couldn't add this clinician."
          error={error()}
          ref={(el) => (alert = el)}
        />
      </Show>
      <Field
        label="Full name"
        name="displayName"
        autocomplete="off"
        required
        error={fieldErrors().displayName}
      />
      <Field
        label="Email address"
        name="email"
        type="email"
        inputmode="email"
        autocomplete="off"
        autocapitalize="off"
        spellcheck={false}
        required
        error={fieldErrors().email}
      />
      <SelectField
        label="Discipline"
        name="discipline"
        options={disciplineOptions}
        defaultValue=""
        required
        error={fieldErrors().discipline}
      />
      <SelectField
        label="Role"
        name="role"
        options={roleOptions}
        defaultValue="clinician"
        hint="Administrators can also add clinicians and change who can sign in."
        error={fieldErrors().role}
      />
      <Field
        label="Initial password"
        name="password"
        type="password"
        autocomplete="new-password"
        hint="At least 12 characters. Give it to them privately."
        required
        error={fieldErrors().password}
      />
      <Button type="submit" pending={isPending()} pendingLabel="Adding…">
        Add clinician
      </Button>
    </form>
  )
}
