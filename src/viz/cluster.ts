/**
 * The cluster view: (svg, frame, options) in, pixels out. It reads no store; interaction goes
 * out through the handlers. Static parts (nodes, stores, links, cuts) are redrawn when the frame
 * changes; moving messages are redrawn every animation frame from the frame's flights and the
 * continuous time, so motion stays smooth between frames.
 */
import { select, type Selection } from 'd3-selection';
import type { NodeView, StoreView } from '../engine/view';
import type { DropMark, Frame, WireFlight } from '../worker/protocol';
import { keyColor } from './colors';
import { anchor, center, computeLayout, type Layout } from './layout';

export interface ClusterLabels {
  status: Record<NodeView['status'], string>;
  roles: Record<NodeView['role'], string>;
  storeRoles: Record<NonNullable<StoreView['role']>, string>;
  outOfSync: string;
  cut: string;
  aggregated: (n: number) => string;
  producers: string;
  consumers: string;
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
}

type G = Selection<SVGGElement, unknown, null, undefined>;

const MAX_CELLS = 40;

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
  /** What each store row was last drawn from: unchanged rows are not touched. */
  private readonly rowSig = new Map<string, string>();
  private hlKey = '';
  private readonly gNote: Selection<SVGTextElement, unknown, null, undefined>;

  constructor(
    svg: SVGSVGElement,
    /** Moving messages and drop marks are painted here, over the SVG: no DOM work per frame. */
    private readonly canvas: HTMLCanvasElement,
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
    this.gLinks = this.root.append('g').attr('class', 'links');
    this.gNodes = this.root.append('g').attr('class', 'nodes');
    // Above the nodes: a binding ends on its queue's row inside the broker box.
    this.gBindings = this.root.append('g').attr('class', 'bindings');
    this.gCuts = this.root.append('g').attr('class', 'cuts');
    this.gNote = this.root.append('text').attr('class', 'agg-note').attr('x', 8).attr('y', 14);
  }

  /** Redraws nodes, stores, links and cuts. */
  update(frame: Frame, opts: ClusterOptions): void {
    this.frame = frame;
    this.opts = opts;
    this.hlKey = [...opts.highlightMsgs].join(',');
    const key = `${opts.width}x${opts.height}|${frame.nodes.map((n) => n.id).join(',')}|${frame.stores.map((s) => s.id).join(',')}`;
    if (key !== this.layoutKey || !this.layout) {
      this.layout = computeLayout(frame.nodes, frame.stores, opts.width, opts.height);
      this.layoutKey = key;
    }
    this.root.attr('viewBox', `0 0 ${opts.width} ${opts.height}`);
    this.drawLinks(frame, opts);
    this.drawBindings(frame);
    this.drawNodes(frame, opts);
    this.drawCuts(frame);
  }

  private pos(id: string) {
    return this.layout?.nodes.get(id);
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
    const pairs = new Map<string, { a: string; b: string }>();
    const add = (from: string, to: string) => {
      const [a, b] = from < to ? [from, to] : [to, from];
      if (this.pos(a) && this.pos(b)) pairs.set(`${a}|${b}`, { a, b });
    };
    for (const l of opts.links) {
      const [from = '', to = ''] = l.split('->');
      add(from, to);
    }
    for (const f of frame.flights) add(f.from, f.to);
    const data = [...pairs.values()];
    const sel = this.gLinks
      .selectAll<SVGGElement, { a: string; b: string }>('g.link')
      .data(data, (d) => `${d.a}|${d.b}`)
      .join((enter) => {
        const g = enter
          .append('g')
          .attr('class', 'link')
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
        g.append('line').attr('class', 'hit');
        g.append('line').attr('class', 'wire');
        return g;
      });
    // Messages beyond what is drawn one by one thicken their link instead (readable at any load).
    const load = new Map<string, number>();
    for (const [l, n] of Object.entries(frame.aggregated)) {
      const [from = '', to = ''] = l.split('->');
      const k = from < to ? `${from}|${to}` : `${to}|${from}`;
      load.set(k, (load.get(k) ?? 0) + n);
    }
    sel.attr('aria-label', (d) => `link ${d.a} – ${d.b}`);
    sel
      .select('line.wire')
      .attr('stroke-width', (d) => {
        const n = load.get(`${d.a}|${d.b}`) ?? 0;
        return n > 0 ? Math.min(9, 1.5 + Math.log2(1 + n)) : null;
      })
      .attr('class', (d) => ((load.get(`${d.a}|${d.b}`) ?? 0) > 0 ? 'wire busy' : 'wire'));
    sel.each((d, i, nodes) => {
      const el = nodes[i] as SVGGElement;
      // Geometry changes only with the layout.
      if (el.getAttribute('data-layout') === this.layoutKey) return;
      el.setAttribute('data-layout', this.layoutKey);
      const a = this.pos(d.a);
      const b = this.pos(d.b);
      if (!a || !b) return;
      const pa = anchor(a, center(b));
      const pb = anchor(b, center(a));
      select(el)
        .selectAll('line')
        .attr('x1', pa.x)
        .attr('y1', pa.y)
        .attr('x2', pb.x)
        .attr('y2', pb.y);
    });
  }

  private drawCuts(frame: Frame): void {
    const data = frame.cuts.filter((c) => this.pos(c.from) && this.pos(c.to));
    const both = new Set(data.map((c) => `${c.from}>${c.to}`));
    const sel = this.gCuts
      .selectAll<SVGGElement, { from: string; to: string }>('g.cut')
      .data(data, (d) => `${d.from}>${d.to}`)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'cut');
        g.append('line');
        g.append('text').attr('class', 'scissors').text('✂');
        g.append('text').attr('class', 'side side-a');
        g.append('text').attr('class', 'side side-b');
        return g;
      });
    const labels = this.opts?.labels;
    sel.each((d, i, nodes) => {
      const a = this.pos(d.from);
      const b = this.pos(d.to);
      if (!a || !b) return;
      const pa = anchor(a, center(b));
      const pb = anchor(b, center(a));
      const twoWay = both.has(`${d.to}>${d.from}`);
      // A two-way cut is drawn once (from the smaller id); a one-way cut shows its direction.
      const g = select(nodes[i] as SVGGElement).attr(
        'display',
        twoWay && d.from > d.to ? 'none' : null,
      );
      g.select('line')
        .attr('x1', pa.x)
        .attr('y1', pa.y)
        .attr('x2', pb.x)
        .attr('y2', pb.y)
        .attr('marker-end', twoWay ? null : 'url(#arrow-cut)');
      const mx = (pa.x + pb.x) / 2;
      const my = (pa.y + pb.y) / 2;
      g.select('text.scissors')
        .attr('x', mx)
        .attr('y', my + 6);
      g.select('text.side-a')
        .attr('x', pa.x + (pb.x - pa.x) * 0.2)
        .attr('y', pa.y + (pb.y - pa.y) * 0.2 - 6)
        .text(`${d.from} ${twoWay ? '⇹' : '↛'}`);
      g.select('text.side-b')
        .attr('x', pa.x + (pb.x - pa.x) * 0.8)
        .attr('y', pa.y + (pb.y - pa.y) * 0.8 - 6)
        .text(`${labels?.cut ?? 'cut'} · ${d.to}`);
    });
  }

  private drawNodes(frame: Frame, opts: ClusterOptions): void {
    const layout = this.layout;
    if (!layout) return;
    const L = opts.labels;
    const nodes = frame.nodes.filter((n) => layout.nodes.has(n.id));
    const storesByNode = new Map<string, StoreView[]>();
    for (const s of frame.stores)
      storesByNode.set(s.node, [...(storesByNode.get(s.node) ?? []), s]);

    // Consumer-group frames behind the consumers.
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
        g.select('rect')
          .attr('x', d.box.x)
          .attr('y', d.box.y)
          .attr('width', d.box.w)
          .attr('height', d.box.h)
          .attr('rx', 8);
        g.select('text')
          .attr('x', d.box.x + 6)
          .attr('y', d.box.y + 13)
          .text(d.group);
      })
      .lower();

    const sel = this.gNodes
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
      });

    sel
      .attr(
        'class',
        (d) =>
          `node role-${d.role} status-${d.status}${opts.selected === d.id ? ' selected' : ''}${opts.highlightNodes.has(d.id) ? ' on-chain' : ''}${opts.picking !== null ? ' picking' : ''}`,
      )
      .attr('data-node', (d) => d.id)
      .attr('data-role', (d) => d.role)
      .attr('data-status', (d) => d.status)
      .attr('data-leader', (d) =>
        (storesByNode.get(d.id) ?? []).some((s) => s.role === 'leader') ? 'true' : null,
      )
      .attr('aria-label', (d) => `${d.id}, ${L.roles[d.role]}, ${L.status[d.status]}`)
      .each((d, i, els) => {
        const box = layout.nodes.get(d.id);
        if (!box) return;
        const g = select(els[i] as SVGGElement);
        g.select('rect.box')
          .attr('x', box.x)
          .attr('y', box.y)
          .attr('width', box.w)
          .attr('height', box.h)
          .attr('rx', d.role === 'broker' ? 10 : 18);
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
          .text(
            d.status === 'crashed'
              ? `✕ ${L.status.crashed}`
              : d.status === 'paused'
                ? `❚❚ ${L.status.paused}`
                : isServer
                  ? `● ${L.status.up}`
                  : '',
          );
        this.drawStores(g.select<SVGGElement>('g.stores'), storesByNode.get(d.id) ?? [], opts);
      });
  }

  private drawStores(g: G, stores: StoreView[], opts: ClusterOptions): void {
    const layout = this.layout;
    if (!layout) return;
    const L = opts.labels;
    const rows = g
      .selectAll<SVGGElement, StoreView>('g.store')
      .data(stores, (d) => d.id)
      .join((enter) => {
        const r = enter.append('g').attr('class', 'store');
        r.append('rect').attr('class', 'row');
        r.append('text').attr('class', 'label');
        r.append('g').attr('class', 'cells');
        r.append('text').attr('class', 'marks');
        return r;
      });
    rows.each((s, i, els) => {
      const row = layout.rows.get(s.id);
      if (!row) return;
      const last = s.entries[s.entries.length - 1];
      const sig = `${row.x},${row.y},${row.w},${row.h}|${s.role ?? ''}|${String(s.inSync)}|${s.entries.length}|${last?.msg ?? ''}|${String(last?.committed)}|${String(last?.flushed)}|${s.entries[0]?.msg ?? ''}|${JSON.stringify(s.marks)}|${opts.selected === s.id ? 1 : 0}|${this.hlKey}|${L.outOfSync}`;
      if (this.rowSig.get(s.id) === sig) return;
      this.rowSig.set(s.id, sig);
      const r = select(els[i] as SVGGElement)
        .attr('data-store', s.id)
        .attr('data-store-role', s.role ?? null)
        .attr(
          'class',
          `store kind-${s.kind} role-${s.role ?? 'none'}${s.inSync === false ? ' out-of-sync' : ''}${opts.selected === s.id ? ' selected' : ''}`,
        );
      r.select('rect.row')
        .attr('x', row.x)
        .attr('y', row.y)
        .attr('width', row.w)
        .attr('height', row.h)
        .attr('rx', 3);
      const small = row.h < 12;
      const icon =
        s.role === 'leader'
          ? '★ '
          : s.role === 'follower'
            ? s.inSync === false
              ? '⚠ '
              : '○ '
            : '';
      // Narrow rows keep the cells readable: the role in words and the marks move to the inspector.
      const narrow = small || row.w < 320;
      const labelText = `${icon}${s.label}${s.role && s.role !== 'owner' && !narrow ? ` ${L.storeRoles[s.role]}` : ''}${s.inSync === false && !narrow ? ` (${L.outOfSync})` : ''}`;
      const labelW = Math.min(row.w * 0.5, labelText.length * (small ? 4.6 : 6.2) + 8);
      r.select('text.label')
        .attr('x', row.x + 4)
        .attr('y', row.y + row.h / 2 + 4)
        .attr('font-size', small ? 8 : 11)
        .text(labelText);
      const marksText = Object.entries(s.marks)
        .slice(0, 3)
        .map(([k, v]) => `${k} ${v}`)
        .join(' · ');
      const marksW = narrow ? 0 : Math.min(170, marksText.length * 5.6 + 6);
      r.select('text.marks')
        .attr('x', row.x + row.w - 4)
        .attr('y', row.y + row.h / 2 + 4)
        .attr('text-anchor', 'end')
        .text(narrow ? '' : marksText);
      const cellsX = row.x + labelW + 4;
      const cellsW = Math.max(10, row.w - labelW - marksW - 10);
      const shown = s.entries.slice(-MAX_CELLS);
      const cw = Math.max(3, Math.min(14, cellsW / Math.max(1, shown.length)));
      const ch = Math.max(3, row.h - 6);
      r.select<SVGGElement>('g.cells')
        .selectAll<SVGRectElement, (typeof shown)[number]>('rect.cell')
        .data(shown, (e) => `${e.msg}|${e.offset ?? ''}`)
        .join('rect')
        .attr(
          'class',
          (e) =>
            `cell${e.committed === false ? ' uncommitted' : ''}${e.state === 'unacked' ? ' unacked' : ''}${e.flushed === false ? ' unflushed' : ''}${opts.highlightMsgs.has(e.msg) ? ' hl' : ''}`,
        )
        .attr('x', (_e, j) => cellsX + j * cw)
        .attr('y', row.y + 3)
        .attr('width', Math.max(2, cw - 1))
        .attr('height', ch)
        .attr('fill', (e) => (e.state === 'unacked' ? 'url(#hatch)' : keyColor(e.key)))
        .attr('stroke', (e) => keyColor(e.key));
    });
  }

  private context(width: number, height: number): CanvasRenderingContext2D | null {
    const c = this.canvas;
    const dpr = window.devicePixelRatio || 1;
    if (c.width !== Math.round(width * dpr) || c.height !== Math.round(height * dpr)) {
      c.width = Math.round(width * dpr);
      c.height = Math.round(height * dpr);
      c.style.width = `${width}px`;
      c.style.height = `${height}px`;
    }
    const ctx = c.getContext('2d');
    if (!ctx) return null;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    return ctx;
  }

  /** Moves messages along links for the continuous time `tUs`. */
  animate(tUs: number, travelUs: number): void {
    const frame = this.frame;
    const opts = this.opts;
    const layout = this.layout;
    if (!frame || !opts || !layout) return;
    type Dot = { f: WireFlight; x: number; y: number };
    const dots: Dot[] = [];
    // When the wire is busy, requests that carry no message (fetches, heartbeats) are left out.
    const busy = frame.flights.length > 200;
    for (const f of frame.flights) {
      if (busy && f.n === 0) continue;
      const a = layout.nodes.get(f.from);
      const b = layout.nodes.get(f.to);
      if (!a || !b) continue;
      const dur = Math.max(f.arriveAt - f.sentAt, travelUs);
      const p = (tUs - f.sentAt) / dur;
      if (p < 0 || p > 1) continue;
      const pa = anchor(a, center(b));
      const pb = anchor(b, center(a));
      dots.push({ f, x: pa.x + (pb.x - pa.x) * p, y: pa.y + (pb.y - pa.y) * p });
    }
    const hl = opts.highlightMsgs;
    const ctx = this.context(opts.width, opts.height);
    if (!ctx) return;
    for (const d of dots) {
      const f = d.f;
      const r = f.n === 0 ? 2 : f.ack ? 3 : Math.min(8, 4 + Math.log2(f.n + 1));
      ctx.beginPath();
      ctx.arc(d.x, d.y, hl.has(f.msg) ? r + 3 : r, 0, Math.PI * 2);
      ctx.fillStyle = f.ack || f.n === 0 ? '#ffffff' : keyColor(f.key);
      ctx.fill();
      ctx.lineWidth = hl.has(f.msg) ? 3 : 1.2;
      ctx.strokeStyle = hl.has(f.msg) ? '#000000' : keyColor(f.key);
      ctx.stroke();
    }
    let more = 0;
    for (const n of Object.values(frame.aggregated)) more += n;
    this.gNote.text(more > 0 ? opts.labels.aggregated(more) : '');

    const recent = frame.drops.filter((d) => tUs - d.at >= 0 && tUs - d.at < travelUs * 3);
    const dropPos = (d: DropMark) => {
      if (d.where.includes('->')) {
        const [from = '', to = ''] = d.where.split('->');
        const a = layout.nodes.get(from);
        const b = layout.nodes.get(to);
        if (a && b) {
          const ca = center(a);
          const cb = center(b);
          return { x: (ca.x + cb.x) / 2, y: (ca.y + cb.y) / 2 };
        }
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
    ctx.textAlign = 'center';
    ctx.lineWidth = 3;
    ctx.strokeStyle = '#ffffff';
    ctx.fillStyle = '#b3261e';
    for (const m of marks.slice(-40)) {
      ctx.font = `900 ${m.hl ? 30 : 20}px sans-serif`;
      ctx.strokeText('✕', m.x, m.y + 6);
      ctx.fillText('✕', m.x, m.y + 6);
    }
  }
}
