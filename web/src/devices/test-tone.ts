// Two soft rising notes on the chosen speaker, so people know they will hear the others.
import { deviceChoices } from './choices'

/** Plays the tone; resolves once it has started, rejects when the browser can't play sound. */
export async function playTestTone(): Promise<void> {
  const context = new AudioContext()
  const sinkId = deviceChoices().speakerId
  const withSink = context as AudioContext & { setSinkId?: (id: string) => Promise<void> }
  if (sinkId && withSink.setSinkId) await withSink.setSinkId(sinkId)
  await context.resume()
  const gain = context.createGain()
  gain.connect(context.destination)
  const start = context.currentTime + 0.05
  // Two soft notes, rising: recognisable without being alarming.
  for (const [index, frequency] of [523.25, 659.25].entries()) {
    const oscillator = context.createOscillator()
    oscillator.type = 'sine'
    oscillator.frequency.value = frequency
    oscillator.connect(gain)
    oscillator.start(start + index * 0.5)
    oscillator.stop(start + index * 0.5 + 0.45)
  }
  gain.gain.setValueAtTime(0, start)
  gain.gain.linearRampToValueAtTime(0.25, start + 0.05)
  gain.gain.setValueAtTime(0.25, start + 0.9)
  gain.gain.linearRampToValueAtTime(0, start + 1)
  setTimeout(() => void context.close().catch(() => undefined), 1500)
}
