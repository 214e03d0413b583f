/**
 * One replica's log of one partition: record batches in the page cache (a kernel `LogFile`, so a
 * process crash keeps them and a power loss takes what was not fsynced), the leader-epoch cache
 * (`leader-epoch-checkpoint`, start offset of each epoch) and the idempotent-producer state (the
 * last 5 batches per producer id), both rebuilt from the batches after truncation or power loss,
 * as Kafka rebuilds them from the log. For transactions it also keeps the producer epoch per
 * producer id (older epochs are fenced), the open transactions (first offset per producer id, for
 * the last stable offset) and the aborted-transaction index, rebuilt the same way.
 */
import type { LogFile } from '../../kernel/storage';
import type { Batch } from './protocol';

/** How many batches per producer id the broker remembers for deduplication (Kafka: 5). */
export const PRODUCER_BATCHES_KEPT = 5;

interface ProducerEntry {
  /** The newest producer epoch seen for this id (a marker or a batch); older epochs are fenced. */
  epoch: number;
  /** Recent batches of that epoch: first and last sequence and base offset, oldest first. */
  batches: { firstSeq: number; lastSeq: number; base: number }[];
}

/** An aborted transaction (Kafka's aborted-transaction index): its records lie in [first, marker). */
export interface AbortedTxn {
  pid: number;
  first: number;
  marker: number;
}

export class ReplicaLog {
  /** Offset of the first record still in the log (retention moves it forward). */
  logStart = 0;
  /** High watermark as this replica knows it (in memory; capped to the log end on recovery). */
  hw = 0;
  epochs: { epoch: number; start: number }[] = [];
  producers = new Map<number, ProducerEntry>();
  /** Messages appended since the last fsync was started, for `flush.messages`. */
  unflushedMsgs = 0;
  /** Offset from which this replica's records are known to be superseded (set at elections). */
  doomedFrom = Number.POSITIVE_INFINITY;
  /** Open transactions: producer id -> offset of its first transactional batch (KIP-98). */
  openTxns = new Map<number, number>();
  /** Aborted transactions, in marker order (the `.txnindex`). */
  abortedTxns: AbortedTxn[] = [];

  constructor(readonly file: LogFile<Batch>) {
    this.rebuild();
  }

  get batches(): readonly Batch[] {
    return this.file.entries;
  }

  /** Log end offset. */
  get leo(): number {
    const b = this.file.entries[this.file.entries.length - 1];
    return b ? b.base + b.recs.length : this.logStart;
  }

  get lastEpoch(): number {
    const e = this.epochs[this.epochs.length - 1];
    return e ? e.epoch : -1;
  }

  append(b: Batch): void {
    this.file.append(b);
    this.note(b);
    this.unflushedMsgs += b.recs.length;
  }

  /**
   * Last stable offset: the first offset of the earliest open transaction, or the high watermark
   * when none is open below it. read_committed consumers read no further.
   */
  get lso(): number {
    let lso = this.hw;
    for (const first of this.openTxns.values()) if (first < lso) lso = first;
    return lso;
  }

  /** Aborted transactions overlapping [from, to). */
  abortedIn(from: number, to: number): [number, number, number][] {
    const out: [number, number, number][] = [];
    for (const a of this.abortedTxns)
      if (a.marker >= from && a.first < to) out.push([a.pid, a.first, a.marker]);
    return out;
  }

  private note(b: Batch): void {
    if (b.epoch !== this.lastEpoch) this.epochs.push({ epoch: b.epoch, start: b.base });
    if (b.pid >= 0) {
      const pe = b.producerEpoch ?? 0;
      let p = this.producers.get(b.pid);
      if (!p) {
        p = { epoch: pe, batches: [] };
        this.producers.set(b.pid, p);
      }
      if (pe > p.epoch) {
        // A new producer epoch: sequence numbers start again (KIP-98).
        p.epoch = pe;
        p.batches = [];
      }
      if (b.control) {
        // The marker closes the producer's open transaction on this partition.
        const first = this.openTxns.get(b.pid);
        this.openTxns.delete(b.pid);
        if (b.control === 'abort' && first !== undefined)
          this.abortedTxns.push({ pid: b.pid, first, marker: b.base });
        return;
      }
      if (b.txn && !this.openTxns.has(b.pid)) this.openTxns.set(b.pid, b.base);
      p.batches.push({
        firstSeq: b.firstSeq,
        lastSeq: b.firstSeq + b.recs.length - 1,
        base: b.base,
      });
      if (p.batches.length > PRODUCER_BATCHES_KEPT) p.batches.shift();
    }
  }

