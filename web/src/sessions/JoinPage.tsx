// Opening a personal link: exchange the secret from the fragment for a cookie, asking a patient to confirm their
// date of birth first. Outside the signed-in area: people with a link have no clinician account.
import { useNavigate } from '@solidjs/router'
import { createEffect, createSignal, Match, on, onCleanup, onMount, Switch } from 'solid-js'
import type { Id } from '../../../shared/ids'
import { ApiError } from '../lib/api'
import { Button } from '../ui/Button'
import { ErrorMessage } from '../ui/ErrorMessage'
import { Layout } from '../ui/Layout'
import { PageHeader } from '../ui/PageHeader'
import { exchangeInvitation, fetchGuestMe } from './api'
import { readBirthDate } from './birth-date'
import { takeJoinSecret } from './join-secret'
import { SessionOver } from './PreCallLayout'
import { useIdParam } from '../lib/route'

type Step =
  | { kind: 'opening' }
  | { kind: 'confirm'; message: string; wrong: boolean; attempt: number }
  | { kind: 'invalid' }
  | { kind: 'closed'; message: string }
  | { kind: 'incomplete' }
  | { kind: 'failed'; error: unknown; canRetry: boolean }

export default function JoinPage() {
  const navigate = useNavigate()
  const [step, setStep] = createSignal<Step>({ kind: 'opening' })
  const [isPending, setIsPending] = createSignal(false)
  // Held here only while this page is open, for the date-of-birth step.
  let secret: string | undefined

  const confirmStep = () => {
    const current = step()
    return current.kind === 'confirm' ? current : undefined
  }
  const closedStep = () => {
    const current = step()
    return current.kind === 'closed' ? current : undefined
  }
  const failedStep = () => {
    const current = step()
    return current.kind === 'failed' ? current : undefined
  }

  const sessionId = useIdParam('sessionId')

  function continueToDeviceCheck(id: Id) {
    secret = undefined
    navigate(`/sessions/${id}/check`, { replace: true })
  }

  async function exchange(id: Id, dateOfBirth?: string) {
    if (!secret) return
    setIsPending(true)
    try {
      await exchangeInvitation({ sessionId: id, secret, dateOfBirth })
      continueToDeviceCheck(id)
    } catch (error) {
      if (error instanceof ApiError && error.code === 'confirmation_required') {
        const previous = step()
        const attempt = previous.kind === 'confirm' ? previous.attempt + 1 : 0
        setStep({
          kind: 'confirm',
          message: error.message,
          wrong: dateOfBirth !== undefined,
          attempt,
        })
      } else if (error instanceof ApiError && error.code === 'session_closed') {
        secret = undefined
        setStep({ kind: 'closed', message: error.message })
      } else if (
        error instanceof ApiError &&
        (error.code === 'not_found' || error.code === 'invalid_input')
      ) {
        secret = undefined
        // A used link opened again in the browser that used it (a closed tab, the email clicked twice): the
        // cookie from the first time still lets this person in.
        if (await isAlreadyJoined(id)) continueToDeviceCheck(id)
        else setStep({ kind: 'invalid' })
      } else {
        const canRetry = !(error instanceof ApiError && error.code === 'rate_limited')
        setStep({ kind: 'failed', error, canRetry })
      }
    } finally {
      setIsPending(false)
    }
  }

  async function isAlreadyJoined(id: Id): Promise<boolean> {
    try {
      return (await fetchGuestMe()).sessionId === id
    } catch {
      return false
    }
  }

  async function start() {
    const id = sessionId()
    const fromLink = id ? takeJoinSecret(id) : undefined
    if (fromLink) secret = fromLink
    if (!id) {
      setStep({ kind: 'invalid' })
      return
    }
    if (secret) {
      setStep({ kind: 'opening' })
      await exchange(id)
      return
    }
    // No secret: perhaps a reload after the link was already exchanged, with the cookie still set.
    try {
      const me = await fetchGuestMe()
      if (me.sessionId === id) continueToDeviceCheck(id)
      else setStep({ kind: 'incomplete' })
    } catch (error) {
      if (
        error instanceof ApiError &&
        (error.code === 'not_found' || error.code === 'unauthenticated')
      ) {
        setStep({ kind: 'incomplete' })
      } else {
        setStep({ kind: 'failed', error, canRetry: true })
      }
    }
  }

  onMount(() => {
    void start()
    const onHashChange = () => void start()
    window.addEventListener('hashchange', onHashChange)
    onCleanup(() => window.removeEventListener('hashchange', onHashChange))
  })

  return (
    <Layout plainBrand>
      <div class="narrow">
        <Switch>
          <Match when={step().kind === 'opening'}>
            <PageHeader title="Joining your session" />
            <p class="loading" role="status">
              Opening your session…
            </p>
          </Match>
          <Match when={confirmStep()}>
            {(confirm) => (
              <ConfirmBirthDate
                message={confirm().message}
                wrong={confirm().wrong}
                attempt={confirm().attempt}
                pending={isPending()}
                onSubmit={(dateOfBirth) => {
                  const id = sessionId()
                  if (id) void exchange(id, dateOfBirth)
                }}
              />
            )}
          </Match>
          <Match when={closedStep()}>
            {(closed) => (
              <SessionOver title={closed().message} sessionId={undefined} isClinician={false} />
            )}
          </Match>
          <Match when={step().kind === 'invalid'}>
            <PageHeader title="This link is not valid" />
            <p>
              This link is not valid. It may have expired, already been used, or been copied only in
              part.
            </p>
            <p>
              Please ask your care team for a new link. They can send you one in a moment, and
              nothing about your care changes.
            </p>
          </Match>
          <Match when={step().kind === 'incomplete'}>
            <PageHeader title="We couldn't open your session" />
            <p>
              This address is missing the private part of your personal link, so we can't tell who
              you are.
            </p>
            <p>
              Please open the link from your invitation again. If it doesn't work, ask your care
              team for a new link.
            </p>
          </Match>
          <Match when={failedStep()}>
            {(failed) => (
              <>
                <PageHeader title="We couldn't open your session" />
                <ErrorMessage
                  error={failed().error}
                  onRetry={failed().canRetry ? () => void start() : undefined}
                />
              </>
            )}
          </Match>
        </Switch>
      </div>
    </Layout>
  )
}

