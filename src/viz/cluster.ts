/**
 * The cluster view: (svg, frame, options) in, pixels out. It reads no store; interaction goes
 * out through the handlers. Static parts (nodes, stores, links, cuts) are redrawn when the frame
 * changes; moving messages are redrawn every animation frame from the frame's flights and the
 * continuous time, so motion stays smooth between frames.
 */
import { select, type BaseType, type Selection } from 'd3-selection';
import type { EntryView, NodeView, StoreView } from '../engine/view';
import type { DropMark, Frame, WireFlight } from '../worker/protocol';
import { keyColor } from './colors';
import { along, computeLayout, route, type Layout, type Route } from './layout';

export interface ClusterLabels {
  status: Record<NodeView['status'], string>;
  roles: Record<NodeView['role'], string>;
  storeRoles: Record<NonNullable<StoreView['role']>, string>;
  outOfSync: string;
  cut: string;
  aggregated: (n: number) => string;
  producers: string;
  consumers: string;
  /** Names of a store's marks (`leo`, `ready`...); a mark without one shows its key. */
  marks: Readonly<Record<string, string>>;
  /** Names of the engine's own node groups (RabbitMQ's brokers are the group `cluster`). */
  groups: Readonly<Record<string, string>>;
  /** A link's accessible name. */
  link: (a: string, b: string) => string;
  /** Status of a running node with a cut link: it is drawn as partitioned. */
  partitioned?: string;
}

/** Width of a text in units of a Latin character: CJK characters are about twice as wide. */
function textUnits(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 1.9 : 1;
  return n;
}

export interface ClusterHandlers {
  select(
    sel:
      | { kind: 'node'; id: string }
      | { kind: 'store'; id: string }
      | { kind: 'link'; from: string; to: string },
  ): void;
  context(
    target: { kind: 'node'; id: string } | { kind: 'link'; from: string; to: string },
    x: number,
    y: number,
  ): void;
}

export interface ClusterOptions {
  width: number;
  height: number;
  labels: ClusterLabels;
  /** Every directed link `a->b` known to carry traffic (drawn even when idle). */
  links: readonly string[];
  selected: string | null;
  /** Messages to highlight (the selected anomaly). */
  highlightMsgs: ReadonlySet<number>;
  /** Nodes on the selected anomaly's causal chain. */
  highlightNodes: ReadonlySet<string>;
  picking: string | null;
  /** Playing: changed rows are painted over the next animation frames (see `animate`). */
  progressive?: boolean;
  /**
   * Drawing scale for big screens: the layout is computed for a view `scale` times smaller and
   * drawn `scale` times larger, so boxes and text grow with a 4K screen or a projector (default 1).
   */
  scale?: number;
  /**
   * Drawn `zoom` times larger than `width` x `height` (presenter mode): the layout stays that of
   * the logical size, the SVG scales through its viewBox and the canvases paint at the zoomed
   * resolution, so text and cells grow sharp instead of blurred.
   */
  zoom?: number;
}

/** Pan and zoom of the view (d3-zoom's transform), applied on top of `scale`. */
export interface ViewTransform {
  k: number;
  x: number;
  y: number;
}

type G = Selection<SVGGElement, unknown, null, undefined>;

function placeRect<E extends BaseType, D, P extends BaseType, PD>(
  r: Selection<E, D, P, PD>,
  box: { x: number; y: number; w: number; h: number },
  rx: number,
): void {
  r.attr('x', box.x).attr('y', box.y).attr('width', box.w).attr('height', box.h).attr('rx', rx);
}

/** The undirected pair `a|b` (a < b) of a directed link `from->to`. */
function pairKey(l: string): string {
  const i = l.indexOf('->');
  const from = l.slice(0, i);
  const to = l.slice(i + 2);
  return from < to ? `${from}|${to}` : `${to}|${from}`;
}

/**
 * Sizes a canvas to `width` x `height` CSS pixels at the device pixel ratio, which it returns.
 * Resizing clears a canvas: `resized` is told so.
 */
function fitCanvas(
  c: HTMLCanvasElement,
  width: number,
  height: number,
  resized?: () => void,
  zoom = 1,
  /** Device pixels per layout unit over the device pixel ratio; below `zoom`, the canvas is stretched. */
  backing = zoom,
) {
  const dpr = (window.devicePixelRatio || 1) * backing;
  if (c.width !== Math.round(width * dpr) || c.height !== Math.round(height * dpr)) {
    c.width = Math.round(width * dpr);
    c.height = Math.round(height * dpr);
    c.style.width = `${width * zoom}px`;
    c.style.height = `${height * zoom}px`;
    resized?.();
  }
  return dpr;
}

const MAX_CELLS = 40;
/** A log cell is never narrower than this (layout units): thinner ones cannot be told apart. */
const MIN_CELL_W = 3;
/** While playing, at most this many changed rows are painted per animation frame. */
const ROWS_PER_FRAME = 30;
/** Keys are written beside moving messages only while at most this many are moving. */
const KEY_LABELS_MAX = 14;
/**
 * Zoomed (presenter mode, the embedded player), a busy view paints its moving messages into at
 * most this many device pixels and lets the browser stretch them: in software rendering the
 * whole canvas is cleared, rasterised and copied at every display frame, and at 1920x1080 that
 * took presenter mode's commit from 2.6 to 12 ms a frame (Chromium trace, heavy Kafka scenario).
 * About the lab view's canvas at 1280x720, where the heavy scenario keeps 58 fps. A few moving
 * messages (their keys written beside them) stay sharp; the hysteresis keeps a view that hovers
 * at the threshold from resizing its canvas back and forth.
 */
const BUSY_FLIGHT_PIXELS = 600_000;
const BUSY_DOTS_ON = 60;
const BUSY_DOTS_OFF = 30;
const MARKS_FAMILY = "system-ui, 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
const MARKS_FONT = `10px ${MARKS_FAMILY}`;
/** The offsets a narrow row keeps, in this order: the high watermark, the log end, queue depth. */
const COMPACT_MARKS = ['hw', 'leo', 'ready', 'unacked'] as const;

