// The hosts' side of the call: the waiting room, inviting someone, and the patient's consent.
import { Show } from 'solid-js'
import type { Id } from '../../../shared/ids'
import type { SessionDetail } from '../../../shared/sessions'
import { LobbyPanel } from '../admission/LobbyPanel'
import { PatientConsentSection } from '../consent/PatientConsentSection'
import { InviteSomeone } from '../sessions/InviteSomeone'

export function HostTools(props: { sessionId: Id; detail: SessionDetail | undefined }) {
  return (
    <>
      <LobbyPanel sessionId={props.sessionId} />
      <Show when={props.detail}>{(detail) => <InviteSomeone session={detail()} />}</Show>
      <Show when={props.detail}>
        {(detail) => (
          <PatientConsentSection
            sessionId={props.sessionId}
            kind={detail().kind}
            patientName={detail().patientName}
            canRecord
          />
        )}
      </Show>
    </>
  )
}
