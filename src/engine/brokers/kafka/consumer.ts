/**
 * A Kafka consumer in a group: it joins through the group coordinator, fetches its partitions
 * from their leaders (only up to the high watermark), and runs the application's poll loop:
 * `poll()` returns up to `max.poll.records`; with `enable.auto.commit` each poll first commits
 * what the previous polls returned (every `auto.commit.interval.ms`); with manual commits the
 * application commits before or after processing. Records are processed on one thread, or handed
 * to `threads` workers (then poll does not wait for the work, so the order within a partition and
 * auto-commit's guarantee break: K15b, D3). Heartbeats, `session.timeout.ms` and
 * `max.poll.interval.ms` keep it in the group. Eager rebalancing: every partition is revoked.
 * `isolation.level=read_committed` fetches stop at the last stable offset and drop the records of
 * aborted transactions (listed in the fetch response); transaction markers are never returned.
 *
 * A consumer-processor (`processor`, consume-transform-produce, KIP-98 / KIP-447) processes each
 * polled batch inside a transaction of its own transactional producer: initTransactions() at start
 * (fencing a previous instance and aborting its open transaction), one output per input record
 * (`TxnCoordinator.output`), then sendOffsetsToTransaction with the batch's offsets and
 * commitTransaction(). What a read_committed reader of the output sees is what counts, so the
 * `deliver` and `effect` history ops of a batch are recorded when its transaction commits; an
 * aborted batch records none (it is journalled as `txn-abort`) and is read again from the committed
 * offsets. With `offsets: 'commit-after'` the offsets are committed with commitSync after the
 * transaction instead (not atomic: a crash in between repeats the batch). Simplifications: the
 * transaction and offset calls are instant (like the transaction coordinator's), the output records
 * are not appended to a topic (the sink stands for the output topic), and the crash moment
 * `after-commit` means right after commitTransaction().
 */
import type { MsgId } from '../../check/history';
import type { Network } from '../../kernel/network';
import { sample, type Dist, type Rng } from '../../kernel/prng';
import { SimNode, type Sim, type SimEvent } from '../../kernel/sim';
import type { Micros } from '../../kernel/time';
import type { Term } from '../../text/glossary';
import { perPartitionText, phaseText, recordsText } from '../inspect';
import type { KafkaSink } from './sink';
import type { Isolation, Rec, Wire } from './protocol';
import type { TxnResult } from './txn';

/** Posted timer ops (`fire`): a record's processing finished; a commitSync timed out. */
const OP_PROCESSED = 0;
const OP_COMMIT_TIMEOUT = 1;

export type CrashMoment = 'before-process' | 'after-process' | 'after-commit';

export interface ConsumerSettings {
  group: string;
  autoCommit: boolean;
  autoCommitUs: Micros;
  commit: 'after-processing' | 'before-processing';
  reset: 'earliest' | 'latest' | 'none';
  maxPollRecords: number;
  sessionUs: Micros;
  heartbeatUs: Micros;
  maxPollIntervalUs: Micros;
  fetchMaxWaitUs: Micros;
  requestTimeoutUs: Micros;
  processing: Dist;
  threads: number;
  startUs: Micros;
  /** `isolation.level`: read_committed reads up to the last stable offset, skipping aborted records. */
  isolation: Isolation;
  /** Consume-transform-produce in transactions, or null for a plain consumer. */
  processor: { transactionalId: string; offsetsInTxn: boolean } | null;
}

/** What a consumer needs from the rest of the model. */
export interface ConsumerHost {
  leaderOf(partition: number): SimNode | null;
  coordinatorOf(group: string): SimNode | null;
  /** Records of `partition` in [from, to) on the current leader, for skip accounting. */
  recordsBetween(partition: number, from: number, to: number): MsgId[];
  /** Where the group's reading of `partition` stands: offsets below it will never be read. */
  floorOf(group: string, partition: number): number;
  /** The group's consumption floor moved (a reset to latest skipped records). */
  raiseFloor(group: string, partition: number, offset: number): void;
  /** poll() returned records of `partition` up to `end` (exclusive) to this group. */
  delivered(group: string, partition: number, end: number, consumer: string): void;
  /**
   * The consumer starts reading `partition` at `offset` (committed, or reset to earliest), after
   * the `assign` entry `assign`.
   */
  resumed(group: string, partition: number, offset: number, consumer: string, assign: number): void;
  /** The consumer process stopped (journal id of the crash). */
  stopped(consumer: string, journalId: number): void;
  /** initTransactions() of a consumer-processor's producer; null while no coordinator answers. */
  txnInit(txnId: string, instance: string): { pid: number; epoch: number } | null;
  txnOutput(txnId: string, pid: number, epoch: number, msg: MsgId): TxnResult;
  txnSendOffsets(
    txnId: string,
    pid: number,
    epoch: number,
    group: string,
    offsets: [number, number, number][],
  ): TxnResult;
  txnEnd(txnId: string, pid: number, epoch: number, commit: boolean): TxnResult;
  /** Whether the group coordinator still knows `member` in `generation` (KIP-447 check). */
  inGeneration(group: string, member: string, generation: number): boolean;
}

