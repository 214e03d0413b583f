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

/** A queued event that knows where it sits in an `EventQueue` (-1 when not queued). */
export interface IndexedEvent extends QueuedEvent {
  hi: number;
}

/**
 * Every event keeps its own slot index, so `remove` takes a cancelled event out in O(log n)
 * instead of leaving it queued until its time comes. Live events pop in the same order as
 * without removal, since (time, seq) is a total order: removing one element cannot change which
 * of the others is least. A model with many long timeouts that are almost always cancelled
 * (RocketMQ's per-request timers) would otherwise keep a heap hundreds of thousands deep and pay
 * for it on every push and pop.
 */
export class EventQueue<E extends IndexedEvent> {
  private heap: E[] = [];

  get size(): number {
    return this.heap.length;
  }

  peek(): E | undefined {
    return this.heap[0];
  }

  push(e: E): void {
    this.heap.push(e);
    this.up(e, this.heap.length - 1);
  }

  pop(): E | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined) return undefined;
    top.hi = -1;
    if (h.length > 0) this.down(last, 0);
    return top;
  }

  /** Takes `e` out if it is queued; returns whether it was. */
  remove(e: E): boolean {
    const i = e.hi;
    const h = this.heap;
    if (i < 0 || h[i] !== e) return false;
    e.hi = -1;
    const last = h.pop() as E;
    if (i === h.length) return true;
    const p = (i - 1) >> 1;
    const pe = h[p];
    if (i > 0 && pe !== undefined && (last.at < pe.at || (last.at === pe.at && last.seq < pe.seq)))
      this.up(last, i);
    else this.down(last, i);
    return true;
  }

  clear(): void {
    for (const e of this.heap) e.hi = -1;
    this.heap = [];
  }

  /** Moves `e` from slot `i` towards the root to its place, and stores it there. */
  private up(e: E, i: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pe = h[p] as E;
      if (pe.at < e.at || (pe.at === e.at && pe.seq < e.seq)) break;
      h[i] = pe;
      pe.hi = i;
      i = p;
    }
    h[i] = e;
    e.hi = i;
  }

  /** Moves `e` from slot `i` towards the leaves to its place, and stores it there. */
  private down(e: E, i: number): void {
    const h = this.heap;
    const n = h.length;
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
      if (e.at < ce.at || (e.at === ce.at && e.seq < ce.seq)) break;
      h[i] = ce;
      ce.hi = i;
      i = c;
    }
    h[i] = e;
    e.hi = i;
  }
}
