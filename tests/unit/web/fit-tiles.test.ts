import { describe, expect, it } from 'vitest'
import { fitTiles } from '../../../web/src/call/fit-tiles'

describe('fitting call tiles into the video stage', () => {
  it('puts three people in one row on a wide, short stage rather than two cramped rows', () => {
    // A host's stage at 1280×720 with the care plan beside it: about 796 × 380 px, captions with buttons.
    const fit = fitTiles({ count: 3, width: 796, height: 380, gap: 12, caption: 110 })
    expect(fit.columns).toBe(3)
    const rows = Math.ceil(3 / fit.columns)
    // Every tile fits the stage: picture at 16:9 plus caption, in both directions.
    expect(fit.tileWidth * fit.columns + 12 * (fit.columns - 1)).toBeLessThanOrEqual(796)
    expect(rows * ((fit.tileWidth * 9) / 16 + 110) + 12 * (rows - 1)).toBeLessThanOrEqual(380)
  })

  it('stacks two people on a tall stage, and uses one column for one person', () => {
    expect(fitTiles({ count: 2, width: 600, height: 900, gap: 12, caption: 60 }).columns).toBe(1)
    expect(fitTiles({ count: 1, width: 800, height: 500, gap: 12, caption: 60 })).toMatchObject({
      columns: 1,
    })
  })

  it('keeps every tile inside the stage for many people', () => {
    for (const count of [4, 6, 9, 12]) {
      const { columns, tileWidth } = fitTiles({
        count,
        width: 900,
        height: 500,
        gap: 8,
        caption: 80,
      })
      const rows = Math.ceil(count / columns)
      expect(columns * tileWidth + 8 * (columns - 1)).toBeLessThanOrEqual(900)
      expect(rows * ((tileWidth * 9) / 16 + 80) + 8 * (rows - 1)).toBeLessThanOrEqual(500)
      expect(tileWidth).toBeGreaterThan(0)
    }
  })

  it('lets a shared screen fill the stage and lays the cameras out below it', () => {
    // A host's stage at 1280×720 with the care plan beside it, while a colleague shares.
    const stage = { width: 796, height: 366, gap: 12, caption: 110, screenCaption: 40 }
    const fit = fitTiles({ ...stage, count: 4, screens: 1 })
    expect((fit.screenWidth * 9) / 16 + 40).toBeLessThanOrEqual(366)
    expect(fit.screenWidth).toBeGreaterThanOrEqual(Math.floor(((366 - 40) * 16) / 9))
    // Below the fold, the cameras are as large as they would be on the stage alone.
    const alone = fitTiles({ count: 3, width: 796, height: 366, gap: 12, caption: 110 })
    expect(fit).toMatchObject({ columns: alone.columns, tileWidth: alone.tileWidth })
  })

  it('lets a screen shared with nobody else on camera fill the stage', () => {
    const fit = fitTiles({ count: 1, screens: 1, width: 800, height: 500, gap: 12, caption: 40 })
    expect(fit.screenWidth).toBe(800)
  })

  it('stacks two shared screens, each whole within the stage, and never shrinks one to a sliver', () => {
    const fit = fitTiles({ count: 5, screens: 2, width: 900, height: 600, gap: 8, caption: 80 })
    expect(2 * ((fit.screenWidth * 9) / 16 + 80) + 8).toBeLessThanOrEqual(600)
    expect(fit.tileWidth).toBeGreaterThan(0)
    const cramped = fitTiles({ count: 2, screens: 1, width: 700, height: 120, gap: 8, caption: 80 })
    expect(cramped.screenWidth).toBe(320)
  })

  it('reports no screen width when nobody shares', () => {
    expect(fitTiles({ count: 3, width: 796, height: 380, gap: 12, caption: 110 }).screenWidth).toBe(
      0
    )
  })
})
