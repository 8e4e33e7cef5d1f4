import { streamState } from '../lib/events'
import { StatusBanner } from './StatusBanner'

/** Says when the live updates from the server have broken and are being restored. */
export function LiveUpdatesStatus() {
  return (
    <StatusBanner
      message={
        streamState() === 'reconnecting'
          ? 'Reconnecting… This page will update again as soon as the connection is back.'
          : undefined
      }
    />
  )
}
