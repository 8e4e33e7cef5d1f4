import { A, useIsRouting } from '@solidjs/router'
import { createEffect, createSignal, onCleanup, onMount, Show, type JSX } from 'solid-js'
import { appName } from './PageHeader'

export const mainId = 'main'

let isFirstLayout = true

type LayoutProps = {
  /** Who is signed in, shown beside the app's name. */
  account?: JSX.Element
  nav?: JSX.Element
  /** The app's name as text rather than a link home, for people who join by link and have no home here. */
  plainBrand?: boolean
  children: JSX.Element
}

export function Layout(props: LayoutProps) {
  let main!: HTMLElement
  const isSlowToLoad = createSlowRoutingSignal()

  onMount(() => {
    // A new layout replaced the old one (signing in or out), and focus went with the old one's
    // button: start again at the content rather than at the top of the document.
    const hasLostFocus = !document.activeElement || document.activeElement === document.body
    if (!isFirstLayout && hasLostFocus) main.focus({ preventScroll: true })
    isFirstLayout = false
  })

  return (
    <>
      <a
        class="skip-link"
        href={`#${mainId}`}
        onClick={(event) => {
          // Move focus, not just the scroll position, so the next Tab starts inside main.
          event.preventDefault()
          document.getElementById(mainId)?.focus()
        }}
      >
        Skip to main content
      </a>
      <div class="routing-status" role="status">
        <Show when={isSlowToLoad()}>
          <span class="visually-hidden">Loading…</span>
          <span class="routing-bar" />
        </Show>
      </div>
      <header class="site-header">
        <div class="site-header-inner">
          <div class="site-header-top">
            <Show
              when={!props.plainBrand}
              fallback={<span class="brand brand-plain">{appName}</span>}
            >
              <A href="/" class="brand" end>
                {appName}
              </A>
            </Show>
            {props.account}
          </div>
          {props.nav}
        </div>
      </header>
      <main id={mainId} ref={main} tabindex="-1" class="main">
        {props.children}
      </main>
    </>
  )
}

/** True while a navigation has taken longer than a moment, so quick ones don't flash a bar. */
function createSlowRoutingSignal() {
  const isRouting = useIsRouting()
  const [isSlow, setIsSlow] = createSignal(false)
  createEffect(() => {
    if (!isRouting()) {
      setIsSlow(false)
      return
    }
    const timer = setTimeout(() => setIsSlow(true), 300)
    onCleanup(() => clearTimeout(timer))
  })
  return isSlow
}
