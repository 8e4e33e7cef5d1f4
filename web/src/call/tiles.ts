// Which tiles the call shows, in order: shared screens first, then the others' cameras, then your own.
import type { Participant } from 'livekit-client'
import { createMemo, type Accessor } from 'solid-js'
import { cameraSource, screenSource, type CallRoom } from './room'
import type { TileSource } from './VideoTile'

export type TileItem = {
  key: string
  participant: Participant
  source: TileSource
  isLocal: boolean
}

export function createTiles(call: CallRoom): Accessor<TileItem[]> {
  // Stable objects per tile, so <For> keeps each tile (and its attached video) across updates.
  const tileCache = new Map<string, TileItem>()
  return createMemo(() => {
    call.version()
    const local = call.room.localParticipant
    const remotes = [...call.room.remoteParticipants.values()]
    const items: TileItem[] = []
    const add = (participant: Participant, source: TileSource, isLocal: boolean) => {
      const key = `${participant.identity}:${source}`
      let item = tileCache.get(key)
      if (!item || item.participant !== participant) {
        item = { key, participant, source, isLocal }
        tileCache.set(key, item)
      }
      items.push(item)
    }
    for (const p of [local, ...remotes]) {
      if (p.getTrackPublication(screenSource)) add(p, screenSource, p === local)
    }
    for (const p of remotes) add(p, cameraSource, false)
    add(local, cameraSource, true)
    return items
  })
}
