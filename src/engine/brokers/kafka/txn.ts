/**
 * The transaction coordinator (KIP-98), simplified. In Kafka it is the leader of the
 * `__transaction_state` partition `abs(transactional.id.hashCode()) % 50`; here it is a role on the
 * broker picked the same way as the group coordinator (that index, walking to the next live broker),
 * and its state (producer id, epoch, the ongoing transaction's partitions) survives that broker's
 * crash, as the replicated `__transaction_state` log would make it. Its requests
 * (InitProducerId, AddPartitionsToTxn, EndTxn) are instant calls, like the model's metadata; the
 * COMMIT / ABORT markers it writes (WriteTxnMarkers) are real appends on each partition leader,
 * replicated like data. As in Kafka, the transaction completes only once every marker is below
 * the high watermark of its partition's current leader; a marker lost with a leader change is
 * written again on the new leader. Simplifications: the decision (PrepareCommit / PrepareAbort) is
 * not a log of its own, and instead of answering EndTxn at once and blocking the next transaction
 * (CONCURRENT_TRANSACTIONS), EndTxn answers "retry" until the markers are complete (the producer
 * asks again after retry.backoff.ms), so commitTransaction() returns when they are; no
 * `transaction.timeout.ms`.
 *
 * Consume-transform-produce (KIP-98 / KIP-447): a consumer-processor's transaction holds the
 * outputs of the input records it processed (`output`, standing for the sends of its output
 * records; the model has one topic, so the outputs are not appended to a log: the processor's sink
 * stands for the output topic as a read_committed reader sees it) and, with
 * sendOffsetsToTransaction (`sendOffsets`: AddOffsetsToTxn + TxnOffsetCommit), the group's offsets.
 * Those offsets become the group's committed offsets only when the transaction commits (the
 * COMMIT marker on `__consumer_offsets` materialises them); an abort discards them, and the input
 * records of an aborted transaction are not dropped: they are read again from the committed
 * offsets.
 */
import type { MsgId } from '../../check/history';
import type { Sim, SimNode } from '../../kernel/sim';
import type { Broker } from './broker';
import type { Batch } from './protocol';

export type TxnResult = 'ok' | 'fenced' | 'unavailable';

interface Completing {
  kind: 'commit' | 'abort';
  epoch: number;
  /** Per partition: the marker written on its leader, or null while it still has to be written. */
  markers: Map<number, Batch | null>;
}

interface TxnState {
  pid: number;
  epoch: number;
  /** The instance that holds the current epoch. */
  owner: string;
  ongoing: boolean;
  partitions: Set<number>;
  msgs: MsgId[];
  /** Input records whose outputs a consumer-processor produced in the ongoing transaction. */
  outputs: MsgId[];
  /** Offsets sent with sendOffsetsToTransaction in the ongoing transaction. */
  offsets: { group: string; offsets: [number, number, number][] } | null;
  /** A decided transaction whose markers are not all written and replicated yet. */
  completing: Completing | null;
  /** The instance whose InitProducerId already bumped the epoch and waits for the markers. */
  pendingInit: string | null;
}

export interface TxnHost {
  /** The deterministic coordinator broker for a transactional id, or null when none is up. */
  coordinatorFor(txnId: string): SimNode | null;
  /** The current leader broker of a partition. */
  leader(partition: number): Broker | null;
  nextProducerId(): number;
  /** A committed transaction's offsets become the group's committed offsets (journal cause). */
  commitOffsets(group: string, offsets: [number, number, number][], cause: number): void;
}

export class TxnCoordinator {
  private readonly txns = new Map<string, TxnState>();
  /** Records of every aborted transaction: never readable by read_committed consumers. */
  readonly aborted = new Set<MsgId>();

  constructor(
    private readonly sim: Sim,
    private readonly host: TxnHost,
  ) {}

  /** InitProducerId: bumps the epoch (fencing older instances) and aborts their open transaction. */
  init(txnId: string, instance: string): { pid: number; epoch: number } | null {
    const c = this.host.coordinatorFor(txnId);
    if (!c) return null;
    let t = this.txns.get(txnId);
    if (!t) {
      t = {
        pid: this.host.nextProducerId(),
        epoch: 0,
        owner: instance,
        ongoing: false,
        partitions: new Set(),
        msgs: [],
        outputs: [],
        offsets: null,
        completing: null,
        pendingInit: null,
      };
      this.txns.set(txnId, t);
      return { pid: t.pid, epoch: t.epoch };
    }
    // Every initTransactions() bumps the epoch once; a retry of one waiting for markers does not.
    if (t.pendingInit !== instance) {
      const previous = t.owner;
      t.epoch++;
      t.owner = instance;
      this.sim.rec.note('fence', c.id, undefined, {
        transactionalId: txnId,
        producerId: t.pid,
        epoch: t.epoch,
        previous,
        reason: 'init-transactions',
      });
      // The older instance's open transaction is aborted, with markers of the new epoch.
      if (t.ongoing) this.decide(t, 'abort', c.id, 'fenced-by-init');
    }
    t.pendingInit = instance;
    if (t.completing && !this.progress(t)) return null;
    t.pendingInit = null;
    return { pid: t.pid, epoch: t.epoch };
  }

