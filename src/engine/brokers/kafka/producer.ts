/**
 * The Kafka producer: records are placed by the partitioner, collected per partition into batches
 * (`batch.size`, `linger.ms`), and sent to each partition's leader with at most
 * `max.in.flight.requests.per.connection` requests outstanding per broker. A failed or timed-out
 * request (`request.timeout.ms`) is retried after `retry.backoff.ms` while `retries` and
 * `delivery.timeout.ms` allow; a retried batch goes back to the front of its partition's queue and
 * the partition is not drained while it backs off, so it can land behind a later batch only when
 * that batch was already in flight (K10): never with `max.in.flight.requests.per.connection=1`,
 * which also mutes the partition while a request is out (apache/kafka clients/.../producer/
 * internals/RecordAccumulator.java `drain`, `reenqueue`; Sender.java `sendProducerData`, 3.x).
 * A broker whose process died resets its connections: the Sender skips nodes that are not ready
 * (NetworkClient.ready) and the batches wait in the accumulator for a live leader, whatever the
 * acks (acks=0 included: only what was already written to the socket is lost). With
 * `enable.idempotence` each batch carries the producer id and sequence numbers and the broker
 * deduplicates and orders (K9, K11). Metadata (who leads a partition) is read from the controller
 * at send time: the model does not simulate metadata propagation delay.
 *
 * With `transactional.id` (KIP-98; requires idempotence) the producer first calls
 * initTransactions(): the transaction coordinator (`txn.ts`) gives it the producer id of that
 * transactional id with a bumped epoch, which fences any older instance. Records then go out in
 * transactions of `transaction.records` (begin, AddPartitionsToTxn as each record joins, sends,
 * then commitTransaction(), or abortTransaction() for every `abortEvery`-th one or after a failed
 * send). The application learns each record's outcome at the end of its transaction: `ack` on
 * commit, a definite `TRANSACTION_ABORTED` error on abort. A fenced instance (PRODUCER_FENCED from
 * the coordinator, INVALID_PRODUCER_EPOCH from a partition leader) fails its records definitely
 * and stops. Simplifications: sends wait while a transaction is being initialised or ended (the
 * application's loop is sequential); after an aborted transaction with a failed send the producer
 * re-initialises (a KIP-360 epoch bump) instead of resetting sequences per partition.
 */
import type { MsgId } from '../../check/history';
import type { Network } from '../../kernel/network';
import type { Rng } from '../../kernel/prng';
import { SimNode, type Sim, type SimEvent } from '../../kernel/sim';
import type { Micros } from '../../kernel/time';
import type { Term } from '../../text/glossary';
import { batchesText, perPartitionText } from '../inspect';
import { keyModulo, partitionForKey, StickyPartitioner } from './partitioner';
import type { KafkaError, Rec, Wire } from './protocol';
import type { TxnResult } from './txn';

/** Posted timer ops (`fire`). */
const OP_TICK = 0;
const OP_LINGER = 1;

/**
 * How often commitTransaction() checks that its sends are answered and its markers written (the
 * model polls instead of completing futures; Kafka's own granularity is a network round trip).
 */
const TXN_POLL_US = 5_000;

/** How far back (journal entries) a failed attempt looks for the network event that failed it. */
const NET_CAUSE_SCAN = 20_000;

export interface ProducerSettings {
  intervalUs: Micros;
  messages: number;
  startUs: Micros;
  keys: number;
  nullKeys: boolean;
  partitioner: 'default' | 'key-modulo';
  acks: '0' | '1' | 'all';
  retries: number;
  retryBackoffUs: Micros;
  requestTimeoutUs: Micros;
  deliveryTimeoutUs: Micros;
  lingerUs: Micros;
  batchSize: number;
  maxInFlight: number;
  idempotent: boolean;
  recordBytes: number;
  /** `transactional.id`, or null. Requires idempotence. */
  transactionalId: string | null;
  /** Records per transaction (model knob: the application's commit interval). */
  txnRecords: number;
  /** Abort every n-th transaction instead of committing it; 0 never (model knob). */
  abortEvery: number;
}

