// A questionnaire link carries its secret in the URL fragment (/questionnaires#<secret>), which browsers never send
// to a server. Take it out of the address bar at once; keep it for this tab only, so a reload still works.
const KEY = 'questionnaire-link'

export function takeLinkSecret(): string | undefined {
  if (location.pathname.startsWith('/questionnaires') && location.hash.length > 1) {
    sessionStorage.setItem(KEY, location.hash.slice(1))
    history.replaceState(history.state, '', location.pathname + location.search)
  }
  return sessionStorage.getItem(KEY) ?? undefined
}

export const linkUrl = (secret: string) => `${location.origin}/questionnaires#${secret}`
