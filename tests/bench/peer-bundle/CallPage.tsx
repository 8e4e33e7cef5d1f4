/** @jsxImportSource react */
// Meet's call: a LiveKit room with the VideoConference prefab (grid and focus layouts, control bar, chat,
// participant tiles) and the user's pre-join choices. The token and server come from the app's API in Meet.
import {
  formatChatMessageLinks,
  LiveKitRoom,
  type LocalUserChoices,
  VideoConference,
} from '@livekit/components-react'
import { VideoPresets } from 'livekit-client'

const search = new URLSearchParams(location.search)

export default function CallPage(props: { choices: LocalUserChoices; onLeave: () => void }) {
  const { choices } = props
  return (
    <div className="lk-room-container">
      <LiveKitRoom
        serverUrl={search.get('url') ?? ''}
        token={search.get('token') ?? ''}
        connect
        video={choices.videoEnabled}
        audio={choices.audioEnabled}
        options={{
          adaptiveStream: true,
          dynacast: true,
          videoCaptureDefaults: { deviceId: choices.videoDeviceId, resolution: VideoPresets.h720 },
          audioCaptureDefaults: { deviceId: choices.audioDeviceId },
          publishDefaults: { videoSimulcastLayers: [VideoPresets.h540, VideoPresets.h216] },
        }}
        onDisconnected={props.onLeave}
      >
        <VideoConference chatMessageFormatter={formatChatMessageLinks} />
      </LiveKitRoom>
    </div>
  )
}
