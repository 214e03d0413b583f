/**
 * Where a Kafka consumer writes. It lives outside the consumer process (a database, Redis), so it
 * survives consumer crashes:
 * - `insert`: a plain insert, every delivery adds a row (duplicates show);
 * - `unique-key`: a table with a unique key on the message id (the repeat insert is rejected);
 * - `set`: a Redis-style SET (naturally idempotent);
 * - `dedup-table`: a processed-ids table checked before processing.
 * The last three absorb repeats. Only the row count is kept for a plain insert, so an hour-long
 * benchmark run does not hold millions of ids it never reads.
 */
import type { MsgId } from '../../check/history';

export type KafkaSinkKind = 'insert' | 'unique-key' | 'set' | 'dedup-table';

const SINK_RECENT = 8;

export class KafkaSink {
  rows = 0;
  /** The last few records applied, newest last (for the inspector). */
  readonly recent: MsgId[] = [];
  /** Repeats the sink absorbed (not `insert`). */
  absorbed = 0;
  private readonly seen: Set<MsgId> | null;

  constructor(readonly kind: KafkaSinkKind) {
    this.seen = kind === 'insert' ? null : new Set();
  }

  /** Applies one processed record; returns whether it had an effect. */
  apply(id: MsgId): boolean {
    const seen = this.seen;
    if (seen) {
      if (seen.has(id)) {
        this.absorbed++;
        return false;
      }
      seen.add(id);
    }
    this.rows++;
    this.recent.push(id);
    if (this.recent.length > SINK_RECENT) this.recent.shift();
    return true;
  }
}