type ConfirmBirthDateProps = {
  message: string
  /** The last date given did not match. */
  wrong: boolean
  /** Counts answers from the server, so each wrong one moves focus back to the fields. */
  attempt: number
  pending: boolean
  onSubmit: (isoDate: string) => void
}

function ConfirmBirthDate(props: ConfirmBirthDateProps) {
  const [localError, setLocalError] = createSignal<string>()
  const error = () => localError() ?? (props.wrong ? props.message : undefined)
  let day!: HTMLInputElement
  let month!: HTMLInputElement
  let year!: HTMLInputElement

  createEffect(
    on(
      () => props.attempt,
      () => {
        if (props.wrong) day.focus()
      }
    )
  )

  function onSubmit(event: SubmitEvent) {
    event.preventDefault()
    if (props.pending) return
    const read = readBirthDate(day.value, month.value, year.value)
    if ('problem' in read) {
      setLocalError(read.problem)
      day.focus()
      return
    }
    setLocalError(undefined)
    props.onSubmit(read.iso)
  }

  return (
    <>
      <PageHeader title="Confirm it's you" />
      <p>To keep your session private, please confirm your date of birth.</p>
      <form class="form" novalidate onSubmit={onSubmit}>
        <fieldset
          class="fieldset date-fields"
          classList={{ 'field-invalid': Boolean(error()) }}
          aria-describedby={error() ? 'dob-error dob-hint' : 'dob-hint'}
        >
          <legend class="field-label">Your date of birth</legend>
          <p class="field-hint" id="dob-hint">
            For example, 27 3 1985
          </p>
          <p class="field-error" id="dob-error" role="alert">
            {error()}
          </p>
          <div class="date-parts">
            <DatePart part="day" label="Day" ref={day} invalid={Boolean(error())} />
            <DatePart part="month" label="Month" ref={month} invalid={Boolean(error())} />
            <DatePart part="year" label="Year" ref={year} invalid={Boolean(error())} />
          </div>
        </fieldset>
        <Button type="submit" pending={props.pending} pendingLabel="Checking…">
          Continue
        </Button>
      </form>
    </>
  )
}

/** YYYY-MM-DD for a real calendar date in the past, or undefined. */

type DatePartProps = {
  part: 'day' | 'month' | 'year'
  label: string
  ref: HTMLInputElement | ((el: HTMLInputElement) => void)
  invalid: boolean
}

/** One numeric part of a date, with the autocomplete hint a phone uses to offer the saved birthday. */
function DatePart(props: DatePartProps) {
  const id = `dob-${props.part}`
  return (
    <div class="date-part">
      <label class="field-label" for={id}>
        {props.label}
      </label>
      <input
        ref={props.ref}
        id={id}
        class={props.part === 'year' ? 'input input-year' : 'input input-day'}
        inputmode="numeric"
        autocomplete={`bday-${props.part}`}
        maxlength={props.part === 'year' ? 4 : 2}
        aria-invalid={props.invalid ? 'true' : undefined}
      />
    </div>
  )
}
