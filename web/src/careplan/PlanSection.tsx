// One part of the plan as a section: its items (add, edit, move, remove) or the safety plan's fields. Read-only
// where the person may only read; who is editing which field shows beside it.
import { createSignal, For, onCleanup, Show } from 'solid-js'
import type * as Y from 'yjs'
import { type PlanPart, partFields, partLabel, presenceKey } from '../../../shared/careplan'
import {
  itemsOf,
  newItem,
  orderedItems,
  rankBetween,
  safetyField,
} from '../../../shared/careplan-ydoc'
import { Button } from '../ui/Button'
import type { PartConnection } from './connection'
import { choices, dateFields, longFields, partFieldLabel, statusChoices } from './labels'
import { TextField } from './TextField'

type Presence = {
  editing: (key: string) => string | undefined
  focus: (key: string | null) => void
}

/** A signal that changes whenever the document does. */
function useVersion(doc: Y.Doc) {
  const [version, setVersion] = createSignal(0)
  const bump = () => setVersion((v) => v + 1)
  doc.on('update', bump)
  onCleanup(() => doc.off('update', bump))
  return version
}

export function PlanSection(props: {
  connection: PartConnection
  writable: boolean
  presence: Presence
}) {
  const part = props.connection.part
  const headingId = `plan-${part}`
  return (
    <section class="careplan-section" aria-labelledby={headingId} data-part={part}>
      <h3 id={headingId}>
        {partLabel[part]}
        <Show when={!props.writable}>
          <span class="careplan-readonly"> (you can read this part)</span>
        </Show>
      </h3>
      <Show when={props.connection.notice()}>
        {(notice) => (
          <p class="careplan-notice" role="alert">
            {notice()}
          </p>
        )}
      </Show>
      <Show
        when={!props.connection.closedBecause()}
        fallback={
          <p class="careplan-closed" role="status">
            {props.connection.closedBecause()}
          </p>
        }
      >
        {/* Keyed: a part opened again after a refused change is a new document. */}
        <Show when={props.connection.copy().doc} keyed>
          {(doc) => (
            <PartContent
              part={part}
              doc={doc}
              writable={props.writable}
              presence={props.presence}
            />
          )}
        </Show>
      </Show>
    </section>
  )
}

function PartContent(props: { part: PlanPart; doc: Y.Doc; writable: boolean; presence: Presence }) {
  const version = useVersion(props.doc)
  return (
    <Show
      when={props.part !== 'safety'}
      fallback={
        <SafetyFields doc={props.doc} writable={props.writable} presence={props.presence} />
      }
    >
      <ItemList
        part={props.part as Exclude<PlanPart, 'safety'>}
        doc={props.doc}
        version={version}
        writable={props.writable}
        presence={props.presence}
      />
    </Show>
  )
}

function SafetyFields(props: { doc: Y.Doc; writable: boolean; presence: Presence }) {
  return (
    <For each={Object.keys(partFields.safety)}>
      {(field) => (
        <TextField
          text={safetyField(props.doc, field)}
          label={partFieldLabel('safety', field)}
          readOnly={!props.writable}
          multiline
          maxLength={2000}
          editingBy={props.presence.editing(presenceKey('safety', '', field))}
          onFocus={() => props.presence.focus(presenceKey('safety', '', field))}
          onBlur={() => props.presence.focus(null)}
        />
      )}
    </For>
  )
}

function ItemList(props: {
  part: Exclude<PlanPart, 'safety'>
  doc: Y.Doc
  version: () => number
  writable: boolean
  presence: Presence
}) {
  const items = () => (props.version(), orderedItems(props.doc))
  const add = () => {
    const list = orderedItems(props.doc)
    const item = newItem(props.part, crypto.randomUUID())
    item.set('rank', rankBetween(props.doc, list.at(-1), undefined))
    itemsOf(props.doc).push([item])
  }
  const move = (item: Y.Map<unknown>, by: -1 | 1) => {
    const list = orderedItems(props.doc)
    const i = list.indexOf(item)
    const [before, after] = by < 0 ? [list[i - 2], list[i - 1]] : [list[i + 1], list[i + 2]]
    if ((by < 0 && i === 0) || (by > 0 && i === list.length - 1)) return
    item.set('rank', rankBetween(props.doc, before, after))
  }
  const remove = (item: Y.Map<unknown>) => {
    const index = itemsOf(props.doc).toArray().indexOf(item)
    if (index >= 0) itemsOf(props.doc).delete(index, 1)
  }
  return (
    <>
      <Show when={items().length === 0}>
        <p class="empty">Nothing here yet.</p>
      </Show>
      <ol class="careplan-items">
        <For each={items()}>
          {(item, index) => (
            <li class="careplan-item">
              <For each={Object.entries(partFields[props.part])}>
                {([field, kind]) => {
                  const key = presenceKey(props.part, String(item.get('id')), field)
                  const label = partFieldLabel(props.part, field)
                  return kind === 'text' ? (
                    <TextField
                      text={item.get(field) as Y.Text}
                      label={label}
                      readOnly={!props.writable}
                      multiline={longFields.has(field)}
                      maxLength={field === 'owner' || field === 'to' ? 200 : 2000}
                      editingBy={props.presence.editing(key)}
                      onFocus={() => props.presence.focus(key)}
                      onBlur={() => props.presence.focus(null)}
                    />
                  ) : (
                    <ValueField
                      part={props.part}
                      field={field}
                      label={label}
                      value={(props.version(), String(item.get(field) ?? ''))}
                      readOnly={!props.writable}
                      onChange={(v) => item.set(field, v)}
                    />
                  )
                }}
              </For>
              <Show when={props.writable}>
                <div class="actions careplan-item-actions">
                  <Button variant="quiet" disabled={index() === 0} onClick={() => move(item, -1)}>
                    Move up
                  </Button>
                  <Button
                    variant="quiet"
                    disabled={index() === items().length - 1}
                    onClick={() => move(item, 1)}
                  >
                    Move down
                  </Button>
                  <Button variant="quiet" onClick={() => remove(item)}>
                    Remove
                  </Button>
                </div>
              </Show>
            </li>
          )}
        </For>
      </ol>
      <Show when={props.writable}>
        <Button variant="secondary" onClick={add}>
          Add to “{partLabel[props.part]}”
        </Button>
      </Show>
    </>
  )
}

function ValueField(props: {
  part: PlanPart
  field: string
  label: string
  value: string
  readOnly: boolean
  onChange: (v: string) => void
}) {
  const id = `v-${Math.random().toString(36).slice(2)}`
  const options = () =>
    props.field === 'status' ? statusChoices(props.part) : choices[props.field]
  return (
    <div class="field careplan-field">
      <label class="field-label" for={id}>
        {props.label}
      </label>
      <Show
        when={options()}
        fallback={
          <input
            id={id}
            class="input"
            type={dateFields.has(props.field) ? 'date' : 'text'}
            maxLength={100}
            value={props.value}
            readOnly={props.readOnly}
            onChange={(e) => props.onChange(e.currentTarget.value)}
          />
        }
      >
        {(opts) => (
          <select
            id={id}
            class="input"
            disabled={props.readOnly}
            value={props.value}
            onChange={(e) => props.onChange(e.currentTarget.value)}
          >
            <For each={opts()}>{(o) => <option value={o.value}>{o.label}</option>}</For>
          </select>
        )}
      </Show>
    </div>
  )
}
