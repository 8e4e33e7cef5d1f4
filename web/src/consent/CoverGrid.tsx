// The patient's choices as one compact grid: a column per person, a row for "may join" and one per kind of
// information. No form around it, so Enter on a box changes nothing and submits nothing (Space ticks a box).
import { createUniqueId, For, Show } from 'solid-js'
import type { DataCategory } from '../../../shared/consent'
import { describeParticipant } from '../sessions/participants'
import { CategoryGlossary } from './CategoryGlossary'
import type { CoverPerson, CoverState } from './CoverChoices'

type CoverGridProps = {
  people: CoverPerson[]
  categories: DataCategory[]
  value: CoverState
  onChange: (participantId: string, next: { present: boolean; categories: string[] }) => void
}

export function CoverGrid(props: CoverGridProps) {
  const id = createUniqueId()
  const choiceOf = (person: CoverPerson) =>
    props.value[person.participantId] ?? { present: false, categories: [] }

  function toggleCategory(person: CoverPerson, code: string, checked: boolean) {
    const choice = choiceOf(person)
    const rest = choice.categories.filter((c) => c !== code)
    props.onChange(person.participantId, {
      ...choice,
      categories: checked ? [...rest, code] : rest,
    })
  }

  return (
    <>
      <CategoryGlossary categories={props.categories} />
      <div
        class="table-scroll cover-grid"
        role="region"
        aria-labelledby={`${id}-caption`}
        tabindex="0"
      >
        <table class="table cover-table">
          <caption id={`${id}-caption`} class="visually-hidden">
            Who may join, and what each person may know
          </caption>
          <thead>
            <tr>
              <td />
              <For each={props.people}>
                {(person) => (
                  <th scope="col">
                    <span class="member-name">{person.displayName}</span>
                    <span class="table-detail">{describeParticipant(person)}</span>
                  </th>
                )}
              </For>
            </tr>
          </thead>
          <tbody>
            <tr class="cover-present">
              <th scope="row">May join</th>
              <For each={props.people}>
                {(person) => (
                  <td>
                    <input
                      type="checkbox"
                      class="cover-box"
                      aria-label={`May join: ${person.displayName}`}
                      checked={choiceOf(person).present}
                      onChange={(event) =>
                        props.onChange(person.participantId, {
                          ...choiceOf(person),
                          present: event.currentTarget.checked,
                        })
                      }
                    />
                  </td>
                )}
              </For>
            </tr>
            <For each={props.categories}>
              {(category) => (
                <tr>
                  <th scope="row">{category.label}</th>
                  <For each={props.people}>
                    {(person) => (
                      <td>
                        <Show
                          when={choiceOf(person).present}
                          fallback={
                            <span class="muted" aria-label={`${person.displayName} may not join`}>
                              –
                            </span>
                          }
                        >
                          <input
                            type="checkbox"
                            class="cover-box"
                            aria-label={`${category.label} for ${person.displayName}`}
                            checked={choiceOf(person).categories.includes(category.code)}
                            onChange={(event) =>
                              toggleCategory(person, category.code, event.currentTarget.checked)
                            }
                          />
                        </Show>
                      </td>
                    )}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </>
  )
}
