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

export function computeLayout(
  nodes: readonly NodeView[],
  stores: readonly StoreView[],
  width: number,
  height: number,
): Layout {
  const producers = nodes.filter((n) => n.role === 'producer');
  const consumers = nodes.filter((n) => n.role === 'consumer');
  const exchanges = nodes.filter((n) => n.role === 'exchange');
  const servers = nodes.filter(
    (n) => n.role === 'broker' || n.role === 'controller' || n.role === 'nameserver',
  );
  const map = new Map<string, Box & { node: NodeView }>();
  const top = PAD + 18;
  const bottom = height - PAD;
  const clientW = 96;
  const clientH = 40;
  for (const b of column(producers, PAD, clientW, top, bottom, clientH)) map.set(b.node.id, b);

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

  let left = PAD + (producers.length > 0 ? clientW + 44 : 0);
  if (exchanges.length > 0) {
    for (const b of column(exchanges, left, 90, top, bottom, 34)) map.set(b.node.id, b);
    left += 90 + 36;
  }
  const right = width - PAD - (consumers.length > 0 ? clientW + 44 : 0);
  const n = Math.max(1, servers.length);
  const cols = n <= 3 ? n : Math.ceil(Math.sqrt(n * ((right - left) / (bottom - top)) * 0.9));
  const rowsN = Math.ceil(n / cols);
  const gapX = 18;
  const gapY = 16;
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
  return { width, height, nodes: map, rows, groups };
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
