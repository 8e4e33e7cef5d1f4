import { createEffect, Show, type JSX } from 'solid-js'

export const appName = 'Care team sessions'

type PageHeaderProps = {
  title: string
  /**
   * Names the browser tab instead of `title`. Browser history keeps tab titles, so a page titled
   * with a patient's name passes a neutral one here.
   */
  tabTitle?: string
  hideTitle?: boolean
  children?: JSX.Element
}

/** The page's one h1. It also names the browser tab, to tell pages apart in tabs and history. */
export function PageHeader(props: PageHeaderProps) {
  createEffect(() => {
    document.title = `${props.tabTitle ?? props.title} · ${appName}`
  })
  return (
    <div class="page-header" classList={{ 'page-header-hidden': props.hideTitle }}>
      <h1 classList={{ 'visually-hidden': props.hideTitle }}>{props.title}</h1>
      <Show when={props.children}>
        <div class="page-header-extra">{props.children}</div>
      </Show>
    </div>
  )
}
