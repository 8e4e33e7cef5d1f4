import { useNavigate, useSearchParams } from '@solidjs/router'
import { createSignal, Show } from 'solid-js'
import { SignInInput } from '../../../shared/accounts'
import { ApiError } from '../lib/api'
import { fieldErrorsFrom, focusFirstInvalid, formText, type FieldErrors } from '../lib/forms'
import { Button } from '../ui/Button'
import { ErrorMessage } from '../ui/ErrorMessage'
import { Field } from '../ui/Field'
import { Layout } from '../ui/Layout'
import { PageHeader } from '../ui/PageHeader'
import { StatusBanner } from '../ui/StatusBanner'
import { signIn } from './api'
import { beginSignedIn, safeNextPath, signInNotice } from './sign-out'

export default function SignInPage() {
  const navigate = useNavigate()
  const [searchParams] = useSearchParams()
  const [fieldErrors, setFieldErrors] = createSignal<FieldErrors>({})
  const [error, setError] = createSignal<unknown>()
  const [isPending, setIsPending] = createSignal(false)
  let alert: HTMLDivElement | undefined
  let password!: HTMLInputElement

  async function onSubmit(event: SubmitEvent & { currentTarget: HTMLFormElement }) {
    event.preventDefault()
    if (isPending()) return
    const form = event.currentTarget
    const data = new FormData(form)
    const input = SignInInput.safeParse({
      email: formText(data, 'email'),
      password: formText(data, 'password'),
    })
    setError(undefined)
    if (!input.success) {
      setFieldErrors(fieldErrorsFrom(input.error))
      focusFirstInvalid(form)
      return
    }

    setFieldErrors({})
    setIsPending(true)
    try {
      await signIn(input.data)
      beginSignedIn()
      const next = searchParams.next
      navigate(safeNextPath(typeof next === 'string' ? next : undefined), { replace: true })
    } catch (err) {
      setIsPending(false)
      if (err instanceof ApiError && err.code === 'unauthenticated') password.value = ''
      setError(err)
      alert?.focus()
    }
  }

  return (
    <Layout>
      <div class="narrow">
        <PageHeader title="Sign in" />
        <StatusBanner message={signInNotice()} />
        <Show when={error()}>
          <ErrorMessage error={error()} ref={(el) => (alert = el)} />
        </Show>
        <form class="form" novalidate onSubmit={(event) => void onSubmit(event)}>
          <Field
            label="Email address"
            name="email"
            type="email"
            autocomplete="username"
            inputmode="email"
            autocapitalize="off"
            spellcheck={false}
            required
            error={fieldErrors().email}
          />
          <Field
            ref={password}
            label="Password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            error={fieldErrors().password}
          />
          <Button type="submit" pending={isPending()} pendingLabel="Signing in…">
            Sign in
          </Button>
        </form>
        <p class="muted">If you can't sign in, ask your clinic's administrator for help.</p>
      </div>
    </Layout>
  )
}