/*
 * The glyphs of the visual language, one small function each: the view draws with them and the
 * legend (src/ui/legend) draws its samples with the same functions, so the two cannot drift.
 */

/** The icon before a replica's name: leader, in-sync follower, out-of-sync follower. */
export function storeRoleIcon(role: StoreView['role'], inSync: boolean | undefined): string {
  return role === 'leader' ? '★ ' : role === 'follower' ? (inSync === false ? '⚠ ' : '○ ') : '';
}

/** A node's status line: a shape and a word, so a crashed or paused node never relies on colour. */
export function nodeStatusText(
  status: NodeView['status'],
  words: Record<NodeView['status'], string>,
  isServer: boolean,
): string {
  return status === 'crashed'
    ? `✕ ${words.crashed}`
    : status === 'paused'
      ? `❚❚ ${words.paused}`
      : isServer
        ? `● ${words.up}`
        : '';
}

/**
 * One log cell: the key's colour; faint and dashed when not committed (above the high
 * watermark), half faint when only in the page cache (not flushed), hatched when delivered and
 * not acknowledged; a black border when it belongs to the selected anomaly.
 */
export function paintCell(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  w: number,
  h: number,
  e: Pick<EntryView, 'key' | 'committed' | 'flushed' | 'state'>,
  hatch: CanvasPattern | null,
  highlighted: boolean,
): void {
  const color = keyColor(e.key);
  ctx.globalAlpha = e.committed === false ? 0.3 : e.flushed === false ? 0.55 : 1;
  ctx.fillStyle = e.state === 'unacked' ? (hatch ?? color) : color;
  ctx.fillRect(x, y, w, h);
  ctx.globalAlpha = 1;
  ctx.lineWidth = highlighted ? 2.5 : 1;
  ctx.strokeStyle = highlighted ? '#000000' : color;
  ctx.setLineDash(e.committed === false ? [2, 1] : []);
  ctx.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
  ctx.setLineDash([]);
}

/** The 4 px diagonal hatch of unacknowledged entries, as a pattern for `ctx`. */
export function hatchPattern(ctx: CanvasRenderingContext2D): CanvasPattern | null {
  const tile = document.createElement('canvas');
  tile.width = 4;
  tile.height = 4;
  const t = tile.getContext('2d');
  if (!t) return null;
  t.strokeStyle = 'rgba(0,0,0,0.35)';
  t.lineWidth = 1.5;
  t.beginPath();
  t.moveTo(0, 4);
  t.lineTo(4, 0);
  t.stroke();
  return ctx.createPattern(tile, 'repeat');
}

/** How a moving message looks: a batch is bigger, a request or acknowledgement is hollow. */
export interface DotLook {
  r: number;
  fill: string;
  stroke: string;
  width: number;
}

export function flightLook(
  f: Pick<WireFlight, 'n' | 'ack' | 'key'>,
  highlighted: boolean,
): DotLook {
  const r = f.n === 0 ? 2 : f.ack ? 3 : Math.min(8, 4 + Math.log2(f.n + 1));
  return {
    r: Math.round((highlighted ? r + 3 : r) * 2) / 2,
    fill: f.ack || f.n === 0 ? '#ffffff' : keyColor(f.key),
    stroke: highlighted ? '#000000' : keyColor(f.key),
    width: highlighted ? 3 : 1.2,
  };
}

/** Paints a message dot centred on (cx, cy). */
export function paintDot(c: CanvasRenderingContext2D, cx: number, cy: number, d: DotLook): void {
  c.beginPath();
  c.arc(cx, cy, d.r, 0, Math.PI * 2);
  c.fillStyle = d.fill;
  c.fill();
  c.lineWidth = d.width;
  c.strokeStyle = d.stroke;
  c.stroke();
}

/** Where a message was lost: a red cross with a white halo (bigger for the selected anomaly). */
export function paintDropMark(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  highlighted: boolean,
): void {
  ctx.textAlign = 'center';
  ctx.lineWidth = 3;
  ctx.strokeStyle = '#ffffff';
  ctx.fillStyle = '#b3261e';
  ctx.font = `900 ${highlighted ? 30 : 20}px sans-serif`;
  ctx.strokeText('✕', x, y + 6);
  ctx.fillText('✕', x, y + 6);
}

export class ClusterRenderer {
  private readonly root: Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly gLinks: G;
  private readonly gBindings: G;
  private readonly gNodes: G;
  private readonly gCuts: G;
  private layout: Layout | null = null;
  private layoutKey = '';
  private frame: Frame | null = null;
  private opts: ClusterOptions | null = null;
  /** Rows whose cells changed and are not painted yet, in the order they changed. */
  private readonly pendingRows = new Map<string, () => void>();
  /** What each store row's parts were last drawn from: unchanged parts are not touched. */
  private readonly rowSig = new Map<string, { base: string; cells: string }>();
  private hlKey = '';
  /** The links (and layout) the link elements were last joined for. */
  private linksKey = '';
  private noteText = '';
  private groupsKey = '';
  private readonly nodeSig = new Map<string, string>();
  private joinedKey = '';
  private knownLinks: {
    for: readonly string[] | null;
    layout: string;
    pairs: Map<string, { a: string; b: string }>;
    /** Directed links seen in frames whose pair is among `pairs`. */
    seen: Set<string>;
  } = { for: null, layout: '', pairs: new Map(), seen: new Set() };
  private readonly nodeEls = new Map<string, SVGGElement>();
  private readonly rowEls = new Map<string, SVGGElement>();
  private readonly dots = new Map<string, { img: HTMLCanvasElement; half: number }>();
  private cellsCtx: CanvasRenderingContext2D | null = null;
  private hatch: CanvasPattern | null = null;
  private readonly gNote: Selection<SVGTextElement, unknown, null, undefined>;
  private readonly gView: G;
  private view: ViewTransform = { k: 1, x: 0, y: 0 };
  /** Each pair's path for the current layout: links, moving messages and cuts follow it. */
  private routes = new Map<string, Route>();
  /** Whether many messages are moving (see `BUSY_FLIGHT_PIXELS`). */
  private busy = false;