/** What a producer needs from the rest of the model. */
export interface ProducerHost {
  partitions: number;
  leaderOf(partition: number): SimNode | null;
  node(id: string): SimNode | undefined;
  /**
   * Whether a connection to `broker` can carry requests. A broker whose process died resets its
   * TCP connections (the client sees the disconnect and is refused on reconnect), so
   * NetworkClient.ready() is false until it is back; a machine that lost power sends no reset and
   * a paused or cut-off one keeps its connection, so writes to those go into the socket.
   */
  connectable(broker: SimNode): boolean;
  nextMsgId(): MsgId;
  nextProducerId(): number;
  /** The transaction coordinator's InitProducerId, AddPartitionsToTxn and EndTxn. */
  txnInit(txnId: string, instance: string): { pid: number; epoch: number } | null;
  txnAdd(txnId: string, pid: number, epoch: number, partition: number, msg: MsgId): TxnResult;
  txnEnd(txnId: string, pid: number, epoch: number, commit: boolean): TxnResult;
}

interface PBatch {
  partition: number;
  recs: Rec[];
  ids: MsgId[];
  bytes: number;
  createdAt: Micros;
  firstSeq: number;
  pid: number;
  attempts: number;
  /** Some attempt may have been appended (it was sent and got no definite answer). */
  maybeStored: boolean;
  /** After a failed attempt: the batch is not drained before this time (`retry.backoff.ms`). */
  retryAt: Micros;
  /** Journal id of the last `publish` / `publish-retry` of this batch, for cause links. */
  lastSend: number;
  /** Journal id of the network drop or delay that failed the last attempt, or -1. */
  failedNet: number;
  /** Journal id of the `confirm-timeout` that ended the last attempt, or -1. */
  failedTimeout: number;
  /** Journal id of the broker's OUT_OF_ORDER_SEQUENCE_NUMBER answer to the last attempt, or -1. */
  failedSeq: number;
}

interface InFlight {
  b: PBatch;
  broker: string;
  sentAt: Micros;
  /** The broker's incarnation when the request was sent (its connection belongs to it). */
  inc: number;
  /** Sent while the broker was down: no machine acknowledged its bytes, TCP retransmits them. */
  unacked: boolean;
}

export class KafkaProducerNode extends SimNode {
  private produced = 0;
  private retried = 0;
  private startAt = -1;
  private readonly open = new Map<number, PBatch>();
  private readonly ready = new Map<number, PBatch[]>();
  private readonly inflight = new Map<number, InFlight>();
  private readonly perBroker = new Map<string, number>();
  private readonly nextSeq = new Map<number, number>();
  private readonly keySeq = new Map<string, number>();
  private pid = -1;
  /** Producer id per partition after a sequence reset (otherwise `pid`). */
  private readonly pids = new Map<number, number>();
  private reqId = 0;
  /** Transactions: the producer epoch, where the instance stands, and the open transaction. */
  private producerEpoch = 0;
  private txnPhase: 'init' | 'ready' | 'in-txn' | 'ending' | 'fenced' = 'ready';
  private txnCount = 0;
  private txnIds: MsgId[] = [];
  private txnParts = new Set<number>();
  private txnFailed = false;
  private stalled = false;
  private wakeup: SimEvent | null = null;
  private watch: SimEvent | null = null;
  private readonly keyPartition = new Map<string, number>();
  /**
   * Partitions with a request in flight while `max.in.flight.requests.per.connection` is 1
   * (Kafka's `guaranteeMessageOrder`): the Sender mutes them, so no later batch of the partition
   * leaves until the earlier one is answered, even to another broker after a leader change.
   */
  private readonly muted = new Set<number>();
  private readonly rng: Rng;
  private readonly sticky: StickyPartitioner;
  private readonly labels: {
    tick: number;
    linger: number;
    retry: number;
    wake: number;
  };

  constructor(
    sim: Sim,
    id: string,
    private readonly net: Network<Wire>,
    private readonly host: ProducerHost,
    private readonly cfg: ProducerSettings,
  ) {
    super(sim, id);
    this.rng = sim.streams.get(`workload:${id}`);
    this.sticky = new StickyPartitioner(this.rng, cfg.batchSize);
    this.labels = {
      tick: sim.label('producer.tick'),
      linger: sim.label('producer.linger'),
      retry: sim.label('producer.retry-backoff'),
      wake: sim.label('producer.metadata-wait'),
    };
    net.attach(this, (_from, w) => this.receive(w));
    this.boot();
  }

  private boot(): void {
    this.pids.clear();
    this.nextSeq.clear();
    const now = this.sim.now;
    if (this.cfg.transactionalId !== null) {
      this.txnPhase = 'init';
      this.txnIds = [];
      this.txnParts = new Set();
      this.txnFailed = false;
      this.stalled = true;
      if (this.startAt < 0) this.startAt = this.cfg.startUs;
      this.timer(Math.max(0, this.startAt - now), this.labels.tick, () => this.initTxn());
      return;
    }
    if (this.cfg.idempotent) this.pid = this.host.nextProducerId();
    if (this.startAt < 0) {
      this.startAt = this.cfg.startUs;
      this.timer(Math.max(0, this.cfg.startUs - now), this.labels.tick, () => this.schedule());
    } else this.schedule();
  }

