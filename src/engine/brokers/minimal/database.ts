/**
 * A capacity-limited database behind the consumers (curriculum A3, peak shaving): it serves one
 * write every `serviceUs` (1 / maxQps), in arrival order, and keeps at most `maxWaiting` writes
 * waiting. It is a passive resource, not a node: a write's completion is a timer of the consumer
 * that issued it, so a consumer crash cancels what it was waiting for.
 */
import type { Micros } from '../../kernel/time';

export interface DatabaseConfig {
  /** Time to serve one write: 1 s / maxQps. */
  serviceUs: Micros;
  /** Writes that may wait (not yet being served); one more fails at once. */
  maxWaiting: number;
  /** A manual-ack consumer retries a failed write after this long. */
  retryAfterUs: Micros;
}

export class Database {
  /** When the write being served (or the last one admitted) completes. */
  private busyUntil = 0;
  /** Start times of admitted writes, increasing; those after `now` are waiting. */
  private starts: Micros[] = [];
  private head = 0;
  /** Writes admitted and writes refused, for the inspector and tests. */
  served = 0;
  refused = 0;

  constructor(readonly cfg: DatabaseConfig) {}

  /** Writes waiting at `now` (admitted, not yet being served). */
  waiting(now: Micros): number {
    while (this.head < this.starts.length && (this.starts[this.head] as number) <= now) this.head++;
    if (this.head > 1024) {
      this.starts = this.starts.slice(this.head);
      this.head = 0;
    }
    return this.starts.length - this.head;
  }

  /** Admits a write at `now`: the time it completes, or null when the wait queue is full. */
  admit(now: Micros): Micros | null {
    const start = Math.max(now, this.busyUntil);
    if (start > now && this.waiting(now) >= this.cfg.maxWaiting) {
      this.refused++;
      return null;
    }
    if (start > now) this.starts.push(start);
    this.busyUntil = start + this.cfg.serviceUs;
    this.served++;
    return this.busyUntil;
  }
}
