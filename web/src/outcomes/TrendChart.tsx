// A measure over time: the total as a line over its severity bands, meaningful changes marked. Drawn with uPlot
// (small, fast canvas charts, no dependencies); the table beside it carries the same facts for screen readers.
import { onCleanup, onMount } from 'solid-js'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { MeasureTrend } from '../../../shared/outcomes'

const bandFills = ['#e8f3ec', '#f6f3dc', '#fbe9d7', '#f8dcd3', '#f3cfd0']

export default function TrendChart(props: { trend: MeasureTrend; height?: number }) {
  let holder!: HTMLDivElement
  let plot: uPlot | undefined

  onMount(() => {
    const t = props.trend
    const xs = t.points.map((p) => Date.parse(p.at) / 1000)
    const totals = t.points.map((p) => p.total)
    const marks = t.points.map((p) => (p.meaningful ? p.total : null))
    const opts: uPlot.Options = {
      width: Math.max(240, holder.clientWidth),
      height: props.height ?? 220,
      legend: { show: false },
      cursor: { show: false },
      scales: { y: { range: [t.min, t.max] } },
      axes: [{}, { label: 'Total' }],
      series: [
        {},
        { label: t.shortTitle, stroke: '#1d4e89', width: 2, points: { size: 7, fill: '#1d4e89' } },
        {
          label: 'Meaningful change',
          stroke: 'transparent',
          points: { size: 14, stroke: '#b3261e', width: 3, fill: 'transparent' },
        },
      ],
      hooks: {
        // Bands are painted under the line, one colour per band, from the lowest total up.
        drawClear: [
          (u) => {
            const { ctx, bbox } = u
            t.bands.forEach((band, i) => {
              const top = u.valToPos(Math.min(band.max + 0.5, t.max), 'y', true)
              const bottom = u.valToPos(Math.max(band.min - 0.5, t.min), 'y', true)
              ctx.fillStyle = bandFills[Math.min(i, bandFills.length - 1)]!
              ctx.fillRect(bbox.left, top, bbox.width, bottom - top)
            })
          },
        ],
      },
    }
    plot = new uPlot(opts, [xs, totals, marks], holder)
    const resize = new ResizeObserver(() =>
      plot?.setSize({ width: Math.max(240, holder.clientWidth), height: opts.height })
    )
    resize.observe(holder)
    onCleanup(() => resize.disconnect())
  })
  onCleanup(() => plot?.destroy())

  // The canvas is decoration for sighted users; the table next to it is the accessible version.
  return <div class="trend-chart" ref={holder} aria-hidden="true" data-measure={props.trend.key} />
}