  // ---------------------------------------------------------------------------------------
  // transactions (KIP-98)

  /** initTransactions(): a (new) epoch from the coordinator; older instances are fenced. */
  private initTxn(): void {
    if (this.txnPhase !== 'init') return;
    const got = this.host.txnInit(this.cfg.transactionalId as string, this.id);
    if (!got) {
      this.timer(this.cfg.retryBackoffUs, this.labels.retry, () => this.initTxn());
      return;
    }
    this.pid = got.pid;
    this.producerEpoch = got.epoch;
    this.pids.clear();
    this.nextSeq.clear();
    this.txnPhase = 'ready';
    if (this.stalled) {
      this.stalled = false;
      this.txnTick();
    }
  }

  /** One record per interval; while a transaction is being initialised or ended, sends wait. */
  private txnTick(): void {
    if (this.produced >= this.cfg.messages) return;
    this.timer(this.cfg.intervalUs, this.labels.tick, () => {
      if (this.txnPhase !== 'ready' && this.txnPhase !== 'in-txn') {
        if (this.txnPhase !== 'fenced') this.stalled = true;
        return;
      }
      this.produced++;
      this.sendNew();
      if (this.txnPhase === 'in-txn' && this.produced >= this.cfg.messages) this.endTxn();
      this.txnTick();
    });
  }

  private beginTxn(): void {
    this.txnPhase = 'in-txn';
    this.txnCount++;
    this.txnIds = [];
    this.txnParts = new Set();
    this.txnFailed = false;
    this.sim.rec.note('txn-begin', this.id, undefined, {
      transactionalId: this.cfg.transactionalId as string,
      producerId: this.pid,
      epoch: this.producerEpoch,
      txn: this.txnCount,
    });
  }

  private outstanding(): number {
    let n = this.open.size + this.inflight.size;
    for (const q of this.ready.values()) n += q.length;
    return n;
  }

  /** commitTransaction() / abortTransaction(): flushes, then EndTxn at the coordinator. */
  private endTxn(): void {
    if (this.txnPhase !== 'in-txn' && this.txnPhase !== 'ending') return;
    this.txnPhase = 'ending';
    for (const p of [...this.open.keys()]) this.close(p);
    if (this.outstanding() > 0) {
      this.timer(TXN_POLL_US, this.labels.retry, () => this.endTxn());
      return;
    }
    const abortEvery = this.cfg.abortEvery;
    const commit = !this.txnFailed && !(abortEvery > 0 && this.txnCount % abortEvery === 0);
    const res = this.host.txnEnd(
      this.cfg.transactionalId as string,
      this.pid,
      this.producerEpoch,
      commit,
    );
    if (res === 'unavailable') {
      this.timer(TXN_POLL_US, this.labels.retry, () => this.endTxn());
      return;
    }
    if (res === 'fenced') return this.fenced('PRODUCER_FENCED');
    const sim = this.sim;
    for (const id of this.txnIds)
      sim.rec.op(
        commit
          ? {
              type: 'outcome',
              at: sim.now,
              msg: id,
              producer: this.id,
              result: 'ack',
              definite: true,
            }
          : {
              type: 'outcome',
              at: sim.now,
              msg: id,
              producer: this.id,
              result: 'error',
              definite: true,
              error: 'TRANSACTION_ABORTED',
            },
      );
    this.txnIds = [];
    // After an abortable error the producer bumps its epoch (KIP-360) so sequences start again.
    this.txnPhase = this.txnFailed ? 'init' : 'ready';
    if (this.txnPhase === 'init') this.initTxn();
    else if (this.stalled) {
      this.stalled = false;
      this.txnTick();
    }
  }