interface Polled {
  p: number;
  offset: number;
  rec: Rec;
  /** Leader epoch of the batch it came in. */
  epoch: number;
}

export class KafkaConsumerNode extends SimNode {
  private generation = -1;
  private member = '';
  private assigned: number[] = [];
  private readonly positions = new Map<number, number>();
  private readonly fetchPos = new Map<number, number>();
  /** Leader epoch of the last record fetched, and of the last record polled (KIP-320). */
  private readonly fetchEpoch = new Map<number, number>();
  private readonly posEpoch = new Map<number, number>();
  private readonly buffers = new Map<number, Polled[]>();
  private readonly fetching = new Map<number, { id: number; at: Micros; to: SimNode | null }>();
  /** Records returned by poll and not yet processed (the application's hands or its workers). */
  private work: Polled[] = [];
  private busy = 0;
  /** Records a thread is processing right now. */
  private readonly active = new Set<Polled>();
  private phase: 'joining' | 'idle' | 'processing' | 'committing' = 'joining';
  private waitingForData = false;
  private needsRejoin = true;
  private lastPollAt = 0;
  private lastAutoCommitAt = 0;
  private joinSentAt = -1;
  private fetchId = 0;
  private commitId = 0;
  private pendingCommit = -1;
  private readonly maxCommitSent = new Map<number, number>();
  private armed: { when: CrashMoment; cause: number } | null = null;
  /** Journal id of the latest `assign` (the generation's assignment), for cause links. */
  private assignEntry = -1;
  /** Journal id of the latest offset commit sent, for cause links. */
  private commitEntry = -1;
  /** The processor's producer id and epoch (null until initTransactions() succeeds). */
  private txnIds: { pid: number; epoch: number } | null = null;
  /** Input records processed in the open transaction, their effects not yet visible. */
  private txnBatch: Polled[] = [];
  /** Outputs whose send found no transaction coordinator, sent again before the commit. */
  private txnUnsent: Polled[] = [];
  private readonly rng: Rng;
  private readonly labels: { hb: number; proc: number; retry: number; start: number };
  processing: Dist;

  constructor(
    sim: Sim,
    id: string,
    private readonly net: Network<Wire>,
    private readonly host: ConsumerHost,
    readonly sink: KafkaSink,
    private readonly cfg: ConsumerSettings,
  ) {
    super(sim, id);
    this.rng = sim.streams.get(`consumer:${id}`);
    this.processing = cfg.processing;
    this.labels = {
      hb: sim.label('consumer.heartbeat'),
      proc: sim.label('consumer.process'),
      retry: sim.label('consumer.retry'),
      start: sim.label('consumer.start'),
    };
    net.attach(this, (_from, w) => this.receive(w));
    this.timer(cfg.startUs, this.labels.start, () => this.boot());
  }

  private boot(): void {
    this.member = `${this.id}-${this.incarnation}`;
    this.generation = -1;
    this.needsRejoin = true;
    this.lastPollAt = this.sim.now;
    this.lastAutoCommitAt = this.sim.now;
    this.heartbeatLoop();
    this.txnIds = null;
    this.txnBatch = [];
    this.txnUnsent = [];
    if (this.cfg.processor) this.initTxn();
    this.poll();
  }

  /** initTransactions(): fences an older instance and aborts its open transaction; retried. */
  private initTxn(): void {
    const pr = this.cfg.processor;
    if (!pr || this.status !== 'up') return;
    const ids = this.host.txnInit(pr.transactionalId, this.member);
    if (!ids) {
      this.timer(100_000, this.labels.retry, () => this.initTxn());
      return;
    }
    this.txnIds = ids;
    if (this.phase === 'idle') this.poll();
  }