  constructor(
    svg: SVGSVGElement,
    /** Moving messages and drop marks are painted here, over the SVG: no DOM work per frame. */
    private readonly canvas: HTMLCanvasElement,
    /** Log cells are painted here, over the SVG rows and under the moving messages. */
    private readonly cellsCanvas: HTMLCanvasElement,
    private readonly handlers: ClusterHandlers,
  ) {
    this.root = select(svg);
    this.root.selectAll('*').remove();
    const defs = this.root.append('defs');
    const hatch = defs
      .append('pattern')
      .attr('id', 'hatch')
      .attr('width', 4)
      .attr('height', 4)
      .attr('patternUnits', 'userSpaceOnUse')
      .attr('patternTransform', 'rotate(45)');
    hatch.append('rect').attr('width', 2).attr('height', 4).attr('fill', 'rgba(0,0,0,0.35)');
    defs
      .append('marker')
      .attr('id', 'arrow-cut')
      .attr('viewBox', '0 0 10 10')
      .attr('refX', 9)
      .attr('refY', 5)
      .attr('markerWidth', 7)
      .attr('markerHeight', 7)
      .attr('orient', 'auto')
      .append('path')
      .attr('d', 'M0,0L10,5L0,10z')
      .attr('fill', '#b3261e');
    this.gView = this.root.append('g').attr('class', 'viewport');
    this.gLinks = this.gView.append('g').attr('class', 'links');
    this.gNodes = this.gView.append('g').attr('class', 'nodes');
    // Above the nodes: a binding ends on its queue's row inside the broker box.
    this.gBindings = this.gView.append('g').attr('class', 'bindings');
    this.gCuts = this.gView.append('g').attr('class', 'cuts');
    this.gNote = this.root.append('text').attr('class', 'agg-note').attr('x', 8).attr('y', 14);
  }

  /** Redraws nodes, stores, links and cuts. */
  update(frame: Frame, opts: ClusterOptions): void {
    this.frame = frame;
    this.opts = opts;
    this.hlKey = [...opts.highlightMsgs].join(',');
    const scale = opts.scale ?? 1;
    const lw = opts.width / scale;
    const lh = opts.height / scale;
    const key = `${lw}x${lh}|${frame.nodes.map((n) => n.id).join(',')}|${frame.stores.map((s) => s.id).join(',')}`;
    if (key !== this.layoutKey || !this.layout) {
      this.layout = computeLayout(frame.nodes, frame.stores, lw, lh);
      this.layoutKey = key;
      this.routes = new Map();
      this.rowSig.clear();
      this.pendingRows.clear();
      this.cellsCtx?.clearRect(0, 0, this.cellsCanvas.width, this.cellsCanvas.height);
    }
    this.prepareCells(opts.width, opts.height, opts.zoom);
    const viewBox = `0 0 ${opts.width} ${opts.height}`;
    if (this.root.attr('viewBox') !== viewBox) this.root.attr('viewBox', viewBox);
    this.applyView();
    this.drawLinks(frame, opts);
    this.drawBindings(frame);
    this.drawNodes(frame, opts);
    this.drawCuts(frame);
    if (!opts.progressive) this.paintPending();
  }

  private pos(id: string) {
    return this.layout?.nodes.get(id);
  }

  /** The whole transform, layout units to CSS pixels: the big-screen scale, then pan and zoom. */
  private total(): ViewTransform {
    const s = this.opts?.scale ?? 1;
    return { k: this.view.k * s, x: this.view.x, y: this.view.y };
  }