  /** ProducerFenced / InvalidProducerEpoch: fatal; the instance's open transaction was aborted. */
  private fenced(error: string): void {
    if (this.txnPhase === 'fenced') return;
    this.txnPhase = 'fenced';
    const sim = this.sim;
    const held: MsgId[] = [];
    this.heldIds((id) => held.push(id));
    const ids = [...new Set([...this.txnIds, ...held])];
    const fence = sim.rec.note('fence', this.id, ids, {
      transactionalId: this.cfg.transactionalId as string,
      producerId: this.pid,
      epoch: this.producerEpoch,
      reason: error,
    });
    const orphans = held.filter((id) => !this.txnIds.includes(id));
    if (orphans.length > 0)
      sim.rec.note(
        'drop',
        this.id,
        orphans,
        { reason: 'aborted', error },
        undefined,
        'kafka.txn-aborted',
        [{ role: 'transaction', id: fence }],
      );
    for (const id of ids)
      sim.rec.op({
        type: 'outcome',
        at: sim.now,
        msg: id,
        producer: this.id,
        result: 'error',
        definite: true,
        error,
      });
    this.txnIds = [];
    this.open.clear();
    this.ready.clear();
    this.inflight.clear();
    this.perBroker.clear();
    this.muted.clear();
  }

  /** Schedules the next send slot; slots missed while crashed are skipped, not made up. */
  private schedule(): void {
    if (this.produced >= this.cfg.messages) return;
    const now = this.sim.now;
    const slot = Math.max(this.produced, Math.ceil((now - this.startAt) / this.cfg.intervalUs));
    this.produced = slot;
    if (slot >= this.cfg.messages) return;
    const at = this.startAt + slot * this.cfg.intervalUs;
    this.after(at - now, this.labels.tick, OP_TICK);
  }

  /** The hot timers, posted as data (`after`): a send slot, a batch's linger running out. */
  override fire(ev: SimEvent): void {
    switch (ev.op) {
      case OP_TICK:
        this.produced++;
        this.sendNew();
        this.schedule();
        break;
      case OP_LINGER: {
        const partition = ev.b as number;
        if (this.open.get(partition) === ev.a) this.close(partition);
        break;
      }
      default:
        throw new Error(`unknown producer op ${ev.op}`);
    }
  }

  private readonly keyNames: string[] = [];

  private sendNew(): void {
    const sim = this.sim;
    const n = this.host.partitions;
    const key = this.cfg.nullKeys ? null : this.keyName(this.rng.int(0, this.cfg.keys - 1));
    const sk = key ?? '';
    const seq = this.keySeq.get(sk) ?? 0;
    this.keySeq.set(sk, seq + 1);
    const rec: Rec = { id: this.host.nextMsgId(), key, producer: this.id, seq };
    const partition =
      key === null ? this.sticky.next(n, this.cfg.recordBytes) : this.partitionOf(key, n);
    if (this.cfg.transactionalId !== null && this.txnPhase === 'ready') this.beginTxn();
    sim.rec.send(rec.id, this.id, key, seq, 0);
    if (this.cfg.transactionalId !== null) {
      const res = this.host.txnAdd(
        this.cfg.transactionalId,
        this.pid,
        this.producerEpoch,
        partition,
        rec.id,
      );
      this.txnIds.push(rec.id);
      this.txnParts.add(partition);
      if (res === 'fenced') return this.fenced('PRODUCER_FENCED');
      if (res === 'unavailable') {
        // Not part of the transaction: an abortable error; the record is never written.
        this.txnFailed = true;
        sim.rec.note('reject', this.id, [rec.id], {
          reason: 'COORDINATOR_NOT_AVAILABLE',
          partition,
        });
        if (this.txnIds.length >= this.cfg.txnRecords) this.endTxn();
        return;
      }
    }
    let b = this.open.get(partition);
    if (!b) {
      b = {
        partition,
        recs: [],
        ids: [],
        bytes: 0,
        createdAt: sim.now,
        firstSeq: -1,
        pid: this.pids.get(partition) ?? this.pid,
        attempts: 0,
        maybeStored: false,
        retryAt: 0,
        lastSend: -1,
        failedNet: -1,
        failedTimeout: -1,
        failedSeq: -1,
      };
      this.open.set(partition, b);
      if (this.cfg.lingerUs > 0) {
        this.after(this.cfg.lingerUs, this.labels.linger, OP_LINGER, b, partition);
      }
    }
    b.recs.push(rec);
    b.ids.push(rec.id);
    b.bytes += this.cfg.recordBytes;
    if (this.cfg.lingerUs === 0 || b.bytes + this.cfg.recordBytes > this.cfg.batchSize)
      this.close(partition);
    if (this.cfg.transactionalId !== null && this.txnIds.length >= this.cfg.txnRecords)
      this.endTxn();
  }