  /** Rebuilds the epoch cache and producer state from the batches. */
  rebuild(): void {
    this.epochs = [];
    this.producers = new Map();
    this.openTxns = new Map();
    this.abortedTxns = [];
    for (const b of this.file.entries) this.note(b);
    const first = this.file.entries[0];
    if (first) this.logStart = Math.min(this.logStart, first.base);
    this.hw = Math.min(this.hw, this.leo);
  }

  /** Removes every batch from `offset` on. Returns the removed batches. */
  truncateTo(offset: number): Batch[] {
    const es = this.file.entries;
    let i = es.length;
    while (i > 0 && (es[i - 1] as Batch).base >= offset) i--;
    if (i === es.length) return [];
    const removed = this.file.truncate(i);
    this.rebuild();
    if (this.doomedFrom <= this.leo) this.doomedFrom = Number.POSITIVE_INFINITY;
    return removed;
  }

  /**
   * The end offset of `epoch` in this log (OffsetsForLeaderEpoch): the start of the first later
   * epoch, or the log end when `epoch` is the latest.
   */
  endOffsetFor(epoch: number): number {
    if (epoch >= this.lastEpoch) return this.leo;
    for (let i = 0; i < this.epochs.length; i++) {
      const e = this.epochs[i] as { epoch: number; start: number };
      // The first later epoch's start; when even the first epoch is later, nothing matches.
      if (e.epoch > epoch) return e.start;
    }
    return this.leo;
  }

  /** Index of the first batch containing `offset` or after it. */
  private indexFrom(offset: number): number {
    const es = this.file.entries;
    let lo = 0;
    let hi = es.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const b = es[mid] as Batch;
      if (b.base + b.recs.length <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Batches holding offsets in [from, to), at most `max` of them. */
  read(from: number, to: number, max: number): Batch[] {
    const es = this.file.entries;
    const out: Batch[] = [];
    for (let i = this.indexFrom(from); i < es.length && out.length < max; i++) {
      const b = es[i] as Batch;
      if (b.base >= to) break;
      out.push(b);
    }
    return out;
  }

  /** Drops batches from the head (retention). Returns them. */
  deleteHead(count: number): Batch[] {
    const es = this.file.entries;
    const gone = es.splice(0, count);
    this.file.synced = Math.max(0, this.file.synced - gone.length);
    const first = es[0];
    const last = gone[gone.length - 1];
    this.logStart = first ? first.base : last ? last.base + last.recs.length : this.logStart;
    return gone;
  }

  /**
   * Idempotent producer check for a batch: `dup` with the offset it already has, `ok` to append,
   * or `out-of-order` when its first sequence is not the next one.
   */
  checkSequence(
    pid: number,
    firstSeq: number,
    count: number,
    epoch = 0,
  ):
    { kind: 'ok' } | { kind: 'dup'; base: number } | { kind: 'out-of-order' } | { kind: 'fenced' } {
    if (pid < 0) return { kind: 'ok' };
    const p = this.producers.get(pid);
    if (p && epoch < p.epoch) return { kind: 'fenced' };
    if (!p || p.batches.length === 0 || epoch > p.epoch)
      return firstSeq === 0 ? { kind: 'ok' } : { kind: 'out-of-order' };
    for (const b of p.batches)
      if (b.firstSeq === firstSeq && b.lastSeq === firstSeq + count - 1)
        return { kind: 'dup', base: b.base };
    const last = p.batches[p.batches.length - 1] as { lastSeq: number };
    if (firstSeq === last.lastSeq + 1) return { kind: 'ok' };
    // Entirely below what was appended: Kafka answers DUPLICATE_SEQUENCE_NUMBER, which the
    // client treats as success (the offset is no longer known).
    if (firstSeq + count - 1 <= last.lastSeq) return { kind: 'dup', base: -1 };
    return { kind: 'out-of-order' };
  }
}