  /** Pans and zooms the view (from d3-zoom): the SVG moves, the canvases are repainted. */
  setView(v: ViewTransform): void {
    this.view = v;
    this.applyView();
    this.rowSig.clear();
    this.pendingRows.clear();
    const ctx = this.cellsCtx;
    if (ctx) {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, this.cellsCanvas.width, this.cellsCanvas.height);
    }
    if (this.frame && this.opts) this.update(this.frame, this.opts);
  }

  private applyView(): void {
    const t = this.total();
    const tr = `translate(${t.x},${t.y}) scale(${t.k})`;
    if (this.gView.attr('transform') !== tr) this.gView.attr('transform', tr);
  }

  /** The link's path from `from` to `to` (bent around boxes in the way), or null off the view. */
  private routeOf(from: string, to: string): Route | null {
    const layout = this.layout;
    const a = this.pos(from);
    const b = this.pos(to);
    if (!layout || !a || !b) return null;
    const flip = from > to;
    const k = flip ? `${to}|${from}` : `${from}|${to}`;
    let r = this.routes.get(k);
    if (!r) {
      const others = [...layout.nodes.values()].filter(
        (n) => n.node.id !== from && n.node.id !== to,
      );
      r = flip ? route(b, a, others, layout) : route(a, b, others, layout);
      this.routes.set(k, r);
    }
    return flip ? { p0: r.p2, c: r.c, p2: r.p0 } : r;
  }

  /**
   * AMQP bindings: a dashed curve from an exchange to the queue (its owner or leader row) or to
   * the exchange it is bound to, labelled with the binding key where it arrives (each target
   * sits at its own height, so the keys never pile up on the exchange).
   */
  private drawBindings(frame: Frame): void {
    const layout = this.layout;
    const rowsByLabel = new Map<string, { x: number; y: number; h: number }>();
    if (layout) {
      for (const r of layout.rows.values()) {
        const lead = r.store.role === 'owner' || r.store.role === 'leader';
        if (lead || !rowsByLabel.has(r.store.label)) rowsByLabel.set(r.store.label, r);
      }
    }
    const items = (frame.bindings ?? []).flatMap((b, i) => {
      const src = this.pos(b.from);
      const dstNode = this.pos(b.to);
      const dst = dstNode ?? rowsByLabel.get(b.to);
      if (!src || !dst) return [];
      const x1 = src.x + src.w;
      const y1 = src.y + src.h / 2;
      const x2 = dst.x;
      const y2 = dst.y + dst.h / 2;
      const mx = (x1 + x2) / 2;
      return [
        {
          id: `${i}|${b.from}|${b.to}|${b.key}`,
          key: b.key,
          x2,
          y2,
          d: `M${x1},${y1}C${mx},${y1} ${mx},${y2} ${x2},${y2}`,
        },
      ];
    });
    const sel = this.gBindings
      .selectAll<SVGGElement, (typeof items)[number]>('g.binding')
      .data(items, (d) => d.id)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'binding');
        g.append('path');
        g.append('text');
        return g;
      });
    sel.select('path').attr('d', (d) => d.d);
    sel
      .select('text')
      .attr('x', (d) => d.x2 - 3)
      .attr('y', (d) => d.y2 - 3)
      .attr('text-anchor', 'end')
      .text((d) => d.key);
  }

  private drawLinks(frame: Frame, opts: ClusterOptions): void {
    // The run's links are known once it is computed (and change with it, or with the layout);
    // a frame adds the few links it uses that are not among them (while computing, stepping).
    if (this.knownLinks.for !== opts.links || this.knownLinks.layout !== this.layoutKey) {
      const known = new Map<string, { a: string; b: string }>();
      for (const l of opts.links) this.addPair(known, l);
      this.knownLinks = { for: opts.links, layout: this.layoutKey, pairs: known, seen: new Set() };
    }
    const known = this.knownLinks;
    let pairs = known.pairs;
    const extra = (l: string) => {
      if (known.seen.has(l)) return;
      if (known.pairs.has(pairKey(l))) {
        known.seen.add(l);
        return;
      }
      if (pairs === known.pairs) pairs = new Map(pairs);
      this.addPair(pairs, l);
    };
    for (const f of frame.flights) extra(`${f.from}->${f.to}`);
    for (const l of Object.keys(frame.aggregated)) extra(l);
    // The join runs only when the set of links or their words change (rarely once a run is under
    // way); the words are part of the key so a language switch renames the links' labels.
    const pairsKey = `${this.layoutKey}#${opts.labels.link('', '')}#${[...pairs.keys()].join(',')}`;
    const sel =
      pairsKey === this.linksKey
        ? this.gLinks.selectAll<SVGGElement, { a: string; b: string }>('g.link')
        : this.joinLinks([...pairs.values()]);
    this.linksKey = pairsKey;
    // Messages beyond what is drawn one by one thicken their link instead (readable at any load).
    const load = new Map<string, number>();
    for (const [l, n] of Object.entries(frame.aggregated)) {
      const [from = '', to = ''] = l.split('->');
      const k = from < to ? `${from}|${to}` : `${to}|${from}`;
      load.set(k, (load.get(k) ?? 0) + n);
    }
    sel.each((d, i, nodes) => {
      const el = nodes[i] as SVGGElement;
      const n = load.get(`${d.a}|${d.b}`) ?? 0;
      const width = n > 0 ? String(Math.min(9, 1.5 + Math.log2(1 + n))) : '';
      if (el.getAttribute('data-width') !== width) {
        el.setAttribute('data-width', width);
        const wire = el.querySelector('path.wire');
        if (width) wire?.setAttribute('stroke-width', width);
        else wire?.removeAttribute('stroke-width');
        wire?.setAttribute('class', width ? 'wire busy' : 'wire');
      }
      // Geometry changes only with the layout.
      if (el.getAttribute('data-layout') === this.layoutKey) return;
      el.setAttribute('data-layout', this.layoutKey);
      const r = this.routeOf(d.a, d.b);
      if (!r) return;
      select(el).selectAll('path').attr('d', pathOf(r));
    });
  }

  /** Adds the undirected pair of a directed link `a->b`, when both ends are on the view. */
  private addPair(pairs: Map<string, { a: string; b: string }>, l: string): void {
    const k = pairKey(l);
    const [a = '', b = ''] = k.split('|');
    if (!pairs.has(k) && this.pos(a) && this.pos(b)) pairs.set(k, { a, b });
  }

  private joinLinks(data: { a: string; b: string }[]) {
    return this.gLinks
      .selectAll<SVGGElement, { a: string; b: string }>('g.link')
      .data(data, (d) => `${d.a}|${d.b}`)
      .join((enter) => {
        const g = enter
          .append('g')
          .attr('class', 'link')
          .attr('data-link', (d) => `${d.a}|${d.b}`)
          .attr('role', 'button')
          .attr('tabindex', 0)
          .on('click', (_e, d) => this.handlers.select({ kind: 'link', from: d.a, to: d.b }))
          .on('contextmenu', (e: MouseEvent, d) => {
            e.preventDefault();
            this.handlers.context({ kind: 'link', from: d.a, to: d.b }, e.clientX, e.clientY);
          })
          .on('keydown', (e: KeyboardEvent, d) => {
            if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
              e.preventDefault();
              const r = (e.currentTarget as Element).getBoundingClientRect();
              this.handlers.context(
                { kind: 'link', from: d.a, to: d.b },
                r.x + r.width / 2,
                r.y + r.height / 2,
              );
            }
          });
        g.append('path').attr('class', 'hit');
        g.append('path').attr('class', 'wire');
        return g;
      })
      .attr('aria-label', (d) => this.opts?.labels.link(d.a, d.b) ?? `${d.a} – ${d.b}`);
  }

  /**
   * Cut links: the link drawn red and dashed with a numbered scissors badge at its middle (between
   * the boxes, never on them); the words ("rabbit-1 ⇹ rabbit-2 cut") are listed above the view by
   * the panel with the same numbers (`cutList`), so labels never pile up on the nodes.
   */
  private drawCuts(frame: Frame): void {
    const data = cutList(frame).filter((c) => this.pos(c.from) && this.pos(c.to));
    const sel = this.gCuts
      .selectAll<SVGGElement, CutItem>('g.cut')
      .data(data, (d) => `${d.from}>${d.to}`)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'cut');
        g.append('path');
        g.append('circle').attr('r', 10);
        g.append('text').attr('class', 'scissors');
        return g;
      });
    sel.each((d, i, nodes) => {
      const r = this.routeOf(d.from, d.to);
      if (!r) return;
      const g = select(nodes[i] as SVGGElement)
        .attr('data-cut', `${d.from}${d.twoWay ? '<>' : '>'}${d.to}`)
        .attr('aria-hidden', 'true');
      g.select('path')
        .attr('d', pathOf(r))
        .attr('marker-end', d.twoWay ? null : 'url(#arrow-cut)');
      const m = along(r, 0.5);
      g.select('circle').attr('cx', m.x).attr('cy', m.y);
      g.select('text.scissors')
        .attr('x', m.x)
        .attr('y', m.y + 4)
        .text(`✂${d.n}`);
    });
  }

  private drawNodes(frame: Frame, opts: ClusterOptions): void {
    const layout = this.layout;
    if (!layout) return;
    const L = opts.labels;
    const nodes = frame.nodes.filter((n) => layout.nodes.has(n.id));
    const cutNodes = new Set(frame.cuts.flatMap((c) => [c.from, c.to]));
    const storesByNode = new Map<string, StoreView[]>();
    for (const s of frame.stores)
      storesByNode.set(s.node, [...(storesByNode.get(s.node) ?? []), s]);

    // Consumer-group frames behind the consumers (they move only with the layout).
    if (this.groupsKey !== this.layoutKey) {
      this.groupsKey = this.layoutKey;
      this.drawGroups(layout);
    }

    // Elements are joined to the data only when the set of nodes or stores changes (the layout
    // key); in between, a frame updates the elements it already has.
    if (this.joinedKey !== this.layoutKey) {
      this.joinedKey = this.layoutKey;
      this.joinNodes(nodes, storesByNode);
    }
    for (const d of nodes) {
      const box = layout.nodes.get(d.id);
      const el = this.nodeEls.get(d.id);
      if (!box || !el) continue;
      const g = select(el);
      const mine = storesByNode.get(d.id) ?? [];
      const cut = d.status === 'up' && cutNodes.has(d.id);
      const cls = `node role-${d.role} status-${d.status}${cut ? ' partitioned' : ''}${opts.selected === d.id ? ' selected' : ''}${opts.highlightNodes.has(d.id) ? ' on-chain' : ''}${opts.picking !== null ? ' picking' : ''}`;
      const leader = mine.some((s) => s.role === 'leader');
      const statusText = cut && L.partitioned ? L.partitioned : L.status[d.status];
      const aria = `${d.id}, ${L.roles[d.role]}, ${statusText}`;
      // A node's own marks are rewritten only when they changed (its rows have their own check).
      const sig = `${this.layoutKey}|${cls}|${String(leader)}|${aria}|${statusText}|${L.status.up}|${L.status.crashed}|${L.status.paused}`;
      if (this.nodeSig.get(d.id) !== sig) {
        this.nodeSig.set(d.id, sig);
        g.attr('class', cls)
          .attr('data-node', d.id)
          .attr('data-role', d.role)
          .attr('data-status', d.status)
          .attr('data-leader', leader ? 'true' : null)
          .attr('aria-label', aria);
        placeRect(g.select('rect.box'), box, d.role === 'broker' ? 10 : 18);
        const isServer = d.role === 'broker' || d.role === 'controller' || d.role === 'nameserver';
        g.select('text.title')
          .attr('x', isServer ? box.x + 10 : box.x + box.w / 2)
          .attr('y', isServer ? box.y + 18 : box.y + box.h / 2 + (d.status === 'up' ? 4 : -2))
          .attr('text-anchor', isServer ? 'start' : 'middle')
          .text(d.id);
        g.select('text.status')
          .attr('x', isServer ? box.x + box.w - 10 : box.x + box.w / 2)
          .attr('y', isServer ? box.y + 18 : box.y + box.h / 2 + 13)
          .attr('text-anchor', isServer ? 'end' : 'middle')
          .text(() => {
            const full =
              d.status === 'up' && cut && L.partitioned
                ? `✂ ${L.partitioned}`
                : nodeStatusText(d.status, L.status, isServer);
            // A narrow box (presenter mode lays the cluster out small and zooms it) keeps only the
            // glyph, so the status never runs into the name; the words stay in the aria-label.
            const fits = !isServer || textUnits(d.id) * 8 + textUnits(full) * 6.6 + 26 <= box.w;
            return fits ? full : (full.split(' ')[0] ?? full);
          });
      }
      for (const st of mine) {
        const row = this.rowEls.get(st.id);
        if (row) this.drawRow(row, st, opts);
      }
    }
  }

  private drawGroups(layout: Layout): void {
    this.gNodes
      .selectAll<SVGGElement, Layout['groups'][number]>('g.cgroup')
      .data(layout.groups, (d) => d.group)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'cgroup');
        g.append('rect');
        g.append('text');
        return g;
      })
      .each((d, i, els) => {
        const g = select(els[i] as SVGGElement);
        placeRect(g.select('rect'), d.box, 8);
        g.select('text')
          .attr('x', d.box.x + 6)
          .attr('y', d.box.y + 13)
          .text(this.opts?.labels.groups[d.group] ?? d.group);
      })
      .lower();
  }

  private joinNodes(nodes: NodeView[], storesByNode: Map<string, StoreView[]>): void {
    this.nodeEls.clear();
    this.rowEls.clear();
    // A node re-created by this join has no box or name yet: what the old element showed must not
    // count as drawn. (Going back to a preset seen before gave the same layout key, so the
    // signature matched and broker-2, broker-3 and the controller stayed empty shells.)
    this.nodeSig.clear();
    this.gNodes
      .selectAll<SVGGElement, NodeView>('g.node')
      .data(nodes, (d) => d.id)
      .join((enter) => {
        const g = enter
          .append('g')
          .attr('class', 'node')
          .attr('role', 'button')
          .attr('tabindex', 0)
          .on('click', (e: MouseEvent, d) => {
            const row = (e.target as Element).closest('g.store');
            const sid = row?.getAttribute('data-store');
            // While picking the second node of a fault, any click inside a node picks the node.
            if (sid && this.opts?.picking == null) this.handlers.select({ kind: 'store', id: sid });
            else this.handlers.select({ kind: 'node', id: d.id });
          })
          .on('contextmenu', (e: MouseEvent, d) => {
            e.preventDefault();
            this.handlers.context({ kind: 'node', id: d.id }, e.clientX, e.clientY);
          })
          .on('keydown', (e: KeyboardEvent, d) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              e.stopPropagation();
              this.handlers.select({ kind: 'node', id: d.id });
            } else if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
              e.preventDefault();
              const r = (e.currentTarget as Element).getBoundingClientRect();
              this.handlers.context({ kind: 'node', id: d.id }, r.x + 20, r.y + 20);
            }
          });
        g.append('rect').attr('class', 'box');
        g.append('text').attr('class', 'title');
        g.append('text').attr('class', 'status');
        g.append('g').attr('class', 'stores');
        return g;
      })
      .each((d, i, els) => {
        const el = els[i] as SVGGElement;
        this.nodeEls.set(d.id, el);
        select(el)
          .select<SVGGElement>('g.stores')
          .selectAll<SVGGElement, StoreView>('g.store')
          .data(storesByNode.get(d.id) ?? [], (x) => x.id)
          .join((enter) => {
            const r = enter.append('g').attr('class', 'store');
            r.append('rect').attr('class', 'row');
            r.append('text').attr('class', 'label');
            return r;
          })
          .each((x, j, rows) => this.rowEls.set(x.id, rows[j] as SVGGElement));
      });
  }

  /** One store row: its SVG part when that changed, its offsets and cells on the canvas. */
  private drawRow(el: SVGGElement, s: StoreView, opts: ClusterOptions): void {
    const layout = this.layout;
    if (!layout) return;
    const L = opts.labels;
    const row = layout.rows.get(s.id);
    if (!row) return;
    const small = row.h < 12;
    const icon = storeRoleIcon(s.role, s.inSync);
    // Narrow rows keep the cells readable: the role in words and the other marks move to the
    // inspector. Queue depth, unacked counts and the high watermark are what a learner reads off
    // a row: they stay, all of them from 200 px (the role in words needs more), the compact ones
    // below it.
    const narrow = small || row.w < 200;
    const roleWords = !small && row.w >= 320;
    const labelText = `${icon}${s.label}${s.role && s.role !== 'owner' && roleWords ? ` ${L.storeRoles[s.role]}` : ''}${s.inSync === false && roleWords ? ` (${L.outOfSync})` : ''}`;
    const labelW = Math.min(row.w * 0.62, textUnits(labelText) * (small ? 4.6 : 6.2) + 8);
    const cls = `store kind-${s.kind} role-${s.role ?? 'none'}${s.inSync === false ? ' out-of-sync' : ''}${opts.selected === s.id ? ' selected' : ''}`;
    // The offsets shown are those whose words fit beside the label and at least a few cells
    // (zh words are wider: "日志起始 offset" ran under the cells on a tablet).
    // A narrow or thin row (presenter mode lays the cluster out small and zooms it) keeps the
    // offsets a learner reads off it, HW first, in the row's own font size.
    const marksPx = small ? Math.max(5, Math.min(8, row.h - 1)) : 10;
    const entries = narrow
      ? COMPACT_MARKS.flatMap((k) => (k in s.marks ? [[k, s.marks[k]] as const] : []))
      : Object.entries(s.marks);
    const marks = (row.h >= 6 ? entries : [])
      .slice(0, roleWords ? 3 : 2)
      .map(([k, v]) => `${L.marks[k] ?? k} ${v}`);
    const marksWidth = (m: readonly string[]) =>
      m.length === 0 ? 0 : textUnits(m.join(' · ')) * 0.56 * marksPx + 6;
    while (marks.length > 1 && row.w - labelW - marksWidth(marks) - 10 < 8 * MIN_CELL_W)
      marks.pop();
    // A narrow row with no room for even one offset beside its cells shows none (it was
    // written over the cells).
    if (narrow && row.w - labelW - marksWidth(marks) - 10 < 8 * MIN_CELL_W) marks.length = 0;
    const marksText = marks.join(' · ');
    // The SVG part of a row (box, class, label) is written only when it changed; its offsets and
    // cells, which change with most frames, are painted on the cells canvas.
    const sig = this.rowSig.get(s.id) ?? { base: '', cells: '' };
    this.rowSig.set(s.id, sig);
    const base = `${row.x},${row.y},${row.w},${row.h}|${cls}|${labelText}`;
    const r = select(el);
    if (sig.base !== base) {
      sig.base = base;
      r.attr('data-store', s.id)
        .attr('data-store-role', s.role ?? null)
        .attr('class', cls);
      placeRect(r.select('rect.row'), row, 3);
      // A label never taller than its row: a broker with ten replicas in presenter mode's small
      // layout printed its rows' names over each other. Too thin for any text, the row is a strip
      // (its name stays in the inspector and the legend's role marks).
      const fontSize = small ? Math.min(8, row.h - 1) : 11;
      r.select('text.label')
        .attr('x', row.x + 4)
        .attr('y', row.y + row.h / 2 + Math.min(4, fontSize / 2))
        .attr('font-size', Math.max(5, fontSize))
        .text(fontSize >= 5 ? labelText : '');
    }
    const marksW = marksWidth(marks);
    const cellsX = row.x + labelW + 4;
    const cellsW = Math.max(10, row.w - labelW - marksW - 10);
    const last = s.entries[s.entries.length - 1];
    const cells = `${cellsX},${cellsW}|${marksText}|${s.entries.length}|${s.entries[0]?.msg ?? ''}|${last?.msg ?? ''}|${String(last?.committed)}|${String(last?.flushed)}|${last?.state ?? ''}|${JSON.stringify(s.marks)}|${this.hlKey}`;
    if (sig.cells === cells) return;
    sig.cells = cells;
    this.pendingRows.set(s.id, () =>
      this.paintCells(s, row, cellsX, cellsW, marksText, opts, marksPx),
    );
  }

  /**
   * Paints rows whose cells changed: all of them, or at most `limit` (the rest wait for the next
   * call). While playing, a frame's rows are spread over a few display frames, so a big cluster's
   * refresh never costs one display frame more than it can hold.
   */
  private paintPending(limit = Infinity): void {
    let n = 0;
    for (const [id, paint] of this.pendingRows) {
      if (n++ >= limit) break;
      this.pendingRows.delete(id);
      paint();
    }
  }

  /**
   * A row's log cells are painted on the cells canvas, not made of SVG elements: a big cluster
   * has thousands of cells and most rows change every frame, and re-laying out that many SVG
   * nodes cost more than a display frame. Only the changed row's strip is cleared and repainted.
   */
  private paintCells(
    s: StoreView,
    row: { x: number; y: number; w: number; h: number },
    cellsX: number,
    cellsW: number,
    marksText: string,
    opts: ClusterOptions,
    marksPx = 10,
  ): void {
    const ctx = this.cellsCtx;
    if (!ctx) return;
    ctx.clearRect(row.x, row.y, row.w, row.h);
    if (marksText) {
      // The row's offsets (leo, hw, ...) change with almost every frame: painted, not SVG text.
      ctx.font = marksPx === 10 ? MARKS_FONT : `${marksPx}px ${MARKS_FAMILY}`;
      ctx.textAlign = 'end';
      ctx.textBaseline = 'alphabetic';
      ctx.fillStyle = '#555f73';
      ctx.fillText(marksText, row.x + row.w - 4, row.y + row.h / 2 + Math.min(4, marksPx * 0.4));
    }
    // As many cells as fit at their narrowest (3 units): more would run out of the row and its
    // box (presenter mode's narrow rows drew 40 cells into 50 units).
    const fit = Math.max(1, Math.floor(cellsW / MIN_CELL_W));
    const shown = s.entries.slice(-Math.min(MAX_CELLS, fit));
    const cw = Math.max(MIN_CELL_W, Math.min(14, cellsW / Math.max(1, shown.length)));
    const ch = Math.max(3, row.h - 6);
    const w = Math.max(2, cw - 1);
    const y = row.y + 3;
    for (let j = 0; j < shown.length; j++) {
      const e = shown[j];
      if (!e) continue;
      paintCell(ctx, cellsX + j * cw, y, w, ch, e, this.hatch, opts.highlightMsgs.has(e.msg));
    }
    // What was painted, for tests and tools (the canvas keeps no structure): where the cells end
    // and which offsets were written at the row's right end, both in layout units.
    const el = this.rowEls.get(s.id);
    el?.setAttribute('data-cells-end', (cellsX + shown.length * cw).toFixed(1));
    el?.setAttribute('data-marks', marksText);
  }

  /** Sizes the cells canvas to the view; a resize clears it, so every row is repainted. */
  private prepareCells(width: number, height: number, zoom = 1): void {
    const dpr = fitCanvas(
      this.cellsCanvas,
      width,
      height,
      () => {
        this.rowSig.clear();
        this.pendingRows.clear();
      },
      zoom,
    );
    this.cellsCtx ??= this.cellsCanvas.getContext('2d');
    const ctx = this.cellsCtx;
    if (!ctx) return;
    const t = this.total();
    ctx.setTransform(dpr * t.k, 0, 0, dpr * t.k, dpr * t.x, dpr * t.y);
    this.hatch ??= hatchPattern(ctx);
  }

  private context(
    width: number,
    height: number,
    zoom = 1,
    backing = zoom,
  ): CanvasRenderingContext2D | null {
    const dpr = fitCanvas(this.canvas, width, height, undefined, zoom, backing);
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return null;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const t = this.total();
    ctx.setTransform(dpr * t.k, 0, 0, dpr * t.k, dpr * t.x, dpr * t.y);
    return ctx;
  }

  /**
   * A message dot, drawn once per look (radius, fill, stroke) and then stamped: stamping a
   * bitmap is several times cheaper than filling and stroking an arc, and a busy cluster draws
   * hundreds of dots per display frame.
   */
  private dot(look: DotLook, zoom = 1) {
    const { r, fill, stroke, width } = look;
    const key = `${r}|${fill}|${stroke}|${width}|${zoom}`;
    let s = this.dots.get(key);
    if (!s) {
      const dpr = (window.devicePixelRatio || 1) * zoom;
      const half = Math.ceil(r + width);
      const img = document.createElement('canvas');
      img.width = img.height = Math.ceil(half * 2 * dpr);
      const c = img.getContext('2d');
      if (c) {
        c.scale(dpr, dpr);
        paintDot(c, half, half, look);
      }
      s = { img, half };
      this.dots.set(key, s);
    }
    return s;
  }

  /**
   * A message's key (Kafka's record key, AMQP's routing key) written beside its dot while few
   * messages are moving, so a learner can check which key matched which binding. On a busy view
   * the colour stands for the key. The keys drawn are listed on the canvas (`data-keys`).
   */
  private keyLabels(
    ctx: CanvasRenderingContext2D,
    dots: readonly { f: WireFlight; x: number; y: number }[],
  ) {
    const shown = dots.filter((d) => d.f.key && !d.f.ack && d.f.n > 0);
    const list = shown.length > 0 && shown.length <= KEY_LABELS_MAX ? shown : [];
    ctx.font = MARKS_FONT;
    ctx.textAlign = 'start';
    ctx.lineWidth = 3;
    ctx.strokeStyle = '#ffffff';
    ctx.fillStyle = '#1d2433';
    for (const d of list) {
      ctx.strokeText(d.f.key ?? '', d.x + 8, d.y - 7);
      ctx.fillText(d.f.key ?? '', d.x + 8, d.y - 7);
    }
    const keys = [...new Set(list.map((d) => d.f.key ?? ''))].sort().join(' ');
    if (this.canvas.dataset['keys'] !== keys) this.canvas.dataset['keys'] = keys;
  }

  /**
   * The moving messages' canvas resolution (device pixels per layout unit over the device pixel
   * ratio): the zoom, or, while a zoomed view is busy, what fits `BUSY_FLIGHT_PIXELS` (never
   * below the lab's one device pixel per unit). The lab view (zoom 1) is never changed.
   */
  private flightsBacking(dots: number, opts: ClusterOptions): number {
    const zoom = opts.zoom ?? 1;
    this.busy = this.busy ? dots > BUSY_DOTS_OFF : dots > BUSY_DOTS_ON;
    if (!this.busy || zoom <= 1) return zoom;
    const dpr = window.devicePixelRatio || 1;
    const fit = Math.sqrt(BUSY_FLIGHT_PIXELS / Math.max(1, opts.width * opts.height)) / dpr;
    return Math.max(1, Math.min(zoom, fit));
  }

  /** Moves messages along links for the continuous time `tUs`. */
  animate(tUs: number, travelUs: number): void {
    const frame = this.frame;
    const opts = this.opts;
    const layout = this.layout;
    if (!frame || !opts || !layout) return;
    this.paintPending(ROWS_PER_FRAME);
    type Dot = { f: WireFlight; x: number; y: number };
    const dots: Dot[] = [];
    // On a busy wire the worker already left out requests that carry no message (BUSY_WIRE).
    for (const f of frame.flights) {
      const dur = Math.max(f.arriveAt - f.sentAt, travelUs);
      const p = (tUs - f.sentAt) / dur;
      if (p < 0 || p > 1) continue;
      const r = this.routeOf(f.from, f.to);
      if (!r) continue;
      dots.push({ f, ...along(r, p) });
    }
    const hl = opts.highlightMsgs;
    const backing = this.flightsBacking(dots.length, opts);
    // Stretched without smoothing: the software compositor's filtered stretch of a full-screen
    // layer cost more (display compositor 9-12 ms a frame) than the smaller canvas saved.
    const stretch = backing < (opts.zoom ?? 1) ? 'pixelated' : '';
    if (this.canvas.style.imageRendering !== stretch) this.canvas.style.imageRendering = stretch;
    const ctx = this.context(opts.width, opts.height, opts.zoom, backing);
    if (!ctx) return;
    for (const d of dots) {
      const s = this.dot(flightLook(d.f, hl.has(d.f.msg)), backing);
      ctx.drawImage(s.img, d.x - s.half, d.y - s.half, s.half * 2, s.half * 2);
    }
    this.keyLabels(ctx, dots);
    let more = 0;
    for (const n of Object.values(frame.aggregated)) more += n;
    const note = more > 0 ? opts.labels.aggregated(more) : '';
    if (note !== this.noteText) {
      this.noteText = note;
      this.gNote.text(note);
    }

    const recent = frame.drops.filter((d) => tUs - d.at >= 0 && tUs - d.at < travelUs * 3);
    const dropPos = (d: DropMark) => {
      if (d.where.includes('->')) {
        const [from = '', to = ''] = d.where.split('->');
        const r = this.routeOf(from, to);
        if (r) return along(r, 0.5);
      }
      const n = layout.nodes.get(d.where);
      return n ? { x: n.x + n.w - 14, y: n.y + 34 } : null;
    };
    const marks = recent.flatMap((d, i) => {
      const p = dropPos(d);
      return p
        ? [
            {
              k: `${d.at}|${d.where}|${i}`,
              ...p,
              hl: d.msgs.some((m) => opts.highlightMsgs.has(m)),
            },
          ]
        : [];
    });
    for (const m of marks.slice(-40)) paintDropMark(ctx, m.x, m.y, m.hl);
  }
}

/** An SVG path for a route. */
function pathOf(r: Route): string {
  return `M${r.p0.x},${r.p0.y}Q${r.c.x},${r.c.y} ${r.p2.x},${r.p2.y}`;
}

/** One cut link as shown: a two-way cut once, numbered in the order the frame lists them. */
export interface CutItem {
  n: number;
  from: string;
  to: string;
  twoWay: boolean;
}

/** The frame's cuts, a two-way cut once (from the smaller id), numbered from 1. */
export function cutList(frame: Pick<Frame, 'cuts'>): CutItem[] {
  const both = new Set(frame.cuts.map((c) => `${c.from}>${c.to}`));
  const out: CutItem[] = [];
  for (const c of frame.cuts) {
    const twoWay = both.has(`${c.to}>${c.from}`);
    if (twoWay && c.from > c.to) continue;
    out.push({ n: out.length + 1, from: c.from, to: c.to, twoWay });
  }
  return out;
}