  /** Key `k<i>`, built once per key rather than once per record. */
  private keyName(i: number): string {
    let k = this.keyNames[i];
    if (k === undefined) {
      k = `k${i}`;
      this.keyNames[i] = k;
    }
    return k;
  }

  /** The key's partition, memoised: murmur2 of the same key always gives the same answer. */
  private partitionOf(key: string, n: number): number {
    let p = this.keyPartition.get(key);
    if (p === undefined) {
      p = this.cfg.partitioner === 'key-modulo' ? keyModulo(key, n) : partitionForKey(key, n);
      this.keyPartition.set(key, p);
    }
    return p;
  }

  /** The batch is complete: it gets its sequence numbers and joins the partition's send queue. */
  private close(partition: number): void {
    const b = this.open.get(partition);
    if (!b) return;
    this.open.delete(partition);
    if (this.cfg.idempotent) {
      const s = this.nextSeq.get(partition) ?? 0;
      b.pid = this.pids.get(partition) ?? this.pid;
      b.firstSeq = s;
      this.nextSeq.set(partition, s + b.recs.length);
    }
    let q = this.ready.get(partition);
    if (!q) {
      q = [];
      this.ready.set(partition, q);
    }
    q.push(b);
    this.drain();
  }

  /**
   * Sends queued batches to their leaders, within the in-flight limit per broker, as Kafka's
   * RecordAccumulator.drain() and Sender.sendProducerData() do (3.x): a partition whose first batch
   * is backing off after a failed attempt is not drained at all (so nothing overtakes the retry
   * from the queue), a muted partition (`max.in.flight.requests.per.connection=1`) waits for its
   * request in flight, and a leader whose connection is known to be down is not ready: its batches
   * stay in the accumulator until metadata names a live leader.
   */
  private drain(): void {
    if (this.txnPhase === 'fenced') return;
    let waiting = false;
    const now = this.sim.now;
    for (const [partition, q] of this.ready) {
      if (this.muted.has(partition)) continue;
      while (q.length > 0) {
        const head = q[0] as PBatch;
        // A batch waiting out retry.backoff.ms stays first; its own timer drains again.
        if (head.retryAt > now) break;
        const leader = this.host.leaderOf(partition);
        if (!leader || !this.host.connectable(leader)) {
          waiting = true;
          break;
        }
        const used = this.perBroker.get(leader.id) ?? 0;
        if (used >= this.cfg.maxInFlight) break;
        if (this.cfg.idempotent && !this.inOrder(partition)) break;
        q.shift();
        if (this.expired(head)) continue;
        this.transmit(head, leader);
        if (this.muted.has(partition)) break;
      }
    }
    if (waiting && !this.wakeup) {
      this.wakeup = this.timer(this.cfg.retryBackoffUs, this.labels.wake, () => {
        this.wakeup = null;
        this.drain();
      });
    }
  }

  /**
   * Idempotent ordering: retried batches go back into the queue in sequence order (so the lowest
   * sequence is first, and `drain()` holds the partition while it backs off), and at most 5
   * batches per partition are in flight, the number the broker remembers.
   */
  private inOrder(partition: number): boolean {
    let open = 0;
    for (const f of this.inflight.values()) if (f.b.partition === partition) open++;
    return open < 5;
  }

  /** True when no other unacknowledged batch of the partition has a lower sequence. */
  private lowestUnacked(b: PBatch): boolean {
    const lower = (x: PBatch): boolean => x.partition === b.partition && x.firstSeq < b.firstSeq;
    for (const f of this.inflight.values()) if (lower(f.b)) return false;
    for (const x of this.ready.get(b.partition) ?? []) if (lower(x)) return false;
    return true;
  }

  /**
   * The broker has no state for the sequence this batch expects (the records before it were lost
   * with a leader change, or expired): like KIP-360's epoch bump, the producer takes a fresh
   * producer id for the partition and numbers its unacknowledged batches again from 0.
   */
  private resetSequences(b: PBatch): void {
    const pid = this.host.nextProducerId();
    const waiting = [b, ...(this.ready.get(b.partition) ?? [])].sort(
      (x, y) => x.firstSeq - y.firstSeq,
    );
    let seq = 0;
    for (const x of waiting) {
      x.pid = pid;
      x.firstSeq = seq;
      seq += x.recs.length;
    }
    this.pids.set(b.partition, pid);
    this.nextSeq.set(b.partition, seq);
    this.sim.rec.note('fence', this.id, undefined, {
      partition: b.partition,
      producerId: pid,
      reason: 'sequence-reset',
    });
  }

