// The human-readable part of a FHIR resource (Resource.text), shared by every export: receivers show it as it is,
// so each line is escaped as XHTML.
const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!
  )

/** A generated narrative: one paragraph a line. */
export const narrative = (lines: string[]) => ({
  status: 'generated' as const,
  div: `<div xmlns="http://www.w3.org/1999/xhtml">${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</div>`,
})
