// What each role may send and receive in the call. Pure, so it is unit-tested on its own.
import type { Role } from '../../shared/enums'
import type { MediaGrants } from '../livekit/adapter'

export function grantsFor(role: Role): MediaGrants {
  switch (role) {
    case 'patient':
    case 'partner':
      return {
        canSubscribe: true,
        canPublish: true,
        sources: ['camera', 'microphone'],
        canPublishData: false,
      }
    case 'host':
    case 'clinician':
    case 'specialist':
      // Clinicians share screens for lab results or imaging.
      return {
        canSubscribe: true,
        canPublish: true,
        sources: ['camera', 'microphone', 'screen_share', 'screen_share_audio'],
        canPublishData: false,
      }
    case 'observer':
      return { canSubscribe: true, canPublish: false, sources: [], canPublishData: false }
  }
}

/** Roles a host may let in together with "admit all waiting clinicians". */
export const isClinicianRole = (role: Role) =>
  role === 'host' || role === 'clinician' || role === 'specialist' || role === 'observer'
