// The small self-view on phones: it sits in a corner of the call, and moves to the corner nearest where it is dragged
// (or to the next corner with its Move button, for keyboards).
import { createSignal } from 'solid-js'

export type Corner = 'bottom-right' | 'bottom-left' | 'top-left' | 'top-right'
const order: Corner[] = ['bottom-right', 'bottom-left', 'top-left', 'top-right']

export function createSelfViewCorner() {
  const [corner, setCorner] = createSignal<Corner>('bottom-right')

  function next() {
    setCorner((c) => order[(order.indexOf(c) + 1) % order.length]!)
  }

  /** Pointer handler for the grid: a drag that starts on the self-view ends in the nearest corner. */
  function onPointerDown(event: PointerEvent) {
    const tile = (event.target as Element | null)?.closest<HTMLElement>('.tile-local')
    const grid = event.currentTarget as HTMLElement | null
    if (!tile || !grid || (event.target as Element).closest('button')) return
    const startX = event.clientX
    const startY = event.clientY
    tile.setPointerCapture(event.pointerId)
    const move = (e: PointerEvent) => {
      tile.style.translate = `${e.clientX - startX}px ${e.clientY - startY}px`
    }
    const up = (e: PointerEvent) => {
      tile.removeEventListener('pointermove', move)
      tile.removeEventListener('pointerup', up)
      tile.style.translate = ''
      const box = grid.getBoundingClientRect()
      const right = e.clientX > box.left + box.width / 2
      const bottom = e.clientY > box.top + box.height / 2
      setCorner(`${bottom ? 'bottom' : 'top'}-${right ? 'right' : 'left'}`)
    }
    tile.addEventListener('pointermove', move)
    tile.addEventListener('pointerup', up)
  }

  return { corner, next, onPointerDown }
}
