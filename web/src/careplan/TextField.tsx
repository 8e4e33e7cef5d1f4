// A text box bound to a Y.Text: typing becomes character-level edits, others' edits appear without moving the
// caret away from where the person is typing.
import { createSignal, createUniqueId, onCleanup } from 'solid-js'
import type * as Y from 'yjs'

export function TextField(props: {
  text: Y.Text
  label: string
  readOnly: boolean
  multiline?: boolean
  maxLength: number
  editingBy?: string
  onFocus?: () => void
  onBlur?: () => void
}) {
  const id = createUniqueId()
  let el: HTMLTextAreaElement | HTMLInputElement | undefined
  const [value, setValue] = createSignal(props.text.toString())
  const observer = (event: Y.YTextEvent) => {
    if (event.transaction.local) return
    let start = el?.selectionStart ?? 0
    let end = el?.selectionEnd ?? 0
    let at = 0
    for (const op of event.delta) {
      if (op.retain) at += op.retain
      else if (typeof op.insert === 'string') {
        const n = op.insert.length
        if (at <= start) start += n
        if (at <= end) end += n
        at += n
      } else if (op.delete) {
        if (at < start) start = Math.max(at, start - op.delete)
        if (at < end) end = Math.max(at, end - op.delete)
      }
    }
    setValue(props.text.toString())
    if (el && document.activeElement === el) el.setSelectionRange(start, end)
  }
  props.text.observe(observer)
  onCleanup(() => props.text.unobserve(observer))

  const onInput = (next: string) => {
    const old = props.text.toString()
    let p = 0
    while (p < old.length && p < next.length && old[p] === next[p]) p++
    let s = 0
    while (
      s < old.length - p &&
      s < next.length - p &&
      old[old.length - 1 - s] === next[next.length - 1 - s]
    )
      s++
    props.text.doc?.transact(() => {
      if (old.length - p - s > 0) props.text.delete(p, old.length - p - s)
      const inserted = next.slice(p, next.length - s)
      if (inserted) props.text.insert(p, inserted)
    })
    setValue(next)
  }
  const common = () => ({
    id,
    value: value(),
    readOnly: props.readOnly,
    maxLength: props.maxLength,
    class: 'input',
    onFocus: () => props.onFocus?.(),
    onBlur: () => props.onBlur?.(),
  })
  return (
    <div class="field careplan-field">
      <label class="field-label" for={id}>
        {props.label}
        {props.editingBy && <span class="careplan-editing"> ({props.editingBy} is editing)</span>}
      </label>
      {props.multiline ? (
        <textarea
          {...common()}
          ref={(e) => (el = e)}
          rows={2}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      ) : (
        <input
          {...common()}
          ref={(e) => (el = e)}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      )}
    </div>
  )
}