  // ---------------------------------------------------------------------------------------
  // group membership

  private sendToCoordinator(w: Wire): void {
    const c = this.host.coordinatorOf(this.cfg.group);
    if (c) this.net.send(this, c, w);
  }

  private join(): void {
    this.phase = 'joining';
    this.joinSentAt = this.sim.now;
    this.sendToCoordinator({
      type: 'join',
      group: this.cfg.group,
      member: this.member,
      generation: this.generation,
    });
  }

  private heartbeatLoop(): void {
    this.timer(this.cfg.heartbeatUs, this.labels.hb, () => {
      const now = this.sim.now;
      if (this.phase === 'joining') {
        if (now - this.joinSentAt >= this.cfg.requestTimeoutUs) this.join();
      } else if (this.generation >= 0) {
        if (this.phase === 'processing' && now - this.lastPollAt > this.cfg.maxPollIntervalUs) {
          // The heartbeat thread gives up the membership when the application stops polling.
          this.sim.rec.note('rebalance', this.id, undefined, {
            group: this.cfg.group,
            reason: 'max.poll.interval.ms',
          });
          this.sendToCoordinator({ type: 'leave', group: this.cfg.group, member: this.member });
          this.generation = -1;
          this.needsRejoin = true;
        } else
          this.sendToCoordinator({
            type: 'heartbeat',
            group: this.cfg.group,
            member: this.member,
            generation: this.generation,
          });
      }
      // Fetches that got no answer within request.timeout.ms are sent again.
      // Fetches that got no answer within request.timeout.ms, or whose partition has a new
      // leader since (the old one's connection failed), are sent again.
      for (const [p, f] of this.fetching)
        if (now - f.at >= this.cfg.requestTimeoutUs || f.to !== this.host.leaderOf(p)) {
          this.fetching.delete(p);
          this.fetch(p);
        }
      this.heartbeatLoop();
    });
  }

  private receive(w: Wire): void {
    switch (w.type) {
      case 'join-response':
        this.joined(w);
        return;
      case 'heartbeat-response':
        if (w.error !== 'NONE' && this.phase !== 'joining') {
          if (w.error === 'UNKNOWN_MEMBER_ID') this.generation = -1;
          this.needsRejoin = true;
          if (this.phase === 'idle') this.poll();
        }
        return;
      case 'fetch-response':
        this.fetched(w);
        return;
      case 'offset-commit-response':
        if (w.commitId === this.pendingCommit) {
          this.pendingCommit = -1;
          this.afterCommit();
        }
        return;
      default:
        return;
    }
  }

  private joined(w: Extract<Wire, { type: 'join-response' }>): void {
    if (this.phase !== 'joining' || w.generation < this.generation) return;
    this.generation = w.generation;
    this.needsRejoin = false;
    this.assigned = [...w.partitions];
    this.positions.clear();
    this.fetchPos.clear();
    this.buffers.clear();
    this.fetching.clear();
    const committed = new Map(w.committed.map(([p, o, e]) => [p, { o, e }]));
    this.fetchEpoch.clear();
    this.posEpoch.clear();
    this.assignEntry = this.sim.rec.note('assign', this.id, undefined, {
      group: this.cfg.group,
      generation: w.generation,
      partitions: this.assigned.join(','),
    });
    for (const p of this.assigned) {
      const c = committed.get(p);
      if (c !== undefined) {
        this.positions.set(p, c.o);
        this.fetchPos.set(p, c.o);
        this.fetchEpoch.set(p, c.e);
        this.posEpoch.set(p, c.e);
        this.host.resumed(this.cfg.group, p, c.o, this.id, this.assignEntry);
      } else {
        if (this.cfg.reset === 'earliest')
          this.host.resumed(this.cfg.group, p, 0, this.id, this.assignEntry);
        // No committed offset: auto.offset.reset decides, once the leader answers.
        this.positions.set(p, -1);
        this.fetchPos.set(p, this.cfg.reset === 'earliest' ? 0 : Number.MAX_SAFE_INTEGER);
      }
      this.fetch(p);
    }
    this.phase = 'idle';
    this.poll();
  }

  // ---------------------------------------------------------------------------------------
  // fetching

