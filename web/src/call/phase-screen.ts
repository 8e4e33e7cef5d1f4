// Each phase is a new screen: name it in the tab's title and start reading and tabbing at its heading.
import { createEffect, on, type Accessor } from 'solid-js'
import { mainId } from '../ui/Layout'
import { titleFor, type Phase } from './phase'

export function announcePhases(phase: Accessor<Phase>) {
  createEffect(
    on(phase, (current) => {
      document.title = `${titleFor(current)} · Care team sessions`
      requestAnimationFrame(() =>
        (
          document.querySelector<HTMLElement>('[data-screen-heading]') ??
          document.getElementById(mainId)
        )?.focus({ preventScroll: true })
      )
    })
  )
}
