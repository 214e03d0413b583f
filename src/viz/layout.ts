/**
 * Where everything goes on the cluster view, from the nodes and stores alone (no system
 * knowledge): producers on the left, exchanges next, brokers (and controllers, nameservers) in a
 * grid in the centre, consumers grouped on the right.
 */
import type { NodeView, StoreView } from '../engine/view';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface StoreRow extends Box {
  store: StoreView;
}

export interface Layout {
  width: number;
  height: number;
  nodes: Map<string, Box & { node: NodeView }>;
  rows: Map<string, StoreRow>;
  groups: { group: string; box: Box }[];
}

const PAD = 12;

/**
 * A client or exchange box wide enough for its name in 13 px bold ("star-star-eu-reader",
 * "events (topic)" overflowed the fixed 96 px pills), between `min` and `max`.
 */
function nameWidth(nodes: readonly NodeView[], min: number, max: number): number {
  let units = 0;
  for (const n of nodes) {
    let u = 0;
    for (const ch of n.id) u += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 1.9 : 1;
    units = Math.max(units, u);
  }
  return Math.round(Math.max(min, Math.min(max, units * 8 + 20)));
}

function column(ids: NodeView[], x: number, w: number, top: number, bottom: number, h: number) {
  const out: (Box & { node: NodeView })[] = [];
  const gap = (bottom - top) / Math.max(1, ids.length);
  ids.forEach((node, i) => {
    const cy = top + gap * (i + 0.5);
    const hh = Math.min(h, gap - 6);
    out.push({ node, x, y: cy - hh / 2, w, h: hh });
  });
  return out;
}

/** Below this width the view flows top to bottom (phones, a narrow panel). */
export const NARROW_PX = 640;

export function computeLayout(
  nodes: readonly NodeView[],
  stores: readonly StoreView[],
  width: number,
  height: number,
): Layout {
  if (width < NARROW_PX) return verticalLayout(nodes, stores, width, height);
  const producers = nodes.filter((n) => n.role === 'producer');
  const consumers = nodes.filter((n) => n.role === 'consumer');
  const exchanges = nodes.filter((n) => n.role === 'exchange');
  const servers = nodes.filter(
    (n) =>
      n.role === 'broker' ||
      n.role === 'controller' ||
      n.role === 'nameserver' ||
      n.role === 'service',
  );
  const map = new Map<string, Box & { node: NodeView }>();
  const top = PAD + 18;
  const bottom = height - PAD;
  const prodW = nameWidth(producers, 96, 170);
  const clientW = nameWidth(consumers, 96, 170);
  const exW = nameWidth(exchanges, 90, 150);
  const clientH = 40;
  for (const b of column(producers, PAD, prodW, top, bottom, clientH)) map.set(b.node.id, b);

  // Consumers, grouped: a group label above its members.
  const groups: { group: string; box: Box }[] = [];
  const byGroup = new Map<string, NodeView[]>();
  for (const c of consumers) {
    const g = c.group ?? '';
    byGroup.set(g, [...(byGroup.get(g) ?? []), c]);
  }
  const cx = width - PAD - clientW;
  const slots = consumers.length + byGroup.size * 0.6;
  const slotH = (bottom - top) / Math.max(1, slots);
  let y = top;
  for (const [g, members] of byGroup) {
    const gy = y;
    y += slotH * 0.6;
    for (const node of members) {
      const hh = Math.min(clientH, slotH - 6);
      map.set(node.id, { node, x: cx, y: y + (slotH - hh) / 2, w: clientW, h: hh });
      y += slotH;
    }
    groups.push({ group: g, box: { x: cx - 6, y: gy, w: clientW + 12, h: y - gy } });
  }

  let left = PAD + (producers.length > 0 ? prodW + 44 : 0);
  if (exchanges.length > 0) {
    for (const b of column(exchanges, left, exW, top, bottom, 34)) map.set(b.node.id, b);
    // Room on the right of the exchanges for the binding keys written where a binding arrives.
    left += exW + 60;
  }
  const right = width - PAD - (consumers.length > 0 ? clientW + 44 : 0);
  const n = Math.max(1, servers.length);
  const cols = n <= 3 ? n : Math.ceil(Math.sqrt(n * ((right - left) / (bottom - top)) * 0.9));
  const rowsN = Math.ceil(n / cols);
  // Room between neighbours for a link, its cut mark and a message to be seen between them.
  const gapX = 44;
  const gapY = 36;
  // Boxes no larger than their content needs, so links stay long enough to watch messages move.
  let maxStores = 1;
  const counts = new Map<string, number>();
  for (const s of stores) counts.set(s.node, (counts.get(s.node) ?? 0) + 1);
  for (const c of counts.values()) maxStores = Math.max(maxStores, c);
  const bw = Math.min(440, (right - left - gapX * (cols - 1)) / cols);
  const bh = Math.min(
    Math.max(90, 26 + maxStores * 30 + 14),
    (bottom - top - gapY * (rowsN - 1)) / rowsN,
  );
  const x0 = left + (right - left - (bw * cols + gapX * (cols - 1))) / 2;
  const y0 = top + (bottom - top - (bh * rowsN + gapY * (rowsN - 1))) / 2;
  servers.forEach((node, i) => {
    const c = i % cols;
    const r = Math.floor(i / cols);
    map.set(node.id, { node, x: x0 + c * (bw + gapX), y: y0 + r * (bh + gapY), w: bw, h: bh });
  });

  return { width, height, nodes: map, rows: storeRows(map, stores), groups };
}