  private expired(b: PBatch): boolean {
    if (this.sim.now - b.createdAt < this.cfg.deliveryTimeoutUs) return false;
    this.fail(b, 'delivery.timeout.ms', !b.maybeStored, true);
    return true;
  }

  private transmit(b: PBatch, leader: SimNode): void {
    const sim = this.sim;
    const reqId = ++this.reqId;
    const retry = b.attempts > 0;
    // A retry without idempotence may land twice (the first attempt was appended) and behind
    // batches sent after it (K8, K10); with idempotence the broker deduplicates and orders it.
    b.lastSend = sim.rec.note(
      retry ? 'publish-retry' : 'publish',
      this.id,
      b.ids,
      // The journal's data is not hashed: a run that only hashes builds none.
      sim.rec.keep ? { partition: b.partition, to: leader.id, attempt: b.attempts } : undefined,
      undefined,
      !retry
        ? undefined
        : !this.cfg.idempotent
          ? 'kafka.retry-without-idempotence'
          : // The leader had lost this producer's state (an unclean election, a truncated log):
            // idempotence could not place the batch, and later batches went ahead of it.
            b.failedSeq >= 0
            ? 'kafka.sequence-reset'
            : undefined,
      retry
        ? [
            { role: 'attempt', id: b.lastSend },
            { role: 'network', id: b.failedNet },
            { role: 'timeout', id: b.failedTimeout },
            { role: 'policy', id: b.failedSeq },
          ]
        : undefined,
    );
    if (b.attempts > 0) this.retried++;
    b.attempts++;
    this.net.send(this, leader, {
      type: 'produce',
      msgs: b.ids,
      carry: true,
      reqId,
      partition: b.partition,
      recs: b.recs,
      pid: b.pid,
      firstSeq: b.firstSeq,
      producerEpoch: this.producerEpoch,
      txn: this.cfg.transactionalId !== null,
      acks: this.cfg.acks,
      bytes: b.bytes,
      timeoutUs: this.cfg.requestTimeoutUs,
    });
    if (this.cfg.acks === '0') {
      // The record counts as sent once it is in the socket buffer; retries do not apply.
      for (const id of b.ids) sim.rec.outcome(id, this.id, 'sent', false);
      return;
    }
    this.perBroker.set(leader.id, (this.perBroker.get(leader.id) ?? 0) + 1);
    this.inflight.set(reqId, {
      b,
      broker: leader.id,
      sentAt: sim.now,
      inc: leader.incarnation,
      unacked: leader.status === 'crashed',
    });
    if (this.cfg.maxInFlight === 1) this.muted.add(b.partition);
    this.armWatch();
  }

  /**
   * While requests are outstanding, checks every `retry.backoff.ms` (at least 100 ms, at most 1 s)
   * for requests past `request.timeout.ms` (one sweep instead of a timer per request), and that
   * their partition's leader is still the broker they went to. A leader that changed means the old
   * connection failed (a crashed broker's socket is reset): the request fails as retriable, as
   * Kafka's NetworkException / NOT_LEADER_OR_FOLLOWER do, instead of waiting for request.timeout.ms.
   */
  private armWatch(): void {
    if (this.watch) return;
    const everyUs = Math.min(1_000_000, Math.max(100_000, this.cfg.retryBackoffUs));
    this.watch = this.timer(everyUs, this.labels.wake, () => {
      this.watch = null;
      const now = this.sim.now;
      for (const [reqId, f] of [...this.inflight]) {
        if (now - f.sentAt >= this.cfg.requestTimeoutUs) {
          // request.timeout.ms: the client gives up on the request; the batch may be stored.
          this.settle(reqId);
          f.b.maybeStored = true;
          const t = this.sim.rec.note(
            'confirm-timeout',
            this.id,
            f.b.ids,
            { partition: f.b.partition, error: 'REQUEST_TIMED_OUT' },
            undefined,
            'client.indeterminate-timeout',
          );
          f.b.failedNet = this.networkCause(f.b);
          f.b.failedTimeout = t;
          this.retry(f.b, 'REQUEST_TIMED_OUT');
          continue;
        }
        const leader = this.host.leaderOf(f.b.partition);
        const broker = this.host.node(f.broker);
        const reset =
          broker !== undefined && (!this.host.connectable(broker) || this.rebooted(broker, f));
        if (reset || (leader && leader.id !== f.broker)) {
          // The connection was reset (the broker's process died: NetworkException on the
          // disconnect) or the partition has a new leader (NOT_LEADER_OR_FOLLOWER): retriable.
          this.settle(reqId);
          f.b.maybeStored = true;
          this.sim.rec.note(
            'produce-error',
            this.id,
            f.b.ids,
            reset
              ? { partition: f.b.partition, error: 'NETWORK_EXCEPTION', broker: f.broker }
              : {
                  partition: f.b.partition,
                  error: 'NOT_LEADER_OR_FOLLOWER',
                  leader: (leader as SimNode).id,
                },
          );
          f.b.failedNet = this.networkCause(f.b);
          f.b.failedTimeout = -1;
          this.retry(f.b, reset ? 'NETWORK_EXCEPTION' : 'NOT_LEADER_OR_FOLLOWER');
        }
      }
      if (this.inflight.size > 0) this.armWatch();
    });
  }

