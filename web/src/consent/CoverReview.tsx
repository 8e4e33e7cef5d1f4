// Before signing: in plain sentences, who may join and what each person will and will not know.
import { For, Show } from 'solid-js'
import type { DataCategory } from '../../../shared/consent'
import { describeParticipant } from '../sessions/participants'
import type { CoverPerson, CoverState } from './CoverChoices'

export function CoverReview(props: {
  people: CoverPerson[]
  categories: DataCategory[]
  value: CoverState
}) {
  const labelsOf = (codes: string[]) =>
    props.categories.filter((c) => codes.includes(c.code)).map((c) => c.label)
  const notShared = (codes: string[]) =>
    props.categories.filter((c) => !codes.includes(c.code)).map((c) => c.label)

  return (
    <ul class="cover-review">
      <For each={props.people}>
        {(person) => {
          const choice = () => props.value[person.participantId]
          return (
            <li>
              <p>
                <span class="member-name">{person.displayName}</span>{' '}
                <span class="member-detail">{describeParticipant(person)}</span>
              </p>
              <Show
                when={choice()?.present}
                fallback={<p class="cover-review-no">May not join.</p>}
              >
                <p>
                  May join.{' '}
                  {labelsOf(choice()!.categories).length > 0
                    ? `May know: ${labelsOf(choice()!.categories).join(', ')}.`
                    : 'May know nothing from your record.'}
                </p>
                <Show when={notShared(choice()!.categories).length > 0}>
                  <p class="cover-review-no">
                    Not shared: {notShared(choice()!.categories).join(', ')}.
                  </p>
                </Show>
              </Show>
            </li>
          )
        }}
      </For>
    </ul>
  )
}
