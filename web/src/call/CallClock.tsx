// How long you have been in this call, for clinicians: team-conference billing needs a minimum of attended minutes.
import { createSignal, onCleanup } from 'solid-js'

export function CallClock() {
  const started = Date.now()
  const [now, setNow] = createSignal(started)
  const timer = setInterval(() => setNow(Date.now()), 1000)
  onCleanup(() => clearInterval(timer))
  const elapsed = () => {
    const seconds = Math.floor((now() - started) / 1000)
    const h = Math.floor(seconds / 3600)
    const m = Math.floor((seconds % 3600) / 60)
    const s = seconds % 60
    const mm = String(m).padStart(h > 0 ? 2 : 1, '0')
    return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`
  }
  return (
    <p class="call-clock">
      <span class="visually-hidden">Your time in this call: </span>
      {/* Not live: a screen reader reads it when asked, instead of every second. */}
      <span aria-hidden="true">In call </span>
      <time>{elapsed()}</time>
    </p>
  )
}
