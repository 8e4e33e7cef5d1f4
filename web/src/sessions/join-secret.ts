// A personal link carries its secret in the URL fragment (/join/<session>#<secret>), which browsers never send to a
// server. Take it out of the address bar and the history entry before anything else runs, and keep it in memory
// only: never in storage, where it would outlive the tab.

let captured: { sessionId: string; secret: string } | undefined

function capture() {
  const match = /^\/join\/([^/]+)\/?$/.exec(location.pathname)
  if (!match?.[1] || location.hash.length < 2) return
  captured = { sessionId: decodeURIComponent(match[1]), secret: location.hash.slice(1) }
  history.replaceState(history.state, '', location.pathname + location.search)
}

capture()

/** The secret from this page's link, once; later calls return undefined. */
export function takeJoinSecret(sessionId: string): string | undefined {
  // A link pasted into a tab already showing the same join page changes only the fragment: no reload.
  capture()
  const found = captured
  captured = undefined
  return found?.sessionId === sessionId ? found.secret : undefined
}