  /**
   * A broker that lost power sends no reset: its connections hang until request.timeout.ms. Once
   * it is back, the client's TCP retransmission of a request sent during the outage reaches a
   * rebooted kernel that knows no such connection and answers with a RST (RFC 9293 3.10.7.1,
   * CLOSED state): the connection closes and every request sent on it before the reboot fails
   * as a disconnect (NetworkException, retriable) instead of waiting out request.timeout.ms.
   * Requests the old machine had acknowledged at the TCP level leave nothing to retransmit.
   */
  private rebooted(broker: SimNode, f: InFlight): boolean {
    if (broker.status !== 'up' || f.inc === broker.incarnation) return false;
    for (const g of this.inflight.values())
      if (g.broker === f.broker && g.unacked && g.inc !== broker.incarnation) return true;
    return false;
  }

  /**
   * The network event that failed the last attempt of `b` (a drop or delay of its request or of
   * the response, journalled since it was sent), or -1 when none.
   */
  private networkCause(b: PBatch): number {
    const j = this.sim.rec.journalColumns;
    const first = b.ids[0];
    // Bounded: a request's fault is journalled soon after it was sent; a long wait finds none.
    for (let i = j.length - 1; i >= Math.max(0, j.length - NET_CAUSE_SCAN); i--) {
      if (j.id(i) <= b.lastSend) break;
      const k = j.kind(i);
      if (k !== 'net-drop' && k !== 'net-delay') continue;
      for (let x = 0, n = j.msgCount(i); x < n; x++) if (j.msg(i, x) === first) return j.id(i);
    }
    return -1;
  }

  private settle(reqId: number): InFlight | undefined {
    const f = this.inflight.get(reqId);
    if (!f) return undefined;
    this.inflight.delete(reqId);
    this.muted.delete(f.b.partition);
    this.perBroker.set(f.broker, (this.perBroker.get(f.broker) ?? 1) - 1);
    return f;
  }

  private receive(w: Wire): void {
    if (w.type !== 'produce-response') return;
    const f = this.settle(w.reqId);
    if (!f) return; // the request already timed out: its connection was given up
    const b = f.b;
    const sim = this.sim;
    if (w.error === 'NONE') {
      sim.rec.note(
        'confirm-received',
        this.id,
        b.ids,
        sim.rec.keep ? { partition: b.partition, offset: w.offset } : undefined,
      );
      // In a transaction the application learns the outcome at commit or abort.
      if (this.cfg.transactionalId === null)
        for (const id of b.ids) sim.rec.outcome(id, this.id, 'ack', true);
      this.drain();
      return;
    }
    if (w.error === 'INVALID_PRODUCER_EPOCH' && this.cfg.transactionalId !== null) {
      sim.rec.note('produce-error', this.id, b.ids, { partition: b.partition, error: w.error });
      return this.fenced('INVALID_PRODUCER_EPOCH');
    }
    // NotEnoughReplicasAfterAppend and timeouts leave the record possibly written.
    if (w.error === 'NOT_ENOUGH_REPLICAS_AFTER_APPEND' || w.error === 'REQUEST_TIMED_OUT')
      b.maybeStored = true;
    const errorEntry = sim.rec.note('produce-error', this.id, b.ids, {
      partition: b.partition,
      error: w.error,
    });
    b.failedNet = this.networkCause(b);
    b.failedTimeout = -1;
    b.failedSeq = w.error === 'OUT_OF_ORDER_SEQUENCE_NUMBER' ? errorEntry : -1;
    if (
      w.error === 'OUT_OF_ORDER_SEQUENCE_NUMBER' &&
      this.cfg.transactionalId === null &&
      this.lowestUnacked(b)
    )
      this.resetSequences(b);
    this.retry(b, w.error);
  }