/** Each node's stores as rows under its title. */
function storeRows(map: Map<string, Box & { node: NodeView }>, stores: readonly StoreView[]) {
  const rows = new Map<string, StoreRow>();
  const byNode = new Map<string, StoreView[]>();
  for (const s of stores) byNode.set(s.node, [...(byNode.get(s.node) ?? []), s]);
  for (const [id, list] of byNode) {
    const box = map.get(id);
    if (!box) continue;
    const head = 26;
    const rh = Math.min(30, (box.h - head - 6) / list.length);
    list.forEach((store, i) => {
      rows.set(store.id, {
        store,
        x: box.x + 6,
        y: box.y + head + i * rh,
        w: box.w - 12,
        h: rh - 2,
      });
    });
  }
  return rows;
}

/** Lays `items` out in lines of boxes at most `w` wide, centred; returns the y below them. */
function band<T>(
  items: readonly T[],
  width: number,
  y: number,
  w: number,
  h: number,
  place: (item: T, box: Box) => void,
): number {
  if (items.length === 0) return y;
  const gap = 10;
  const perLine = Math.max(1, Math.floor((width - 2 * PAD + gap) / (w + gap)));
  for (let i = 0; i < items.length; i += perLine) {
    const line = items.slice(i, i + perLine);
    const x0 = (width - (line.length * w + (line.length - 1) * gap)) / 2;
    line.forEach((item, j) => place(item, { x: x0 + j * (w + gap), y, w, h }));
    y += h + gap;
  }
  return y;
}

/**
 * A phone's view: producers on top, then exchanges, the brokers in as many columns as fit (a
 * broker box stays wide enough to read its rows), consumers at the bottom. The layout may be taller
 * than the view: the view pans and zooms.
 */
function verticalLayout(
  nodes: readonly NodeView[],
  stores: readonly StoreView[],
  width: number,
  height: number,
): Layout {
  const map = new Map<string, Box & { node: NodeView }>();
  const put = (node: NodeView, b: Box) => map.set(node.id, { ...b, node });
  const producers = nodes.filter((n) => n.role === 'producer');
  const consumers = nodes.filter((n) => n.role === 'consumer');
  const exchanges = nodes.filter((n) => n.role === 'exchange');
  const servers = nodes.filter(
    (n) =>
      n.role === 'broker' ||
      n.role === 'controller' ||
      n.role === 'nameserver' ||
      n.role === 'service',
  );
  let y = PAD + 18;
  y = band(producers, width, y, nameWidth(producers, 104, 170), 36, put) + 28;
  y = band(exchanges, width, y, nameWidth(exchanges, 110, 170), 32, put);
  y += exchanges.length > 0 ? 28 : 0;
  const counts = new Map<string, number>();
  for (const st of stores) counts.set(st.node, (counts.get(st.node) ?? 0) + 1);
  const maxStores = Math.max(1, ...counts.values());
  const bw = Math.min(440, Math.max(170, width - 2 * PAD));
  const cols = Math.max(1, Math.floor((width - 2 * PAD + 24) / (bw + 24)));
  const bh = Math.max(70, 26 + maxStores * 26 + 10);
  const w = cols === 1 ? bw : (width - 2 * PAD - 24 * (cols - 1)) / cols;
  servers.forEach((node, i) => {
    const c = i % cols;
    const r = Math.floor(i / cols);
    const x0 = (width - (cols * w + 24 * (cols - 1))) / 2;
    put(node, { x: x0 + c * (w + 24), y: y + r * (bh + 30), w, h: bh });
  });
  if (servers.length > 0) y += Math.ceil(servers.length / cols) * (bh + 30) + 10;
  // Consumers by group, each group a framed band.
  const groups: { group: string; box: Box }[] = [];
  const byGroup = new Map<string, NodeView[]>();
  for (const c of consumers) byGroup.set(c.group ?? '', [...(byGroup.get(c.group ?? '') ?? []), c]);
  for (const [g, members] of byGroup) {
    const gy = y;
    const end = band(members, width, y + 18, nameWidth(consumers, 104, 170), 36, put);
    groups.push({ group: g, box: { x: PAD / 2, y: gy, w: width - PAD, h: end - gy } });
    y = end + 8;
  }
  return {
    width,
    height: Math.max(height, y + PAD),
    nodes: map,
    rows: storeRows(map, stores),
    groups,
  };
}

