/**
 * The timeline: a time axis, fault markers (draggable to move them; Delete removes; arrows nudge),
 * notable events, anomaly marks, the selected anomaly's causal chain, and the cursor. Clicking
 * the axis seeks. (svg, data) in, pixels out; changes go out through the handlers.
 */
import { axisBottom } from 'd3-axis';
import { drag } from 'd3-drag';
import { scaleLinear } from 'd3-scale';
import { select, type Selection } from 'd3-selection';
import type { AnomalySummary, TimelineEvent } from '../worker/protocol';
import { ANOMALY_COLOR, ANOMALY_ICON } from './colors';

export interface TimelineFault {
  index: number;
  atMs: number;
  label: string;
}

export interface TimelineData {
  width: number;
  durationUs: number;
  computedUs: number;
  tUs: number;
  faults: TimelineFault[];
  events: readonly TimelineEvent[];
  anomalies: readonly AnomalySummary[];
  /** The selected anomaly's story (or raw chain) entries, marked on the axis. */
  chain: readonly { id: number; at: number }[];
  /** The chain entry the user picked: drawn stronger, above the others. */
  chainSelected: number | null;
  faultLabel: (f: TimelineFault) => string;
  /**
   * Drawn `scale` times larger (big screens): laid out for `width / scale` and stretched, so its
   * 10 px tick labels and markers grow with a 4K screen as the cluster does (default 1).
   */
  scale?: number;
}

export interface TimelineHandlers {
  seek(us: number): void;
  moveFault(index: number, atMs: number): void;
  deleteFault(index: number): void;
  /** A plain click (or Enter) on a marker: select it and open its editor at `x` (CSS px). */
  selectFault?(index: number, x: number): void;
}

/** A press that moves less than this is a click (select), not a drag (move). */
const DRAG_PX = 4;

/** An anomaly's mark on the time axis (a filled square for duplicates: `⧉` is thin at 12 px). */
export function anomalyGlyph(kind: AnomalySummary['kind']): string {
  return kind === 'duplicated' ? '▣' : ANOMALY_ICON[kind];
}

/** A fault marker: a downward triangle above a line to the axis (shared with the legend). */
export const FAULT_MARKER_PATH = 'M-7,0 L7,0 L0,12 z';

const H = 74;
const M = { l: 14, r: 14 };

export class TimelineRenderer {
  private readonly svg: Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly gAxis;
  private readonly gComputed;
  private readonly gEvents;
  private readonly gAnoms;
  private readonly gChain;
  private readonly gFaults;
  private readonly cursor;
  private x = scaleLinear();
  private data: TimelineData | null = null;

  constructor(
    el: SVGSVGElement,
    private readonly handlers: TimelineHandlers,
  ) {
    this.svg = select(el);
    this.svg.selectAll('*').remove();
    this.svg
      .append('rect')
      .attr('class', 'bg')
      .attr('x', 0)
      .attr('y', 0)
      .attr('height', H)
      .on('click', (e: MouseEvent) => {
        const [mx] = [e.offsetX];
        this.handlers.seek(Math.max(0, Math.round(this.x.invert(mx))));
      });
    this.gComputed = this.svg
      .append('rect')
      .attr('class', 'computed')
      .attr('y', 50)
      .attr('height', 4);
    this.gAxis = this.svg.append('g').attr('class', 'axis').attr('transform', 'translate(0,54)');
    this.gEvents = this.svg.append('g').attr('class', 'tl-events');
    this.gChain = this.svg.append('g').attr('class', 'tl-chain');
    this.gAnoms = this.svg.append('g').attr('class', 'tl-anoms');
    this.gFaults = this.svg.append('g').attr('class', 'tl-faults');
    this.cursor = this.svg.append('line').attr('class', 'cursor').attr('y1', 2).attr('y2', 54);
  }

