// When this browser last heard from the server, shared by its tabs. Small on purpose: the app shell imports it.

// Shared by every tab of this browser: they share one server session, so activity in one tab
// keeps them all signed in.
export const contactKey = 'careteam.lastServerContactAt'
let lastContactHere = 0

/** Every successful answer resets the server's idle timer; the client counts from then too. */
export function recordServerContact() {
  lastContactHere = Date.now()
  try {
    localStorage.setItem(contactKey, String(lastContactHere))
  } catch {
    // Without storage each tab keeps its own count; the server still decides.
  }
}

export function lastServerContact(): number {
  let elsewhere = 0
  try {
    elsewhere = Number(localStorage.getItem(contactKey)) || 0
  } catch {
    elsewhere = 0
  }
  return Math.max(lastContactHere, elsewhere)
}
