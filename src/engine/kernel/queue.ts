/**
 * The event queue: a binary min-heap ordered by (time, sequence number). The sequence number is
 * the order in which events were scheduled, so two events at the same microsecond always fire in
 * the order they were created: the tie-break is deterministic and needs no randomness.
 */
import type { Micros } from './time';

export interface QueuedEvent {
  at: Micros;
  seq: number;
}

export class EventQueue<E extends QueuedEvent> {
  private heap: E[] = [];

  get size(): number {
    return this.heap.length;
  }

  peek(): E | undefined {
    return this.heap[0];
  }

  push(e: E): void {
    const h = this.heap;
    let i = h.length;
    h.push(e);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pe = h[p] as E;
      if (pe.at < e.at || (pe.at === e.at && pe.seq < e.seq)) break;
      h[i] = pe;
      i = p;
    }
    h[i] = e;
  }

  pop(): E | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    const n = h.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      let ce = h[l] as E;
      if (r < n) {
        const re = h[r] as E;
        if (re.at < ce.at || (re.at === ce.at && re.seq < ce.seq)) {
          c = r;
          ce = re;
        }
      }
      if (last.at < ce.at || (last.at === ce.at && last.seq < ce.seq)) break;
      h[i] = ce;
      i = c;
    }
    h[i] = last;
    return top;
  }

  clear(): void {
    this.heap = [];
  }
}