  private fetch(p: number): void {
    if (this.fetching.has(p) || !this.assigned.includes(p)) return;
    const leader = this.host.leaderOf(p);
    const id = ++this.fetchId;
    this.fetching.set(p, { id, at: this.sim.now, to: leader });
    if (!leader) return; // the watchdog in the heartbeat loop retries
    this.net.send(this, leader, {
      type: 'fetch',
      partition: p,
      offset: this.fetchPos.get(p) ?? 0,
      lastEpoch: this.fetchEpoch.get(p) ?? -1,
      maxWaitUs: this.cfg.fetchMaxWaitUs,
      fetchId: id,
      isolation: this.cfg.isolation,
    });
  }

  private fetched(w: Extract<Wire, { type: 'fetch-response' }>): void {
    const f = this.fetching.get(w.partition);
    if (!f || f.id !== w.fetchId) return;
    this.fetching.delete(w.partition);
    const p = w.partition;
    if (w.error === 'NOT_LEADER_OR_FOLLOWER') {
      this.timer(100_000, this.labels.retry, () => this.fetch(p));
      return;
    }
    if (w.divergeAt >= 0) {
      // KIP-320: the log was truncated under this consumer (a leader change); resume where the
      // epoch it read ends on the new leader, and read what follows again.
      const entry = this.sim.rec.note('assign', this.id, undefined, {
        group: this.cfg.group,
        partition: p,
        reason: 'log-truncation-detected',
        offset: w.divergeAt,
      });
      this.buffers.delete(p);
      this.fetchPos.set(p, w.divergeAt);
      this.positions.set(p, w.divergeAt);
      this.fetchEpoch.delete(p);
      this.posEpoch.delete(p);
      this.host.resumed(this.cfg.group, p, w.divergeAt, this.id, entry);
      this.fetch(p);
      return;
    }
    if (w.error === 'OFFSET_OUT_OF_RANGE') {
      // auto.offset.reset: no committed offset (the position is unset), or one outside the log.
      // `latest` starts at the high watermark (ListOffsets LATEST for read_uncommitted), so what
      // the partition already held is never read by this group; `earliest` at the log start.
      const unset = (this.fetchPos.get(p) ?? 0) === Number.MAX_SAFE_INTEGER;
      const from = unset ? this.host.floorOf(this.cfg.group, p) : (this.fetchPos.get(p) ?? 0);
      const to = this.cfg.reset === 'earliest' ? w.logStart : w.hw;
      const reset = this.sim.rec.note('assign', this.id, undefined, {
        group: this.cfg.group,
        partition: p,
        reset: this.cfg.reset,
        offset: to,
      });
      if (to > from) {
        const ids = this.host.recordsBetween(p, Math.max(from, w.logStart), to);
        if (ids.length > 0)
          this.sim.rec.note(
            'drop',
            this.id,
            ids,
            {
              reason: 'auto-offset-reset',
              group: this.cfg.group,
              partition: p,
              reset: this.cfg.reset,
              offset: to,
            },
            reset,
            'kafka.auto-offset-reset',
            [
              { role: 'rebalance', id: this.assignEntry },
              { role: 'policy', id: reset },
            ],
          );
      }
      if (to > from || this.cfg.reset === 'latest') this.host.raiseFloor(this.cfg.group, p, to);
      this.fetchPos.set(p, to);
      this.positions.set(p, to);
      this.fetch(p);
      return;
    }
    let buf = this.buffers.get(p);
    if (!buf) {
      buf = [];
      this.buffers.set(p, buf);
    }
    let pos = this.fetchPos.get(p) ?? 0;
    if ((this.positions.get(p) ?? -1) < 0) this.positions.set(p, pos);
    for (const b of w.batches) {
      // Control batches (transaction markers) are never returned by poll(); with read_committed
      // neither are the records of aborted transactions (the fetch response lists them). The
      // position moves past both.
      const skip =
        b.control !== undefined ||
        (b.txn === true &&
          w.aborted.some(
            ([pid, first, marker]) => pid === b.pid && b.base >= first && b.base < marker,
          ));
      for (let i = 0; i < b.recs.length; i++) {
        const off = b.base + i;
        if (off < pos) continue;
        if (!skip) buf.push({ p, offset: off, rec: b.recs[i] as Rec, epoch: b.epoch });
        pos = off + 1;
      }
      if (pos > b.base) this.fetchEpoch.set(p, b.epoch);
    }
    this.fetchPos.set(p, pos);
    if (buf.length < this.cfg.maxPollRecords) this.fetch(p);
    if (this.waitingForData && buf.length > 0) {
      this.waitingForData = false;
      this.poll();
    }
  }

