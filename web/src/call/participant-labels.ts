// Who each person in the call is, from the session's participants. Someone in the call whose identity we don't
// know yet (added after we loaded): look again, once per person.
import type { Participant } from 'livekit-client'
import type { Accessor } from 'solid-js'
import type { Id } from '../../../shared/ids'
import type { SessionDetail } from '../../../shared/sessions'
import { fetchSession } from '../sessions/api'

export type LabelFor = (
  participant: Participant
) => SessionDetail['participants'][number] | undefined

export function createLabels(
  sessionId: Id,
  detail: Accessor<SessionDetail | undefined>,
  setDetail: (detail: SessionDetail) => void
): LabelFor {
  const askedAbout = new Set<string>()
  return (participant) => {
    const d = detail()
    if (!participant.identity) return undefined // our own, before the connection gives it an identity
    const person = d?.participants.find((p) => p.id === participant.identity)
    // Before the first detail arrives (it is on its way beside the connection) there is nobody to ask about.
    if (d && !person && !askedAbout.has(participant.identity)) {
      askedAbout.add(participant.identity)
      void fetchSession(sessionId)
        .then(setDetail)
        .catch(() => undefined)
    }
    return person
  }
}