/** A link drawn as a quadratic curve from `p0` to `p2` bent through `c` (straight: c is the middle). */
export interface Route {
  p0: { x: number; y: number };
  c: { x: number; y: number };
  p2: { x: number; y: number };
}

/** The point at `t` (0..1) along a route. */
export function along(r: Route, t: number): { x: number; y: number } {
  const u = 1 - t;
  return {
    x: u * u * r.p0.x + 2 * u * t * r.c.x + t * t * r.p2.x,
    y: u * u * r.p0.y + 2 * u * t * r.c.y + t * t * r.p2.y,
  };
}

function inside(p: { x: number; y: number }, b: Box, pad: number): boolean {
  return p.x > b.x - pad && p.x < b.x + b.w + pad && p.y > b.y - pad && p.y < b.y + b.h + pad;
}

/**
 * The path of the link between boxes `a` and `b`: straight when no other box is in the way,
 * otherwise bent just enough to pass around them, so a message to rabbit-2 is never drawn through
 * a crashed rabbit-1 between them.
 */
export function route(
  a: Box,
  b: Box,
  others: readonly Box[],
  bounds?: { width: number; height: number },
): Route {
  const ca = center(a);
  const cb = center(b);
  const dx = cb.x - ca.x;
  const dy = cb.y - ca.y;
  const len = Math.hypot(dx, dy) || 1;
  // Unit normal of the straight line: the curve bends along it.
  const nx = -dy / len;
  const ny = dx / len;
  const make = (off: number): Route => {
    const c = { x: (ca.x + cb.x) / 2 + nx * off * 2, y: (ca.y + cb.y) / 2 + ny * off * 2 };
    return { p0: anchor(a, c), c, p2: anchor(b, c) };
  };
  const clear = (r: Route) => {
    for (let i = 1; i < 24; i++) {
      const p = along(r, i / 24);
      if (others.some((o) => inside(p, o, 3))) return false;
      if (bounds && (p.x < 4 || p.y < 4 || p.x > bounds.width - 4 || p.y > bounds.height - 4))
        return false;
    }
    return true;
  };
  const straight = make(0);
  if (clear(straight)) return straight;
  // Bend round the boxes in the way; the flattest bend that clears them and stays on the view.
  for (let off = 24; off <= 24 * 10; off += 24) {
    for (const sign of [-1, 1]) {
      const r = make(sign * off);
      if (clear(r)) return r;
    }
  }
  return make(-24 * 4);
}

/** The point where a link meets a node's box, towards `toward`. */
export function anchor(b: Box, toward: { x: number; y: number }): { x: number; y: number } {
  const cx = b.x + b.w / 2;
  const cy = b.y + b.h / 2;
  const dx = toward.x - cx;
  const dy = toward.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const sx = Math.abs(dx) > 0 ? b.w / 2 / Math.abs(dx) : Infinity;
  const sy = Math.abs(dy) > 0 ? b.h / 2 / Math.abs(dy) : Infinity;
  const s = Math.min(sx, sy);
  return { x: cx + dx * s, y: cy + dy * s };
}

export function center(b: Box): { x: number; y: number } {
  return { x: b.x + b.w / 2, y: b.y + b.h / 2 };
}