  // ---------------------------------------------------------------------------------------
  // the application's poll loop

  private commit(after: boolean): boolean {
    const offsets: [number, number, number][] = [];
    for (const p of this.assigned) {
      const pos = this.positions.get(p) ?? -1;
      if (pos >= 0) offsets.push([p, pos, this.posEpoch.get(p) ?? -1]);
    }
    if (offsets.length === 0 || this.generation < 0) return false;
    const sim = this.sim;
    for (const [p, off] of offsets) {
      this.maxCommitSent.set(p, Math.max(this.maxCommitSent.get(p) ?? 0, off));
    }
    const id = ++this.commitId;
    if (after) this.pendingCommit = id;
    this.commitEntry = sim.rec.note('ack-sent', this.id, undefined, {
      group: this.cfg.group,
      offsets: offsets.map(([p, o]) => `${p}:${o}`).join(','),
      auto: this.cfg.autoCommit,
    });
    this.sendToCoordinator({
      type: 'offset-commit',
      ack: true,
      group: this.cfg.group,
      member: this.member,
      generation: this.generation,
      offsets,
      commitId: id,
    });
    if (after) {
      // commitSync gives up after request.timeout.ms; the loop goes on.
      this.after(this.cfg.requestTimeoutUs, this.labels.retry, OP_COMMIT_TIMEOUT, id);
    }
    return true;
  }

  private poll(): void {
    if (this.status !== 'up' || this.phase === 'processing' || this.phase === 'committing') return;
    if (this.needsRejoin) {
      if (
        this.phase === 'joining' &&
        this.joinSentAt >= 0 &&
        this.sim.now - this.joinSentAt < this.cfg.requestTimeoutUs
      )
        return;
      // Eager rebalance: revoke everything; auto-commit commits first (onJoinPrepare).
      if (this.cfg.autoCommit) this.commit(false);
      this.assigned = [];
      this.buffers.clear();
      this.fetching.clear();
      this.join();
      return;
    }
    if (this.phase === 'joining') return;
    if (this.cfg.processor && !this.txnIds) {
      this.phase = 'idle';
      return;
    }
    const now = this.sim.now;
    this.lastPollAt = now;
    if (this.cfg.autoCommit && now - this.lastAutoCommitAt >= this.cfg.autoCommitUs) {
      this.lastAutoCommitAt = now;
      // Commits what previous polls returned: records handed to workers may not be done yet.
      this.commit(false);
    }
    const out: Polled[] = [];
    for (const p of this.assigned) {
      const buf = this.buffers.get(p);
      if (!buf || buf.length === 0) continue;
      const take = buf.splice(0, this.cfg.maxPollRecords - out.length);
      for (const x of take) out.push(x);
      const last = take[take.length - 1];
      if (last) {
        this.positions.set(p, last.offset + 1);
        this.posEpoch.set(p, last.epoch);
        this.host.delivered(this.cfg.group, p, last.offset + 1, this.id);
      }
      if (!this.fetching.has(p) && buf.length < this.cfg.maxPollRecords) this.fetch(p);
      if (out.length >= this.cfg.maxPollRecords) break;
    }
    if (out.length === 0) {
      this.phase = 'idle';
      this.waitingForData = true;
      for (const p of this.assigned) if (!this.fetching.has(p)) this.fetch(p);
      return;
    }
    const sim = this.sim;
    // A processor's deliveries count when its transaction commits (read_committed output).
    if (!this.cfg.processor)
      for (const x of out) sim.rec.consumed('deliver', x.rec.id, this.id, this.cfg.group, false);
    for (const x of out) this.work.push(x);
    if (!this.cfg.processor && !this.cfg.autoCommit && this.cfg.commit === 'before-processing') {
      this.phase = 'committing';
      if (this.commit(true)) {
        if (this.armed?.when === 'after-commit') return this.crashNow();
        return;
      }
    }
    this.startProcessing();
  }

  private afterCommit(): void {
    if (this.phase !== 'committing') return;
    if (!this.cfg.processor && !this.cfg.autoCommit && this.cfg.commit === 'before-processing')
      this.startProcessing();
    else {
      this.phase = 'idle';
      this.poll();
    }
  }

  private startProcessing(): void {
    this.phase = 'processing';
    this.pump();
    // Handing work to other threads: poll again without waiting for it.
    if (this.cfg.threads > 1 && (this.cfg.autoCommit || this.cfg.commit === 'before-processing')) {
      if (this.work.length < this.cfg.maxPollRecords) {
        this.phase = 'idle';
        this.poll();
      }
    }
  }

