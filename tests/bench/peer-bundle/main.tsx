/** @jsxImportSource react */
// The peer of `npm run bench -- bundle` (tests/bench/bundle.ts): the LiveKit Meet stack in miniature. Meet's room
// page (app/rooms/[roomName]/PageClientImpl.tsx) shows `PreJoin` and, once the user submits it, `VideoConference`
// inside a room context, with @livekit/components-styles loaded globally. Here the call page is lazy-loaded, as our
// web client loads its call page, so the peer's pre-join and call figures can be told apart. Built only by the
// benchmark, never served.
import '@livekit/components-styles'
import type { LocalUserChoices } from '@livekit/components-react'
import { lazy, StrictMode, Suspense, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { PreJoinPage } from './PreJoinPage'

const CallPage = lazy(() => import('./CallPage'))

function App() {
  const [choices, setChoices] = useState<LocalUserChoices>()
  return (
    <main data-lk-theme="default" style={{ height: '100%' }}>
      {choices ? (
        <Suspense fallback={<p>Joining…</p>}>
          <CallPage choices={choices} onLeave={() => setChoices(undefined)} />
        </Suspense>
      ) : (
        <PreJoinPage onJoin={setChoices} />
      )}
    </main>
  )
}

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element.')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>
)
