import { createSignal, createUniqueId } from 'solid-js'
import { Button } from './Button'

type CopyLinkProps = {
  /** Whose link this is, e.g. "Riley Chen". */
  name: string
  /** Names the field; "Personal link for" unless said otherwise. */
  labelPrefix?: string
  url: string
}

/** A link in a read-only field with a Copy button; without the Clipboard API it selects the text instead. */
export function CopyLink(props: CopyLinkProps) {
  const id = createUniqueId()
  const [status, setStatus] = createSignal<string>()
  let input!: HTMLInputElement

  async function copy() {
    setStatus(undefined)
    try {
      // The Clipboard API needs a secure context (https or localhost) and a recent user action.
      if (!navigator.clipboard) throw new Error('no clipboard')
      await navigator.clipboard.writeText(props.url)
      setStatus('Copied. Paste it into a private message to this person.')
    } catch {
      input.focus()
      input.select()
      let copied = false
      try {
        copied = document.execCommand('copy')
      } catch {
        copied = false
      }
      setStatus(
        copied
          ? 'Copied. Paste it into a private message to this person.'
          : 'The link is selected: press Ctrl+C (⌘C on a Mac) to copy it.'
      )
    }
  }

  return (
    <div class="copy-link">
      <label class="field-label" for={id}>
        {props.labelPrefix ?? 'Personal link for'} {props.name}
      </label>
      <div class="copy-link-row">
        <input
          ref={input}
          id={id}
          class="input copy-link-input"
          type="text"
          readonly
          value={props.url}
          spellcheck={false}
          onFocus={(event) => event.currentTarget.select()}
        />
        <Button variant="secondary" onClick={() => void copy()}>
          Copy link<span class="visually-hidden"> for {props.name}</span>
        </Button>
      </div>
      <p class="copy-link-status" role="status">
        {status()}
      </p>
    </div>
  )
}
