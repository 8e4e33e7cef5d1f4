// The patient's choices, person by person: may they join, and which kinds of information may they know.
import { createUniqueId, For, Show } from 'solid-js'
import { SENSITIVE_CATEGORIES, type DataCategory } from '../../../shared/consent'
import type { CoverChoice } from '../../../shared/consent-inputs'
import type { Discipline, Role } from '../../../shared/enums'
import { describeParticipant } from '../sessions/participants'
import { CategoryGlossary } from './CategoryGlossary'

export type CoverPerson = {
  participantId: string
  displayName: string
  role: Role
  discipline: Discipline | null
}

export type CoverState = Record<string, { present: boolean; categories: string[] }>

/**
 * Everyone may join; clinicians may know everything but the sensitive categories (psychotherapy notes), a partner
 * nothing until the patient says so.
 */
export function defaultCovers(people: CoverPerson[], categories: DataCategory[]): CoverState {
  const all = categories.map((c) => c.code).filter((code) => !SENSITIVE_CATEGORIES.includes(code))
  return Object.fromEntries(
    people.map((p) => [
      p.participantId,
      { present: true, categories: p.role === 'partner' ? [] : all },
    ])
  )
}

export function toCoverChoices(state: CoverState): CoverChoice[] {
  return Object.entries(state).map(([participantId, c]) => ({
    participantId,
    present: c.present,
    categories: c.present ? c.categories : [],
  }))
}

type CoverChoicesProps = {
  people: CoverPerson[]
  categories: DataCategory[]
  value: CoverState
  onChange: (participantId: string, next: { present: boolean; categories: string[] }) => void
  /** "you" for the patient answering, "the patient" for a host recording their answer. */
  whose: 'you' | 'patient'
}

export function CoverChoices(props: CoverChoicesProps) {
  const id = createUniqueId()
  return (
    <>
      <CategoryGlossary categories={props.categories} />
      <For each={props.people}>
        {(person, index) => {
          const choice = () =>
            props.value[person.participantId] ?? { present: false, categories: [] }
          const base = `${id}-${index()}`
          return (
            <fieldset class="fieldset consent-person">
              <legend class="field-label">
                {person.displayName}
                <span class="choice-hint">{describeParticipant(person)}</span>
              </legend>
              <div class="choice">
                <input
                  type="checkbox"
                  id={`${base}-present`}
                  checked={choice().present}
                  onChange={(event) =>
                    props.onChange(person.participantId, {
                      ...choice(),
                      present: event.currentTarget.checked,
                    })
                  }
                />
                <label for={`${base}-present`}>
                  May join<span class="visually-hidden">: {person.displayName}</span>
                </label>
              </div>
              <Show when={choice().present}>
                <fieldset class="fieldset fieldset-nested">
                  <legend class="field-hint">
                    {props.whose === 'you' ? 'What they may know about you' : 'What they may know'}
                  </legend>
                  <For each={props.categories}>
                    {(category) => (
                      <div class="choice">
                        <input
                          type="checkbox"
                          id={`${base}-${category.code}`}
                          checked={choice().categories.includes(category.code)}
                          onChange={(event) => {
                            const rest = choice().categories.filter((c) => c !== category.code)
                            props.onChange(person.participantId, {
                              ...choice(),
                              categories: event.currentTarget.checked
                                ? [...rest, category.code]
                                : rest,
                            })
                          }}
                        />
                        <label for={`${base}-${category.code}`}>
                          {category.label}
                          <span class="visually-hidden"> for {person.displayName}</span>
                        </label>
                      </div>
                    )}
                  </For>
                </fieldset>
              </Show>
            </fieldset>
          )
        }}
      </For>
    </>
  )
}
