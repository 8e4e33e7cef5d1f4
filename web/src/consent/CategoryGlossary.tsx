// What each kind of information covers, folded away above the patient's choices (in both the list and the grid).
import { For } from 'solid-js'
import type { DataCategory } from '../../../shared/consent'

export function CategoryGlossary(props: { categories: DataCategory[] }) {
  return (
    <details class="consent-document">
      <summary>What each kind of information covers</summary>
      <dl class="category-list">
        <For each={props.categories}>
          {(category) => (
            <>
              <dt>{category.label}</dt>
              <dd>{category.description}</dd>
            </>
          )}
        </For>
      </dl>
    </details>
  )
}