  /**
   * A retriable failure: the batch goes back to the front of its partition's queue at once
   * (RecordAccumulator.reenqueue: `addFirst`, or in sequence order with idempotence) and waits
   * there for `retry.backoff.ms`; `drain()` does not send the partition meanwhile. Without
   * idempotence, batches already in flight when this one failed can still land before it (K10):
   * that is the reordering `max.in.flight.requests.per.connection=1` prevents.
   */
  private retry(b: PBatch, error: KafkaError | 'NETWORK_EXCEPTION'): void {
    if (b.attempts > this.cfg.retries) {
      this.fail(b, error, !b.maybeStored, false);
      this.drain();
      return;
    }
    b.retryAt = this.sim.now + this.cfg.retryBackoffUs;
    let q = this.ready.get(b.partition);
    if (!q) {
      q = [];
      this.ready.set(b.partition, q);
    }
    if (this.cfg.idempotent) {
      const pid = this.pids.get(b.partition) ?? this.pid;
      if (b.pid !== pid) {
        // Sent under a producer id that was since reset: it takes the next new sequence.
        const s = this.nextSeq.get(b.partition) ?? 0;
        b.pid = pid;
        b.firstSeq = s;
        this.nextSeq.set(b.partition, s + b.recs.length);
      }
      let i = 0;
      while (i < q.length && (q[i] as PBatch).firstSeq < b.firstSeq) i++;
      q.splice(i, 0, b);
    } else q.unshift(b);
    this.timer(this.cfg.retryBackoffUs, this.labels.retry, () => this.drain());
    this.drain();
  }

  private fail(b: PBatch, error: string, definite: boolean, timeout: boolean): void {
    const sim = this.sim;
    // A failed send in a transaction is an abortable error: the transaction will be aborted.
    if (this.cfg.transactionalId !== null) this.txnFailed = true;
    if (definite) sim.rec.note('reject', this.id, b.ids, { reason: error, partition: b.partition });
    for (const id of b.ids)
      sim.rec.op({
        type: 'outcome',
        at: sim.now,
        msg: id,
        producer: this.id,
        result: timeout && !definite ? 'timeout' : 'error',
        definite,
        error,
      });
  }

  /** Records this producer still holds (unsent, in flight or waiting to retry). */
  heldIds(into: (id: MsgId) => void): void {
    for (const b of this.open.values()) for (const id of b.ids) into(id);
    for (const q of this.ready.values()) for (const b of q) for (const id of b.ids) into(id);
    for (const f of this.inflight.values()) for (const id of f.b.ids) into(id);
  }

  protected override onStop(journalId: number): void {
    const ids: MsgId[] = [];
    this.heldIds((id) => ids.push(id));
    if (ids.length > 0)
      this.sim.rec.note(
        'drop',
        this.id,
        ids,
        { reason: 'producer-crash-unsent' },
        journalId,
        'client.producer-crash-unsent',
        [{ role: 'fault', id: journalId }],
      );
    this.open.clear();
    this.ready.clear();
    this.inflight.clear();
    this.perBroker.clear();
    this.muted.clear();
    this.wakeup = null;
    this.watch = null;
  }

  protected override onRestart(): void {
    // A restarted process is a new instance: with a transactional.id it initialises again.
    this.boot();
  }

  view(): {
    id: string;
    status: SimNode['status'];
    produced: number;
    inFlight: number;
    producerId: number;
    /** Requests on the wire (ASCII text, kept small in recorded frames): partition, sequence numbers, records, attempt, broker. */
    batches: Term;
    /** Batches waiting to be sent (complete, or still filling within `linger.ms`). */
    queued: number;
    /** Sends that were retries (attempt > 0) so far. */
    retries: number;
    /** With idempotence: the next sequence number per partition. */
    nextSeq: Term;
  } {
    const batches = batchesText(
      [...this.inflight.values()].map(({ b, broker }) => ({
        partition: b.partition,
        firstSeq: this.cfg.idempotent ? b.firstSeq : null,
        records: b.recs.length,
        attempt: b.attempts,
        broker,
      })),
    );
    let queued = this.open.size;
    for (const q of this.ready.values()) queued += q.length;
    return {
      id: this.id,
      status: this.status,
      produced: this.produced,
      inFlight: this.inflight.size,
      producerId: this.pid,
      batches,
      queued,
      retries: this.retried,
      nextSeq: perPartitionText([...this.nextSeq].sort((a, b) => a[0] - b[0])),
    };
  }
}