  update(d: TimelineData): void {
    this.data = d;
    const k = d.scale ?? 1;
    const width = d.width / k;
    this.svg.attr('viewBox', `0 0 ${width} ${H}`).attr('height', H * k);
    this.svg.select('rect.bg').attr('width', width);
    this.x = scaleLinear()
      .domain([0, Math.max(1, d.durationUs)])
      .range([M.l, width - M.r]);
    const x = this.x;
    this.gAxis.call(
      axisBottom(x)
        .ticks(Math.max(2, Math.floor(width / 90)))
        .tickFormat((v) => `${(Number(v) / 1e6).toFixed(Number(d.durationUs) < 20e6 ? 1 : 0)}s`),
    );
    this.gComputed.attr('x', M.l).attr('width', Math.max(0, x(d.computedUs) - M.l));

    this.gEvents
      .selectAll<SVGLineElement, TimelineEvent>('line')
      .data(d.events.slice(0, 2000))
      .join('line')
      .attr('class', (e) => `ev ev-${e.kind}`)
      .attr('x1', (e) => x(e.at))
      .attr('x2', (e) => x(e.at))
      .attr('y1', 40)
      .attr('y2', 50);

    // The picked entry is drawn last so it stays on top of neighbours at the same pixel.
    const chain = [...d.chain].sort(
      (p, q) => Number(p.id === d.chainSelected) - Number(q.id === d.chainSelected),
    );
    this.gChain
      .selectAll<SVGRectElement, { id: number; at: number }>('rect')
      .data(chain, (e) => String(e.id))
      .join('rect')
      .order()
      .attr('class', (e) => (e.id === d.chainSelected ? 'selected' : null))
      .attr('data-id', (e) => e.id)
      .attr('x', (e) => x(e.at) - (e.id === d.chainSelected ? 3 : 1.5))
      .attr('y', (e) => (e.id === d.chainSelected ? 0 : 4))
      .attr('width', (e) => (e.id === d.chainSelected ? 6 : 3))
      .attr('height', (e) => (e.id === d.chainSelected ? 54 : 46));

    const anoms = d.anomalies.slice(0, 300);
    this.gAnoms
      .selectAll<SVGTextElement, AnomalySummary>('text')
      .data(anoms)
      .join('text')
      .attr('x', (a) => x(a.at))
      .attr('y', 36)
      .attr('text-anchor', 'middle')
      .attr('fill', (a) => ANOMALY_COLOR[a.kind])
      .text((a) => anomalyGlyph(a.kind));

    const faults = this.gFaults
      .selectAll<SVGGElement, TimelineFault>('g.fault')
      .data(d.faults, (f) => String(f.index))
      .join((enter) => {
        const g = enter
          .append('g')
          .attr('class', 'fault')
          .attr('role', 'button')
          .attr('tabindex', 0)
          .on('keydown', (e: KeyboardEvent, f) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              e.stopPropagation();
              this.handlers.selectFault?.(f.index, this.x(f.atMs * 1000) * (this.data?.scale ?? 1));
            } else if (e.key === 'Delete' || e.key === 'Backspace') {
              e.preventDefault();
              this.handlers.deleteFault(f.index);
            } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
              e.preventDefault();
              e.stopPropagation();
              const step = e.shiftKey ? 1000 : 100;
              const max = (this.data?.durationUs ?? 0) / 1000;
              this.handlers.moveFault(
                f.index,
                Math.max(0, Math.min(max, f.atMs + (e.key === 'ArrowLeft' ? -step : step))),
              );
            }
          });
        g.append('path').attr('d', FAULT_MARKER_PATH);
        g.append('line').attr('y1', 12).attr('y2', 50);
        g.append('title');
        return g;
      });
    faults
      .attr('transform', (f) => `translate(${x(f.atMs * 1000)},2)`)
      .attr('aria-label', (f) => d.faultLabel(f));
    faults.select('title').text((f) => d.faultLabel(f));
    // A click selects (the editor opens); only a real drag moves the fault. A plain click used to
    // move it by the few pixels between the pointer and the marker's centre.
    let startX = 0;
    let moved = false;
    faults.call(
      drag<SVGGElement, TimelineFault>()
        .on('start', (e: { x: number }) => {
          startX = e.x;
          moved = false;
        })
        .on('drag', function (e: { x: number }) {
          if (!moved && Math.abs(e.x - startX) < DRAG_PX) return;
          moved = true;
          select(this).attr(
            'transform',
            `translate(${Math.max(M.l, Math.min(width - M.r, e.x))},2)`,
          );
        })
        .on('end', (e: { x: number }, f) => {
          if (!moved) {
            this.handlers.selectFault?.(f.index, x(f.atMs * 1000) * k);
            return;
          }
          const us = Math.max(0, Math.min(d.durationUs, x.invert(e.x)));
          if (Math.abs(us / 1000 - f.atMs) >= 1)
            this.handlers.moveFault(f.index, Math.round(us / 1000));
        }),
    );
    this.setCursor(d.tUs);
  }

  setCursor(tUs: number): void {
    const cx = this.x(tUs);
    this.cursor.attr('x1', cx).attr('x2', cx);
  }
}