  private check(txnId: string, pid: number, epoch: number): TxnState | 'fenced' | null {
    if (!this.host.coordinatorFor(txnId)) return null;
    const t = this.txns.get(txnId);
    if (!t || t.pid !== pid || epoch < t.epoch) return 'fenced';
    return t;
  }

  /** AddPartitionsToTxn (and the record's id, for the model's accounting). */
  add(txnId: string, pid: number, epoch: number, partition: number, msg: MsgId): TxnResult {
    const t = this.check(txnId, pid, epoch);
    if (t === null) return 'unavailable';
    if (t === 'fenced') return 'fenced';
    // CONCURRENT_TRANSACTIONS: the previous transaction's markers are still being written.
    if (t.completing && !this.progress(t)) return 'unavailable';
    t.ongoing = true;
    t.partitions.add(partition);
    t.msgs.push(msg);
    return 'ok';
  }

  /** A consumer-processor produced the output of input record `msg` in the ongoing transaction. */
  output(txnId: string, pid: number, epoch: number, msg: MsgId): TxnResult {
    const t = this.check(txnId, pid, epoch);
    if (t === null) return 'unavailable';
    if (t === 'fenced') return 'fenced';
    if (t.completing && !this.progress(t)) return 'unavailable';
    t.ongoing = true;
    t.outputs.push(msg);
    return 'ok';
  }

  /**
   * sendOffsetsToTransaction: AddOffsetsToTxn then TxnOffsetCommit. The offsets stay pending
   * until the transaction commits. The caller has checked the group generation (KIP-447).
   */
  sendOffsets(
    txnId: string,
    pid: number,
    epoch: number,
    group: string,
    offsets: [number, number, number][],
  ): TxnResult {
    const t = this.check(txnId, pid, epoch);
    if (t === null) return 'unavailable';
    if (t === 'fenced') return 'fenced';
    if (t.completing && !this.progress(t)) return 'unavailable';
    t.ongoing = true;
    t.offsets = { group, offsets };
    return 'ok';
  }

  /** EndTxn: decides, then writes COMMIT or ABORT markers to every partition the transaction touched. */
  end(txnId: string, pid: number, epoch: number, commit: boolean): TxnResult {
    const t = this.check(txnId, pid, epoch);
    if (t === null) return 'unavailable';
    if (t === 'fenced') return 'fenced';
    if (!t.completing) {
      if (!t.ongoing) return 'ok';
      const c = this.host.coordinatorFor(txnId) as SimNode;
      this.decide(t, commit ? 'commit' : 'abort', c.id, 'end-txn');
    }
    return this.progress(t) ? 'ok' : 'unavailable';
  }

  /** The decision (PrepareCommit / PrepareAbort): journalled now; markers follow. */
  private decide(t: TxnState, kind: 'commit' | 'abort', at: string, why: string): void {
    const parts = [...t.partitions].sort((a, b) => a - b);
    const data: Record<string, string | number | boolean> = {
      producerId: t.pid,
      epoch: t.epoch,
      partitions: parts.join(','),
      owner: t.owner,
      reason: why,
    };
    if (t.outputs.length > 0) data['outputs'] = t.outputs.length;
    if (t.offsets) {
      data['group'] = t.offsets.group;
      data['offsets'] = t.offsets.offsets.map(([p, o]) => `${p}:${o}`).join(',');
    }
    const entry = this.sim.rec.note(
      kind === 'commit' ? 'txn-commit' : 'txn-abort',
      at,
      [...t.msgs, ...t.outputs],
      data,
    );
    if (kind === 'commit' && t.offsets)
      this.host.commitOffsets(t.offsets.group, t.offsets.offsets, entry);
    if (kind === 'abort' && t.msgs.length > 0) {
      for (const m of t.msgs) this.aborted.add(m);
      this.sim.rec.note(
        'drop',
        at,
        t.msgs,
        { reason: 'aborted', producerId: t.pid, partitions: parts.join(','), owner: t.owner },
        entry,
        'kafka.txn-aborted',
        [{ role: 'transaction', id: entry }],
      );
    }
    t.completing = { kind, epoch: t.epoch, markers: new Map(parts.map((p) => [p, null])) };
    t.ongoing = false;
    t.partitions = new Set();
    t.msgs = [];
    t.outputs = [];
    t.offsets = null;
  }

  /**
   * Writes the markers still missing (on each partition's current leader; again when a leader
   * change lost one) and reports whether every marker is below its leader's high watermark.
   */
  private progress(t: TxnState): boolean {
    const c = t.completing;
    if (!c) return true;
    let done = true;
    for (const [p, m] of c.markers) {
      const leader = this.host.leader(p);
      if (!leader) {
        done = false;
        continue;
      }
      if (m && leader.holdsCommitted(p, m)) continue;
      done = false;
      if (m && leader.holds(p, m)) continue; // written, not yet replicated
      c.markers.set(p, leader.writeMarker(p, t.pid, c.epoch, c.kind));
    }
    if (done) t.completing = null;
    return done;
  }
}
