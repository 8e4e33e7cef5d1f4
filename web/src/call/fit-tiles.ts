// On a laptop the call fills the window and never scrolls it: choose how many columns of tiles show every person
// largest, each picture kept at 16:9, from the room the video stage has. The layout itself stays in CSS
// (styles.css, "A laptop"), which reads the two numbers set here; phones keep their own speaker view.
import { createEffect, onCleanup, type Accessor } from 'solid-js'

const RATIO = 16 / 9

export type TileFit = {
  columns: number
  tileWidth: number
  /** Width of each shared screen's tile, a row of its own; 0 when nobody shares. */
  screenWidth: number
}

type Stage = {
  /** Every tile, shared screens included. */
  count: number
  /** How many of them are shared screens. */
  screens?: number
  width: number
  height: number
  gap: number
  /** Height of a tile below its picture: name, details, a host's buttons. */
  caption: number
  /** The same for a shared screen's tile (no buttons); defaults to `caption`. */
  screenCaption?: number
}

/** The column count that gives each tile the largest picture in the stage; a shared screen first, filling it. */
export function fitTiles(stage: Stage): TileFit {
  const screens = stage.screens ?? 0
  if (screens === 0) return { ...fitGrid(stage), screenWidth: 0 }
  return fitAroundScreens({ ...stage, screens })
}

function fitGrid(opts: Stage): Omit<TileFit, 'screenWidth'> {
  const { count, width, height, gap, caption } = opts
  let best = { columns: 1, tileWidth: width, picture: -1 }
  for (let columns = 1; columns <= Math.max(1, count); columns++) {
    const rows = Math.ceil(count / columns)
    const cellWidth = (width - gap * (columns - 1)) / columns
    const cellHeight = (height - gap * (rows - 1)) / rows
    const picture = Math.min(cellWidth / RATIO, cellHeight - caption)
    if (picture > best.picture) best = { columns, tileWidth: picture * RATIO, picture }
  }
  return { columns: best.columns, tileWidth: Math.max(0, Math.floor(best.tileWidth)) }
}

// A shared screen is there to be read: it fills the stage, and the faces follow below it, laid out as on the stage
// alone, where the stage scrolls. (A row of thumbnails under it would need captions narrower than a host's buttons.)
const SMALLEST_SCREEN = 320

function fitAroundScreens(opts: Stage & { screens: number }): TileFit {
  const { width, height, gap, caption, screens } = opts
  const screenCaption = opts.screenCaption ?? caption
  const screenRows = screens * screenCaption + gap * (screens - 1)
  // Never a sliver: a caption measured on one would wrap tall and shrink it further.
  const screen = Math.max(
    Math.min(width, SMALLEST_SCREEN) / RATIO,
    Math.min(width / RATIO, (height - screenRows) / screens)
  )
  const cameras = fitGrid({ ...opts, count: Math.max(1, opts.count - screens) })
  return { ...cameras, screenWidth: Math.floor(screen * RATIO) }
}

/** Keeps `--tile-columns`, `--tile-width` and `--screen-width` on the grid up to date as the stage, the tiles or their captions change. */
export function createTileFit(
  stage: Accessor<HTMLElement | undefined>,
  grid: Accessor<HTMLElement | undefined>,
  count: Accessor<{ tiles: number; screens: number }>
) {
  createEffect(() => {
    const s = stage()
    const g = grid()
    count()
    if (!s || !g) return
    const apply = () => {
      const gap = parseFloat(getComputedStyle(g).rowGap) || 0
      // A host's buttons or a longer name change a caption's height: measure again when they do. The tile's border
      // (3 px above and below) counts with its caption.
      const tallest = (selector: string) => {
        const captions = [...g.querySelectorAll<HTMLElement>(selector)]
        for (const c of captions) observer.observe(c)
        return Math.max(0, ...captions.map((c) => c.offsetHeight)) + 6
      }
      const fit = fitTiles({
        count: count().tiles,
        screens: count().screens,
        width: s.clientWidth,
        height: s.clientHeight,
        gap,
        caption: tallest('.tile:not(.tile-screen) .tile-caption'),
        screenCaption: tallest('.tile-screen .tile-caption'),
      })
      g.style.setProperty('--tile-columns', String(fit.columns))
      g.style.setProperty('--tile-width', `${fit.tileWidth}px`)
      // Unset while nobody shares, so that a new screen's tile first renders at full width.
      if (fit.screenWidth > 0) g.style.setProperty('--screen-width', `${fit.screenWidth}px`)
      else g.style.removeProperty('--screen-width')
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
