// On a laptop the call fills the window and never scrolls it: choose how many columns of tiles show every person
// largest, each picture kept at 16:9, from the room the video stage has. The layout itself stays in CSS
// (styles.css, "A laptop"), which reads the two numbers set here; phones keep their own speaker view.
import { createEffect, onCleanup, type Accessor } from 'solid-js'

const RATIO = 16 / 9

export type TileFit = { columns: number; tileWidth: number }

/** The column count that gives each of `count` tiles the largest picture in a `width` × `height` stage. */
export function fitTiles(opts: {
  count: number
  width: number
  height: number
  gap: number
  /** Height of a tile below its picture: name, details, a host's buttons. */
  caption: number
}): TileFit {
  const { count, width, height, gap, caption } = opts
  let best: TileFit & { picture: number } = { columns: 1, tileWidth: width, picture: -1 }
  for (let columns = 1; columns <= Math.max(1, count); columns++) {
    const rows = Math.ceil(count / columns)
    const cellWidth = (width - gap * (columns - 1)) / columns
    const cellHeight = (height - gap * (rows - 1)) / rows
    const picture = Math.min(cellWidth / RATIO, cellHeight - caption)
    if (picture > best.picture) best = { columns, tileWidth: picture * RATIO, picture }
  }
  return { columns: best.columns, tileWidth: Math.max(0, Math.floor(best.tileWidth)) }
}

/** Keeps `--tile-columns` and `--tile-width` on the grid up to date as the stage, the tiles or their captions change. */
export function createTileFit(
  stage: Accessor<HTMLElement | undefined>,
  grid: Accessor<HTMLElement | undefined>,
  count: Accessor<number>
) {
  createEffect(() => {
    const s = stage()
    const g = grid()
    count()
    if (!s || !g) return
    const apply = () => {
      const gap = parseFloat(getComputedStyle(g).rowGap) || 0
      const captions = [...g.querySelectorAll<HTMLElement>('.tile-caption')]
      // A host's buttons or a longer name change a caption's height: measure again when they do.
      for (const c of captions) observer.observe(c)
      // The tile's border (3 px above and below) counts with its caption.
      const caption = Math.max(0, ...captions.map((c) => c.offsetHeight)) + 6
      const fit = fitTiles({
        count: count(),
        width: s.clientWidth,
        height: s.clientHeight,
        gap,
        caption,
      })
      g.style.setProperty('--tile-columns', String(fit.columns))
      g.style.setProperty('--tile-width', `${fit.tileWidth}px`)
    }
    const observer = new ResizeObserver(() => apply())
    observer.observe(s)
    // After the new tile has rendered its caption.
    const frame = requestAnimationFrame(apply)
    onCleanup(() => {
      cancelAnimationFrame(frame)
      observer.disconnect()
    })
  })
}
