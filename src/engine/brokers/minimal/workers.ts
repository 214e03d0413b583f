/**
 * An in-consumer worker pool (curriculum D2): one consumer process hands each delivery to one of N
 * worker threads, each with its own in-memory queue, so N messages are processed at once. With
 * `round-robin` dispatch two messages of one key can sit in two workers and the faster worker
 * finishes the later one first; `by-key` sends every message of a key to the worker
 * `hash(key) % N` (the notes' "in-memory queue per key"), so a key is handled by one thread, in
 * order. This is what a Java consumer does with an `ExecutorService` of N threads versus N
 * single-thread executors picked by `Math.abs(key.hashCode()) % N`.
 */

/** How the consumer picks a worker for a delivery. */
export type WorkerDispatch = 'round-robin' | 'by-key';

/** Java's `String.hashCode` (what a Java consumer would use to pick a worker by key). */
export function javaHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** `Math.abs(key.hashCode()) % n`, kept non-negative for `Integer.MIN_VALUE` too. */
export function laneOfKey(key: string, n: number): number {
  return Math.abs(javaHash(key) % n);
}

/** One worker thread: the deliveries waiting for it (the first is being processed when `busy`). */
export interface Lane<D> {
  queue: D[];
  busy: boolean;
}

/** The pool's lanes and its dispatch rule. Pure bookkeeping: the consumer runs the timers. */
export class WorkerPool<D extends { m: { key: string; seq: number } }> {
  readonly lanes: Lane<D>[];
  private rr = 0;
  /** Per key: the highest sequence number processed, and the worker that processed it. */
  private readonly done = new Map<string, { seq: number; lane: number }>();

  constructor(
    readonly threads: number,
    readonly dispatch: WorkerDispatch,
  ) {
    this.lanes = Array.from({ length: threads }, () => ({ queue: [], busy: false }));
  }

  /** Picks the worker for a delivery and queues it there; returns the worker's index. */
  add(d: D): number {
    let i: number;
    switch (this.dispatch) {
      case 'round-robin':
        i = this.rr;
        this.rr = (this.rr + 1) % this.threads;
        break;
      case 'by-key':
        i = laneOfKey(d.m.key, this.threads);
        break;
      default: {
        const never: never = this.dispatch;
        throw new Error(`unknown dispatch ${String(never)}`);
      }
    }
    (this.lanes[i] as Lane<D>).queue.push(d);
    return i;
  }

  /**
   * Worker `lane` finished `d`. Returns the worker that had already finished a later message of
   * the same key (the act that reordered it), or -1 when the key is still in order.
   */
  finished(lane: number, d: D): number {
    const prev = this.done.get(d.m.key);
    if (prev && prev.seq > d.m.seq) return prev.lane;
    this.done.set(d.m.key, { seq: d.m.seq, lane });
    return -1;
  }

  /** Every delivery the pool holds, worker by worker. */
  all(): D[] {
    return this.lanes.flatMap((l) => l.queue);
  }

  /** Drops the deliveries no worker has started; returns them. */
  dropWaiting(): D[] {
    const out: D[] = [];
    for (const l of this.lanes) {
      out.push(...(l.busy ? l.queue.slice(1) : l.queue));
      l.queue = l.busy ? l.queue.slice(0, 1) : [];
    }
    return out;
  }

  /** The process died: every worker's queue is gone. */
  clear(): void {
    for (const l of this.lanes) {
      l.queue = [];
      l.busy = false;
    }
  }
}
