/** @jsxImportSource react */
// Meet's pre-join screen: LiveKit's PreJoin prefab (camera preview, device pickers, name), then the call.
import { type LocalUserChoices, PreJoin } from '@livekit/components-react'

export function PreJoinPage(props: { onJoin: (choices: LocalUserChoices) => void }) {
  return (
    <div style={{ display: 'grid', placeItems: 'center', height: '100%' }}>
      <PreJoin
        defaults={{ username: '', videoEnabled: true, audioEnabled: true }}
        onSubmit={props.onJoin}
        onError={(err) => console.error(err)}
      />
    </div>
  )
}