  private crashNow(): void {
    const armed = this.armed;
    this.armed = null;
    if (armed) this.crash(armed.cause);
  }

  private pump(): void {
    while (this.busy < this.cfg.threads && this.work.length > 0 && this.status === 'up') {
      const x = this.work[0] as Polled;
      if (this.armed?.when === 'before-process') return this.crashNow();
      this.work.shift();
      this.busy++;
      this.active.add(x);
      this.after(sample(this.rng, this.processing), this.labels.proc, OP_PROCESSED, x);
    }
  }

  /** The hot timer, posted as data (`after`): one record's processing is done. */
  override fire(ev: SimEvent): void {
    switch (ev.op) {
      case OP_PROCESSED:
        this.processed(ev.a as Polled);
        return;
      case OP_COMMIT_TIMEOUT:
        if (this.pendingCommit === ev.a) {
          this.pendingCommit = -1;
          this.afterCommit();
        }
        return;
      default:
        throw new Error(`unknown consumer op ${ev.op}`);
    }
  }

  private processed(x: Polled): void {
    this.busy--;
    this.active.delete(x);
    const pr = this.cfg.processor;
    if (pr) {
      // send() of the output record: the transaction begins with the first one.
      const ids = this.txnIds as { pid: number; epoch: number };
      const r = this.host.txnOutput(pr.transactionalId, ids.pid, ids.epoch, x.rec.id);
      if (r === 'fenced') return this.fenced();
      // 'unavailable': the coordinator is down; sent again before commitTransaction().
      if (r === 'unavailable') this.txnUnsent.push(x);
      this.txnBatch.push(x);
    } else this.applyEffect(x);
    if (this.armed?.when === 'after-process') return this.crashNow();
    this.pump();
    if (this.busy > 0 || this.work.length > 0) return;
    // With worker threads the poll loop may already be running on its own.
    if (this.phase !== 'processing') return;
    if (pr) return this.commitTxn();
    if (!this.cfg.autoCommit && this.cfg.commit === 'after-processing') {
      this.phase = 'committing';
      if (this.commit(true)) return;
    }
    this.phase = 'idle';
    this.poll();
  }

  private applyEffect(x: Polled): void {
    const sim = this.sim;
    const applied = this.sink.apply(x.rec.id);
    sim.rec.consumed('effect', x.rec.id, this.id, this.cfg.group, applied);
  }

  /** The positions this consumer would commit: [partition, offset, leader epoch]. */
  private offsetsToCommit(): [number, number, number][] {
    const offsets: [number, number, number][] = [];
    for (const p of this.assigned) {
      const pos = this.positions.get(p) ?? -1;
      if (pos >= 0) offsets.push([p, pos, this.posEpoch.get(p) ?? -1]);
    }
    return offsets;
  }

  /**
   * The end of a processor's batch: sendOffsetsToTransaction (unless offsets are committed after)
   * and commitTransaction(). A rejected TxnOffsetCommit (the consumer lost its generation) aborts
   * the transaction and rejoins; an unavailable coordinator is retried after retry.backoff.ms.
   */
  private commitTxn(): void {
    const pr = this.cfg.processor;
    const ids = this.txnIds;
    if (!pr || !ids || this.status !== 'up') return;
    this.phase = 'committing';
    const retry = (): void => {
      this.timer(100_000, this.labels.retry, () => {
        if (this.phase === 'committing') this.commitTxn();
      });
    };
    const batch = this.txnBatch;
    if (batch.length > 0 && pr.offsetsInTxn) {
      if (!this.host.inGeneration(this.cfg.group, this.member, this.generation)) {
        // ILLEGAL_GENERATION / UNKNOWN_MEMBER_ID: the application aborts and rejoins.
        this.host.txnEnd(pr.transactionalId, ids.pid, ids.epoch, false);
        this.txnBatch = [];
        this.txnUnsent = [];
        this.needsRejoin = true;
        this.phase = 'idle';
        this.poll();
        return;
      }
      const r = this.host.txnSendOffsets(
        pr.transactionalId,
        ids.pid,
        ids.epoch,
        this.cfg.group,
        this.offsetsToCommit(),
      );
      if (r === 'fenced') return this.fenced();
      if (r === 'unavailable') return retry();
    }
    while (this.txnUnsent.length > 0) {
      const x = this.txnUnsent[0] as Polled;
      const r = this.host.txnOutput(pr.transactionalId, ids.pid, ids.epoch, x.rec.id);
      if (r === 'fenced') return this.fenced();
      if (r === 'unavailable') return retry();
      this.txnUnsent.shift();
    }
    const r = this.host.txnEnd(pr.transactionalId, ids.pid, ids.epoch, true);
    if (r === 'fenced') return this.fenced();
    if (r === 'unavailable') return retry();
    this.txnBatch = [];
    const now = this.sim.now;
    for (const x of batch)
      this.sim.rec.op({
        type: 'deliver',
        at: now,
        msg: x.rec.id,
        consumer: this.id,
        group: this.cfg.group,
        redelivered: false,
      });
    for (const x of batch) this.applyEffect(x);
    if (this.armed?.when === 'after-commit') return this.crashNow();
    if (!pr.offsetsInTxn && batch.length > 0 && this.commit(true)) return;
    this.phase = 'idle';
    this.poll();
  }

