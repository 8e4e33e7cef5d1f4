import { ConnectionQuality, Track } from 'livekit-client'
import { describe, expect, it } from 'vitest'
import {
  isWeakConnection,
  offersAudioOnly,
  receivesVideo,
} from '../../../web/src/call/audio-only-rules'

describe('the audio-only offer', () => {
  it.each([
    [ConnectionQuality.Excellent, false],
    [ConnectionQuality.Good, false],
    [ConnectionQuality.Unknown, false],
    [ConnectionQuality.Poor, true],
    [ConnectionQuality.Lost, true],
  ])('treats a %s connection as weak: %s', (quality, weak) => {
    expect(isWeakConnection(quality)).toBe(weak)
  })

  it('is offered on a weak connection while audio only is off', () => {
    expect(offersAudioOnly(ConnectionQuality.Poor, false)).toBe(true)
    expect(offersAudioOnly(ConnectionQuality.Lost, false)).toBe(true)
  })

  it('is not offered on a good connection', () => {
    expect(offersAudioOnly(ConnectionQuality.Good, false)).toBe(false)
    expect(offersAudioOnly(ConnectionQuality.Excellent, false)).toBe(false)
  })

  it('is not offered again once audio only is on', () => {
    expect(offersAudioOnly(ConnectionQuality.Poor, true)).toBe(false)
  })

  it('stops receiving cameras while on, and only cameras', () => {
    expect(receivesVideo(Track.Source.Camera, true)).toBe(false)
    expect(receivesVideo(Track.Source.ScreenShare, true)).toBe(true)
    expect(receivesVideo(Track.Source.Microphone, true)).toBe(true)
  })

  it('receives every camera again once turned off', () => {
    expect(receivesVideo(Track.Source.Camera, false)).toBe(true)
  })
})
