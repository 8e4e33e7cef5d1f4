import { createUniqueId, splitProps, type JSX } from 'solid-js'

type FrameProps = {
  label: string
  hint?: string
  error?: string
  children: (control: ControlAttributes) => JSX.Element
}

type ControlAttributes = {
  id: string
  'aria-describedby': string | undefined
  'aria-invalid': 'true' | undefined
}

// Label, hint and error around one control, wired so a screen reader reads all three with it.
function FieldFrame(props: FrameProps) {
  const id = createUniqueId()
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const describedBy = () => {
    const ids = [props.hint ? hintId : undefined, props.error ? errorId : undefined]
    return ids.filter(Boolean).join(' ') || undefined
  }

  return (
    <div class="field" classList={{ 'field-invalid': Boolean(props.error) }}>
      <label class="field-label" for={id}>
        {props.label}
      </label>
      {props.hint && (
        <p class="field-hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field-error" id={errorId}>
          {props.error}
        </p>
      )}
      {props.children({
        id,
        get 'aria-describedby'() {
          return describedBy()
        },
        get 'aria-invalid'() {
          return props.error ? ('true' as const) : undefined
        },
      })}
    </div>
  )
}

type FieldProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'children'> & {
  label: string
  hint?: string
  error?: string
}

export function Field(props: FieldProps) {
  const [own, input] = splitProps(props, ['label', 'hint', 'error', 'class'])
  return (
    <FieldFrame label={own.label} hint={own.hint} error={own.error}>
      {(control) => (
        <input {...input} {...control} class={`input${own.class ? ` ${own.class}` : ''}`} />
      )}
    </FieldFrame>
  )
}

type SelectFieldProps<V extends string> = Omit<
  JSX.SelectHTMLAttributes<HTMLSelectElement>,
  'id' | 'children' | 'value'
> & {
  label: string
  hint?: string
  error?: string
  /** Selected at first and again after the form is reset. */
  defaultValue?: V
  options: readonly { value: V; label: string }[]
}

export function SelectField<V extends string>(props: SelectFieldProps<V>) {
  const [own, select] = splitProps(props, [
    'label',
    'hint',
    'error',
    'options',
    'defaultValue',
    'class',
  ])
  let element: HTMLSelectElement | undefined
  // The options can be rebuilt while someone is choosing (a list refetched from the server): new option
  // elements would fall back to the default, so keep what they chose while it is still offered.
  const options = () => {
    const chosen = element?.options.length ? element.value : undefined
    const keep = own.options.some((option) => option.value === chosen) ? chosen : undefined
    return own.options.map((option) => (
      // defaultSelected, not selected: Solid sets `selected` as a property, and form.reset()
      // returns to the default.
      <option
        value={option.value}
        ref={(el) => {
          el.defaultSelected = option.value === own.defaultValue
          if (keep !== undefined) el.selected = option.value === keep
        }}
      >
        {option.label}
      </option>
    ))
  }
  return (
    <FieldFrame label={own.label} hint={own.hint} error={own.error}>
      {(control) => (
        <select
          {...select}
          {...control}
          ref={(el) => (element = el)}
          class={`input select${own.class ? ` ${own.class}` : ''}`}
        >
          {options()}
        </select>
      )}
    </FieldFrame>
  )
}
