/** Small metric charts: one series (or two) over the run's time, with the current moment marked. */
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { line } from 'd3-shape';

export interface Series {
  name: string;
  cls: string;
  points: { at: number; v: number | null }[];
}

export function renderChart(
  el: SVGSVGElement,
  series: Series[],
  opts: { width: number; height: number; durationUs: number; tUs: number; title: string },
): void {
  const m = { t: 18, r: 8, b: 18, l: 40 };
  const svg = select(el)
    .attr('viewBox', `0 0 ${opts.width} ${opts.height}`)
    .attr('role', 'img')
    .attr('aria-label', opts.title);
  svg.selectAll('*').remove();
  const max = Math.max(
    1,
    ...series.flatMap((s) => s.points.map((p) => p.v ?? 0)).filter((v) => Number.isFinite(v)),
  );
  const x = scaleLinear()
    .domain([0, Math.max(1, opts.durationUs)])
    .range([m.l, opts.width - m.r]);
  const y = scaleLinear()
    .domain([0, max * 1.1])
    .nice()
    .range([opts.height - m.b, m.t]);
  svg.append('text').attr('class', 'chart-title').attr('x', m.l).attr('y', 12).text(opts.title);
  svg
    .append('g')
    .attr('class', 'axis')
    .attr('transform', `translate(0,${opts.height - m.b})`)
    .call(
      axisBottom(x)
        .ticks(4)
        .tickFormat((v) => `${(Number(v) / 1e6).toFixed(0)}s`),
    );
  svg
    .append('g')
    .attr('class', 'axis')
    .attr('transform', `translate(${m.l},0)`)
    .call(axisLeft(y).ticks(3));
  for (const s of series) {
    const path = line<{ at: number; v: number | null }>()
      .defined((p) => p.v !== null)
      .x((p) => x(p.at))
      .y((p) => y(p.v ?? 0));
    svg
      .append('path')
      .attr('class', `series ${s.cls}`)
      .attr('d', path(s.points) ?? '');
  }
  svg
    .append('line')
    .attr('class', 'cursor')
    .attr('x1', x(opts.tUs))
    .attr('x2', x(opts.tUs))
    .attr('y1', m.t)
    .attr('y2', opts.height - m.b);
}