  /** ProducerFencedException: a newer instance took the transactional id; this one stops working. */
  private fenced(): void {
    this.txnBatch = [];
    this.txnUnsent = [];
    this.work = [];
    this.txnIds = null;
    this.phase = 'idle';
    this.needsRejoin = true;
    this.initTxn();
  }

  /** Arms a crash at the next record (before or after processing it) or right after the next commit. */
  armCrash(when: CrashMoment, cause: number): void {
    this.armed = { when, cause };
    if (when === 'before-process' && this.work.length > 0 && this.busy < this.cfg.threads)
      this.pump();
  }

  /** Records this consumer holds in memory: fetched, or polled and not yet processed. */
  heldIds(into: (id: MsgId) => void): void {
    for (const b of this.buffers.values()) for (const x of b) into(x.rec.id);
    for (const x of this.work) into(x.rec.id);
    for (const x of this.active) into(x.rec.id);
    for (const x of this.txnBatch) into(x.rec.id);
  }

  protected override onStop(journalId: number): void {
    this.host.stopped(this.id, journalId);
    // Records polled but not processed whose offsets were already committed: nobody will read
    // them again. That is at-most-once (commit before processing, or auto-commit ahead of workers).
    const gone: MsgId[] = [];
    for (const x of [...this.active, ...this.work])
      if (x.offset < (this.maxCommitSent.get(x.p) ?? 0)) gone.push(x.rec.id);
    if (gone.length > 0)
      this.sim.rec.note(
        'drop',
        this.id,
        gone,
        {
          reason: this.cfg.autoCommit ? 'auto-commit-ahead' : 'committed-before-processing',
          group: this.cfg.group,
        },
        journalId,
        this.cfg.autoCommit ? 'kafka.autocommit-ahead' : 'kafka.commit-before-process',
        [
          { role: 'commit', id: this.commitEntry },
          { role: 'fault', id: journalId },
        ],
      );
    this.work = [];
    this.active.clear();
    this.busy = 0;
    this.buffers.clear();
    this.fetching.clear();
    this.assigned = [];
    this.phase = 'joining';
    this.joinSentAt = -1;
    this.pendingCommit = -1;
    this.waitingForData = false;
    this.maxCommitSent.clear();
    this.armed = null;
    this.txnBatch = [];
    this.txnUnsent = [];
    this.txnIds = null;
  }

  protected override onRestart(): void {
    this.phase = 'joining';
    this.joinSentAt = -1;
    this.boot();
  }

  view(): {
    id: string;
    status: SimNode['status'];
    group: string;
    generation: number;
    partitions: number[];
    /** Next offset to consume, per assigned partition. */
    positions: Term;
    /** Records being processed now, and records fetched and waiting. */
    processing: Term;
    buffered: number;
    phase: Term;
  } {
    let buffered = this.work.length;
    for (const b of this.buffers.values()) buffered += b.length;
    const active = [...this.active];
    return {
      id: this.id,
      status: this.status,
      group: this.cfg.group,
      generation: this.generation,
      partitions: [...this.assigned],
      positions: perPartitionText(this.assigned.map((p) => [p, this.positions.get(p) ?? '-'])),
      processing: recordsText(active.map((x) => ({ id: x.rec.id, p: x.p, offset: x.offset }))),
      buffered,
      phase: phaseText(this.phase),
    };
  }
}
