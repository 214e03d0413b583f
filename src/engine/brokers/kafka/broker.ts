/**
 * A Kafka broker: for each partition it replicates, a log; as leader it appends produce requests,
 * tracks its followers' fetch positions, shrinks the ISR after `replica.lag.time.max.ms` and grows
 * it again on catch-up, advances the high watermark, answers `acks=all` once the high watermark
 * passes a batch (or NotEnoughReplicasAfterAppend when the ISR fell below `min.insync.replicas`),
 * and serves consumers up to the high watermark; as follower it fetches (pulls) from the leader,
 * truncating first when its log diverges from the leader's epochs (KIP-101/KIP-279).
 * It also hosts group coordinators (see `group.ts`) and takes the transaction coordinator's
 * COMMIT / ABORT markers (see `txn.ts`); produce requests from a fenced producer epoch get
 * INVALID_PRODUCER_EPOCH; read_committed fetches stop at the last stable offset.
 */
import type { MsgId } from '../../check/history';
import { Flusher, type FlushPolicy } from '../../kernel/flush';
import type { Network } from '../../kernel/network';
import { SimNode, type Sim, type SimEvent } from '../../kernel/sim';
import type { Micros } from '../../kernel/time';
import { ReplicaLog } from './log';
import type { Batch, KafkaError, PartitionState, Rec, Wire } from './protocol';

export interface BrokerConfig {
  controller: string;
  heartbeatUs: Micros;
  minIsr: number;
  lagMaxUs: Micros;
  replicaFetchWaitUs: Micros;
  /** `replica.fetch.backoff.ms` (1000). */
  fetchBackoffUs: Micros;
  /** `replica.socket.timeout.ms` (30000): a fetch with no answer is sent again. */
  fetchTimeoutUs: Micros;
  flushMessages: number | null;
  flushUs: Micros | null;
  fsyncUs: Micros;
  retentionUs: number;
  retentionBytes: number;
  retentionCheckUs: Micros;
  topic: string;
}

/** What a broker needs from the rest of the model. */
export interface BrokerHost {
  node(id: string): SimNode | undefined;
  /** The journal id of the latest election of `partition`, for `cause` links of truncations. */
  lastElection(partition: number): number | undefined;
  /**
   * Records this broker's log holds that a newer leader's log does not: they will be truncated
   * (a follower's divergent suffix, or an append by a leader already replaced). The model
   * journals their `drop` with the mechanism that lost them.
   */
  superseded(broker: Broker, partition: number, batches: readonly Batch[], data: DropData): void;
  /** A leader appended `b` (journal id `entry`): a replaced leader's append is superseded at once. */
  appended(broker: Broker, r: Replica, b: Batch, entry: number): void;
  /** The produce response for `msgs` said NONE (journal id `entry`), for `ack` cause links. */
  confirmed(msgs: readonly MsgId[], entry: number): void;
  /** The `append` entries (on any leader) of these records, distinct, for `earlier` links. */
  appendsOf(msgs: readonly MsgId[]): number[];
  /** Group coordinator requests are handed over to the model. */
  coordinate(broker: Broker, from: SimNode, w: Wire): void;
  brokerStopped(broker: Broker, journalId: number, powerLoss: boolean): void;
}

/** Fields of a superseded-records `drop` besides its reason. */
export type DropData = Record<string, string | number | boolean>;

interface FollowerState {
  leo: number;
  lastCaughtUpAt: Micros;
  lastFetchAt: Micros;
  leoAtLastFetch: number;
}

interface PendingProduce {
  to: SimNode;
  reqId: number;
  msgs: readonly MsgId[];
  base: number;
  end: number;
  deadline: Micros;
}

interface Parked {
  to: SimNode;
  deadline: Micros;
  w: Extract<Wire, { type: 'replica-fetch' } | { type: 'fetch' }>;
}

/** One partition as this broker holds it. */
/** The `aborted` list of a fetch response with none: shared, since every fetch answers one. */
const NO_ABORTED: readonly (readonly [number, number, number])[] = [];

export class Replica {
  state: PartitionState | null = null;
  role: 'leader' | 'follower' | 'none' = 'none';
  readonly followers = new Map<string, FollowerState>();
  pendingExpand = new Set<string>();
  pendingShrink = false;
  pending: PendingProduce[] = [];
  parked: Parked[] = [];
  fetchSentAt = -1;
  /** A fetch is out and unanswered. */
  awaitingFetch = false;
  readonly flusher: Flusher<Batch>;

  constructor(
    readonly partition: number,
    readonly log: ReplicaLog,
    node: SimNode,
    policy: FlushPolicy,
    fsyncUs: Micros,
  ) {
    this.flusher = new Flusher(node, log.file, policy, fsyncUs, () => undefined);
  }
}

export class Broker extends SimNode {
  readonly replicas = new Map<number, Replica>();
  /**
   * The last stop was a power loss: the machine is gone, so no TCP reset tells clients (a crashed
   * process's kernel resets its connections at once).
   */
  lostPower = false;
  /** Journal id of this broker's latest pause (a stall that can get it replaced), or -1. */
  lastPause = -1;
  /** Journal id of this broker's latest restart, or -1 (for `restart` cause links). */
  lastRestart = -1;
  private sweepEv: SimEvent | null = null;
  /** The newest controller metadata this broker applied; lost with its memory on a crash. */
  private metadataVersion = 0;
  private sweepAt = 0;
  private readonly labels: {
    hb: number;
    isr: number;
    park: number;
    retry: number;
    watch: number;
    retention: number;
  };

  constructor(
    sim: Sim,
    id: string,
    private readonly net: Network<Wire>,
    partitions: readonly number[],
    private readonly cfg: BrokerConfig,
    private readonly host: BrokerHost,
  ) {
    super(sim, id);
    this.labels = {
      hb: sim.label('broker.heartbeat'),
      isr: sim.label('broker.isr-check'),
      park: sim.label('broker.fetch-wait'),
      retry: sim.label('broker.fetch-backoff'),
      watch: sim.label('broker.fetch-watchdog'),
      retention: sim.label('broker.retention'),
    };
    const policy: FlushPolicy =
      cfg.flushMessages === 1
        ? { kind: 'every-write' }
        : cfg.flushUs !== null
          ? { kind: 'interval', intervalUs: Math.max(1, cfg.flushUs) }
          : { kind: 'none' };
    for (const p of partitions) {
      const log = new ReplicaLog(this.disk.log<Batch>(`${cfg.topic}-${p}`));
      this.replicas.set(p, new Replica(p, log, this, policy, cfg.fsyncUs));
    }
    net.attach(this, (from, w) => this.receive(from, w));
    this.boot();
  }

  private boot(): void {
    for (const r of this.replicas.values()) r.flusher.start();
    this.heartbeat();
    this.isrCheck();
    this.watchdog();
    if (this.cfg.retentionUs >= 0 || this.cfg.retentionBytes >= 0) this.retention();
  }

  private heartbeat(): void {
    const c = this.host.node(this.cfg.controller);
    if (c)
      this.net.send(this, c, {
        type: 'broker-heartbeat',
        incarnation: this.incarnation,
        metadataVersion: this.metadataVersion,
      });
    this.timer(this.cfg.heartbeatUs, this.labels.hb, () => this.heartbeat());
  }

  private receive(from: SimNode, w: Wire): void {
    switch (w.type) {
      case 'produce':
        this.produce(from, w);
        return;
      case 'replica-fetch':
        this.replicaFetch(from, w);
        return;
      case 'replica-fetch-response':
        this.replicaFetched(from, w);
        return;
      case 'fetch':
        this.consumerFetch(from, w);
        return;
      case 'leader-and-isr':
        this.metadataVersion = Math.max(this.metadataVersion, w.version);
        for (const s of w.states) this.applyState(s);
        return;
      case 'join':
      case 'heartbeat':
      case 'offset-commit':
      case 'leave':
        this.host.coordinate(this, from, w);
        return;
      case 'produce-response':
      case 'fetch-response':
      case 'broker-heartbeat':
      case 'alter-partition':
      case 'join-response':
      case 'heartbeat-response':
      case 'offset-commit-response':
        return;
      default: {
        const never: never = w;
        throw new Error(`broker: unknown message ${JSON.stringify(never)}`);
      }
    }
  }

  // ---------------------------------------------------------------------------------------
  // roles

  /** The topic exists before the run: each replica starts knowing its partition's state. */
  initState(s: PartitionState): void {
    this.applyState(s);
  }

  private applyState(s: PartitionState): void {
    const r = this.replicas.get(s.partition);
    if (!r) return;
    if (r.state && s.epoch < r.state.epoch) return; // stale
    const newEpoch = !r.state || s.epoch !== r.state.epoch;
    r.state = s;
    r.pendingShrink = false;
    for (const b of s.isr) r.pendingExpand.delete(b);
    if (s.leader === this.id) {
      if (newEpoch || r.role !== 'leader') {
        r.role = 'leader';
        r.followers.clear();
        r.pendingExpand.clear();
        const now = this.sim.now;
        for (const b of s.replicas)
          if (b !== this.id)
            r.followers.set(b, {
              leo: -1,
              lastCaughtUpAt: now,
              lastFetchAt: now,
              leoAtLastFetch: 0,
            });
      }
      this.updateHw(r);
      return;
    }
    if (r.role === 'leader') this.stepDown(r);
    r.role = s.leader === null ? 'none' : 'follower';
    if (r.role === 'follower' && newEpoch) this.sendFetch(r);
  }

  /** No longer leader: pending acks=all requests fail, parked fetches are answered. */
  private stepDown(r: Replica): void {
    for (const p of r.pending) {
      this.respondProduce(p.to, p.reqId, r.partition, p.msgs, 'NOT_LEADER_OR_FOLLOWER', -1);
    }
    r.pending = [];
    this.releaseParked(r);
  }

  // ---------------------------------------------------------------------------------------
  // produce

  private respondProduce(
    to: SimNode,
    reqId: number,
    partition: number,
    msgs: readonly MsgId[],
    error: KafkaError,
    offset: number,
    waited = false,
  ): void {
    if (error === 'NONE') {
      const entry = this.sim.rec.note(
        'confirm-sent',
        this.id,
        msgs,
        // The journal's data is not hashed: a run that only hashes builds none.
        this.sim.rec.keep ? { partition, offset, to: to.id } : undefined,
        undefined,
        // acks=all: the answer waited until the ISR had the records (the high watermark passed).
        waited ? 'kafka.acks-all-waited' : undefined,
      );
      this.host.confirmed(msgs, entry);
    }
    this.net.send(this, to, {
      type: 'produce-response',
      msgs,
      ack: true,
      reqId,
      partition,
      error,
      offset,
    });
  }

  /** A produce request the leader turns down before appending: nothing was stored. */
  private refuse(from: SimNode, w: Extract<Wire, { type: 'produce' }>, error: KafkaError): void {
    this.sim.rec.note('reject', this.id, w.msgs, { reason: error, partition: w.partition });
    if (w.acks !== '0') this.respondProduce(from, w.reqId, w.partition, w.msgs, error, -1);
  }

  private replicaFetchError(
    to: SimNode,
    w: Extract<Wire, { type: 'replica-fetch' }>,
    error: KafkaError,
  ): void {
    this.net.send(this, to, {
      type: 'replica-fetch-response',
      partition: w.partition,
      epoch: w.epoch,
      error,
      batches: [],
      hw: 0,
      divergeAt: -1,
    });
  }

  private produce(from: SimNode, w: Extract<Wire, { type: 'produce' }>): void {
    const r = this.replicas.get(w.partition);
    if (!r || r.role !== 'leader' || !r.state)
      return this.refuse(from, w, 'NOT_LEADER_OR_FOLLOWER');
    if (w.acks === 'all' && r.state.isr.length < this.cfg.minIsr)
      return this.refuse(from, w, 'NOT_ENOUGH_REPLICAS');
    const seq = r.log.checkSequence(w.pid, w.firstSeq, w.recs.length, w.producerEpoch);
    // A newer epoch of this producer id exists here (a marker or a batch): a zombie is fenced.
    if (seq.kind === 'fenced') return this.refuse(from, w, 'INVALID_PRODUCER_EPOCH');
    if (seq.kind === 'out-of-order') return this.refuse(from, w, 'OUT_OF_ORDER_SEQUENCE_NUMBER');
    if (seq.kind === 'dup') {
      this.sim.rec.note(
        'dedup',
        this.id,
        w.msgs,
        {
          partition: w.partition,
          offset: seq.base,
          producerId: w.pid,
          sequence: w.firstSeq,
        },
        undefined,
        'kafka.idempotent-dedup',
      );
      // A duplicate is answered like the original append: with acks=all only once the high
      // watermark has passed it (Kafka's delayed produce waits on the original offsets).
      if (w.acks === 'all' && seq.base >= 0)
        this.awaitHw(r, from, w, seq.base, seq.base + w.recs.length);
      else if (w.acks !== '0')
        this.respondProduce(from, w.reqId, w.partition, w.msgs, 'NONE', seq.base);
      this.updateHw(r);
      return;
    }
    const b: Batch = {
      base: r.log.leo,
      epoch: r.state.epoch,
      recs: w.recs,
      ids: w.msgs,
      pid: w.pid,
      firstSeq: w.firstSeq,
      bytes: w.bytes,
      appendedAt: this.sim.now,
      acks: w.acks,
      producerEpoch: w.producerEpoch,
      txn: w.txn,
    };
    r.log.append(b);
    const entry = this.sim.rec.note(
      'append',
      this.id,
      w.msgs,
      this.sim.rec.keep
        ? { partition: w.partition, offset: b.base, epoch: b.epoch, acks: w.acks }
        : undefined,
    );
    this.flushCheck(r);
    if (w.acks === '1') this.respondProduce(from, w.reqId, w.partition, w.msgs, 'NONE', b.base);
    else if (w.acks === 'all') this.awaitHw(r, from, w, b.base, r.log.leo);
    // After the acks=1 answer, so a replaced leader's drop links the acknowledgement it broke.
    this.host.appended(this, r, b, entry);
    this.updateHw(r);
    this.releaseParked(r);
  }

  /** acks=all: the response waits until the high watermark passes `end`. */
  private awaitHw(
    r: Replica,
    from: SimNode,
    w: Extract<Wire, { type: 'produce' }>,
    base: number,
    end: number,
  ): void {
    const deadline = this.sim.now + w.timeoutUs;
    r.pending.push({ to: from, reqId: w.reqId, msgs: w.msgs, base, end, deadline });
    this.armSweep(deadline);
    // A retried duplicate may already sit below the high watermark: answer it now.
    if (end <= r.log.hw) this.completeProduces(r);
  }

  /**
   * The purgatory: one timer per broker for the earliest deadline of any waiting produce (acks=all)
   * or parked fetch, instead of one timer per request that nearly always gets cancelled.
   */
  private armSweep(at: Micros): void {
    if (this.sweepEv && !this.sweepEv.cancelled && this.sweepAt <= at) return;
    this.sim.cancel(this.sweepEv);
    this.sweepAt = at;
    this.sweepEv = this.timer(at - this.sim.now, this.labels.park, () => {
      this.sweepEv = null;
      this.sweep();
    });
  }

  private sweep(): void {
    const now = this.sim.now;
    let next = Number.POSITIVE_INFINITY;
    for (const r of this.replicas.values()) {
      if (r.pending.length > 0) {
        const keep: PendingProduce[] = [];
        for (const p of r.pending) {
          if (p.deadline <= now)
            this.respondProduce(p.to, p.reqId, r.partition, p.msgs, 'REQUEST_TIMED_OUT', -1);
          else {
            keep.push(p);
            if (p.deadline < next) next = p.deadline;
          }
        }
        r.pending = keep;
      }
      if (r.parked.length > 0) {
        const keep: Parked[] = [];
        const due: Parked[] = [];
        for (const p of r.parked) {
          if (p.deadline <= now) due.push(p);
          else {
            keep.push(p);
            if (p.deadline < next) next = p.deadline;
          }
        }
        r.parked = keep;
        for (const p of due) this.answer(r, p.to, p.w, true);
      }
    }
    if (next !== Number.POSITIVE_INFINITY) this.armSweep(next);
  }

  private flushCheck(r: Replica): void {
    const n = this.cfg.flushMessages;
    if (n === null) return;
    if (n === 1) r.flusher.appended();
    else if (r.log.unflushedMsgs >= n) r.flusher.fsync();
    if (r.log.unflushedMsgs >= n) r.log.unflushedMsgs = 0;
  }

  /** Leader: the high watermark is the smallest log end offset across the (maximal) ISR. */
  private updateHw(r: Replica): void {
    if (r.role !== 'leader' || !r.state) return;
    let hw = r.log.leo;
    for (const b of r.state.isr) {
      if (b === this.id) continue;
      const f = r.followers.get(b);
      hw = Math.min(hw, f ? Math.max(f.leo, 0) : 0);
    }
    for (const b of r.pendingExpand) {
      const f = r.followers.get(b);
      if (f) hw = Math.min(hw, f.leo);
    }
    if (hw > r.log.hw) {
      r.log.hw = hw;
      this.sim.rec.note(
        'hw-advance',
        this.id,
        undefined,
        this.sim.rec.keep ? { partition: r.partition, hw } : undefined,
      );
      this.completeProduces(r);
      this.releaseParked(r, 'fetch');
    }
  }

  private completeProduces(r: Replica): void {
    if (r.pending.length === 0 || !r.state) return;
    const hw = r.log.hw;
    const enough = r.state.isr.length >= this.cfg.minIsr;
    const rest: PendingProduce[] = [];
    for (const p of r.pending) {
      if (p.end <= hw) {
        this.respondProduce(
          p.to,
          p.reqId,
          r.partition,
          p.msgs,
          enough ? 'NONE' : 'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
          p.base,
          // Only a wait for another replica protects anything: an ISR of the leader alone
          // answers acks=all at once, and crediting it would be a false claim.
          r.state.isr.length > 1,
        );
      } else rest.push(p);
    }
    r.pending = rest;
  }

  // ---------------------------------------------------------------------------------------
  // fetch: followers and consumers

  private releaseParked(r: Replica, only?: 'fetch'): void {
    if (r.parked.length === 0) return;
    const keep: Parked[] = [];
    const go: Parked[] = [];
    for (const p of r.parked) (only && p.w.type !== only ? keep : go).push(p);
    r.parked = keep;
    for (const p of go) this.answer(r, p.to, p.w, false);
  }

  private park(r: Replica, to: SimNode, w: Parked['w'], waitUs: Micros): void {
    const deadline = this.sim.now + waitUs;
    r.parked.push({ to, w, deadline });
    this.armSweep(deadline);
  }

  /** Answers a fetch with what is there now; parks it when empty (unless `final`). */
  private answer(r: Replica, to: SimNode, w: Parked['w'], final: boolean): void {
    if (w.type === 'replica-fetch') {
      const batches = r.role === 'leader' ? r.log.read(w.offset, r.log.leo, 32) : [];
      if (batches.length === 0 && !final && r.role === 'leader')
        return this.park(r, to, w, this.cfg.replicaFetchWaitUs);
      this.net.send(this, to, {
        type: 'replica-fetch-response',
        partition: r.partition,
        epoch: r.state?.epoch ?? -1,
        error: r.role === 'leader' ? 'NONE' : 'NOT_LEADER_OR_FOLLOWER',
        batches,
        hw: r.log.hw,
        divergeAt: -1,
      });
      return;
    }
    const leader = r.role === 'leader';
    // read_committed stops at the last stable offset; read_uncommitted at the high watermark.
    const end = w.isolation === 'read_committed' ? r.log.lso : r.log.hw;
    const batches = leader ? r.log.read(w.offset, end, 32) : [];
    if (batches.length === 0 && !final && leader) return this.park(r, to, w, w.maxWaitUs);
    this.net.send(this, to, {
      type: 'fetch-response',
      partition: r.partition,
      fetchId: w.fetchId,
      error: leader ? 'NONE' : 'NOT_LEADER_OR_FOLLOWER',
      batches,
      logStart: r.log.logStart,
      hw: r.log.hw,
      divergeAt: -1,
      aborted:
        w.isolation === 'read_committed' && batches.length > 0
          ? r.log.abortedIn(w.offset, end)
          : NO_ABORTED,
    });
  }

  /**
   * The transaction coordinator writes a COMMIT or ABORT marker for `pid` into this partition
   * (WriteTxnMarkers). Only a leader can; the marker is replicated like data. Returns null when
   * this broker does not lead the partition; otherwise the marker batch.
   */
  writeMarker(
    partition: number,
    pid: number,
    producerEpoch: number,
    kind: 'commit' | 'abort',
  ): Batch | null {
    const r = this.replicas.get(partition);
    if (!r || !this.leads(partition) || !r.state) return null;
    const b: Batch = {
      base: r.log.leo,
      epoch: r.state.epoch,
      recs: [{ id: -1, key: null, producer: `marker:${pid}`, seq: -1 }],
      ids: [],
      pid,
      firstSeq: -1,
      bytes: 0,
      appendedAt: this.sim.now,
      acks: 'all',
      producerEpoch,
      txn: true,
      control: kind,
    };
    r.log.append(b);
    this.flushCheck(r);
    this.updateHw(r);
    this.releaseParked(r);
    return b;
  }

  /** This broker leads `partition` and its high watermark has passed `marker` (WriteTxnMarkers acks). */
  holdsCommitted(partition: number, marker: Batch): boolean {
    const r = this.replicas.get(partition);
    if (!r || !this.leads(partition)) return false;
    return r.log.hw > marker.base && r.log.read(marker.base, marker.base + 1, 1)[0] === marker;
  }

  /** This broker's log (as leader) still holds `marker`. */
  holds(partition: number, marker: Batch): boolean {
    const r = this.replicas.get(partition);
    return (
      !!r && this.leads(partition) && r.log.read(marker.base, marker.base + 1, 1)[0] === marker
    );
  }

  /** This broker is up and acts as the partition's leader (it has applied the election). */
  leads(partition: number): boolean {
    return this.status === 'up' && this.replicas.get(partition)?.role === 'leader';
  }

  private replicaFetch(from: SimNode, w: Extract<Wire, { type: 'replica-fetch' }>): void {
    const r = this.replicas.get(w.partition);
    if (!r) return;
    if (r.role !== 'leader' || !r.state)
      return this.replicaFetchError(from, w, 'NOT_LEADER_OR_FOLLOWER');
    if (w.epoch !== r.state.epoch) return this.replicaFetchError(from, w, 'FENCED_LEADER_EPOCH');
    // Divergence check (KIP-595 `lastFetchedEpoch`): where does the follower's last epoch end here?
    if (w.lastEpoch >= 0) {
      const end = r.log.endOffsetFor(w.lastEpoch);
      if (end < w.offset) {
        this.net.send(this, from, {
          type: 'replica-fetch-response',
          partition: w.partition,
          epoch: w.epoch,
          error: 'NONE',
          batches: [],
          hw: r.log.hw,
          divergeAt: end,
        });
        return;
      }
    }
    const now = this.sim.now;
    const f = r.followers.get(from.id);
    if (f) {
      const leo = r.log.leo;
      if (w.offset >= leo) f.lastCaughtUpAt = now;
      else if (w.offset >= f.leoAtLastFetch)
        f.lastCaughtUpAt = Math.max(f.lastCaughtUpAt, f.lastFetchAt);
      f.leo = w.offset;
      f.lastFetchAt = now;
      f.leoAtLastFetch = leo;
      // Catch-up: a follower outside the ISR that reached the high watermark rejoins it.
      if (
        !r.state.isr.includes(from.id) &&
        !r.pendingExpand.has(from.id) &&
        w.offset >= r.log.hw &&
        w.offset >= this.epochStart(r)
      ) {
        r.pendingExpand.add(from.id);
        // One AlterPartition carries every expansion in flight, so none undoes another.
        this.alter(r, [...r.state.isr, ...r.pendingExpand]);
      }
    }
    this.updateHw(r);
    this.answer(r, from, w, false);
  }

  private epochStart(r: Replica): number {
    const e = r.log.epochs[r.log.epochs.length - 1];
    return e && r.state && e.epoch === r.state.epoch ? e.start : 0;
  }

  private alter(r: Replica, isr: string[]): void {
    const c = this.host.node(this.cfg.controller);
    if (!c || !r.state) return;
    this.net.send(this, c, {
      type: 'alter-partition',
      partition: r.partition,
      epoch: r.state.epoch,
      isr,
    });
  }

  private sendFetch(r: Replica): void {
    const leader = r.state?.leader;
    if (r.role !== 'follower' || !leader || !r.state) return;
    const node = this.host.node(leader);
    if (!node) return;
    r.fetchSentAt = this.sim.now;
    r.awaitingFetch = true;
    this.net.send(this, node, {
      type: 'replica-fetch',
      partition: r.partition,
      offset: r.log.leo,
      lastEpoch: r.log.lastEpoch,
      epoch: r.state.epoch,
      replica: this.id,
    });
  }

  private replicaFetched(
    from: SimNode,
    w: Extract<Wire, { type: 'replica-fetch-response' }>,
  ): void {
    const r = this.replicas.get(w.partition);
    if (!r || r.role !== 'follower' || !r.state || w.epoch !== r.state.epoch) return;
    if (from.id !== r.state.leader) return;
    r.awaitingFetch = false;
    if (w.error !== 'NONE') {
      this.timer(this.cfg.fetchBackoffUs, this.labels.retry, () => this.sendFetch(r));
      return;
    }
    if (w.divergeAt >= 0) {
      this.truncate(r, w.divergeAt, from.id);
      this.sendFetch(r);
      return;
    }
    const appended: MsgId[] = [];
    for (const b of w.batches) {
      if (b.base !== r.log.leo) continue; // overlap from a duplicated response
      r.log.append(b);
      for (const id of b.ids) appended.push(id);
    }
    if (appended.length > 0) {
      this.sim.rec.note(
        'replicate',
        this.id,
        appended,
        this.sim.rec.keep ? { partition: r.partition, from: from.id } : undefined,
      );
      this.flushCheck(r);
    }
    r.log.hw = Math.min(w.hw, r.log.leo);
    this.sendFetch(r);
  }

  /** Truncates a follower's divergent suffix (leader epochs, KIP-101). */
  private truncate(r: Replica, offset: number, leader: string): void {
    const doomed = r.log.doomedFrom;
    const removed = r.log.truncateTo(offset);
    if (removed.length === 0) return;
    const ids: MsgId[] = [];
    for (const b of removed) for (const id of b.ids) ids.push(id);
    const cause = this.host.lastElection(r.partition);
    this.sim.rec.note('truncate', this.id, ids, { partition: r.partition, offset, leader }, cause);
    // Records not already accounted for at the election that superseded them.
    const fresh = removed.filter((b) => b.base < doomed);
    if (fresh.length > 0)
      this.host.superseded(this, r.partition, fresh, {
        reason: 'truncated',
        partition: r.partition,
        offset,
        leader,
      });
  }

  private consumerFetch(from: SimNode, w: Extract<Wire, { type: 'fetch' }>): void {
    const r = this.replicas.get(w.partition);
    if (!r) return;
    // KIP-320: a consumer whose last epoch ends earlier here was reading a truncated log.
    if (r.role === 'leader' && w.lastEpoch >= 0) {
      const end = r.log.endOffsetFor(w.lastEpoch);
      if (end < w.offset) {
        this.net.send(this, from, {
          type: 'fetch-response',
          partition: w.partition,
          fetchId: w.fetchId,
          error: 'NONE',
          batches: [],
          logStart: r.log.logStart,
          hw: r.log.hw,
          divergeAt: Math.max(end, r.log.logStart),
          aborted: [],
        });
        return;
      }
    }
    if (r.role === 'leader' && (w.offset < r.log.logStart || w.offset > r.log.leo)) {
      this.net.send(this, from, {
        type: 'fetch-response',
        partition: w.partition,
        fetchId: w.fetchId,
        error: 'OFFSET_OUT_OF_RANGE',
        batches: [],
        logStart: r.log.logStart,
        hw: r.log.hw,
        divergeAt: -1,
        aborted: [],
      });
      return;
    }
    this.answer(r, from, w, false);
  }

  // ---------------------------------------------------------------------------------------
  // periodic work

  /** Leader: followers that have not caught up for `replica.lag.time.max.ms` leave the ISR. */
  private isrCheck(): void {
    this.timer(Math.max(1, Math.floor(this.cfg.lagMaxUs / 2)), this.labels.isr, () => {
      const now = this.sim.now;
      for (const r of this.replicas.values()) {
        if (r.role !== 'leader' || !r.state || r.pendingShrink) continue;
        const out = r.state.isr.filter((b) => {
          if (b === this.id) return false;
          const f = r.followers.get(b);
          return !f || now - f.lastCaughtUpAt > this.cfg.lagMaxUs;
        });
        if (out.length > 0) {
          r.pendingShrink = true;
          this.alter(
            r,
            r.state.isr.filter((b) => !out.includes(b)),
          );
        }
      }
      this.isrCheck();
    });
  }

  /** A follower whose fetch got no answer within `replica.socket.timeout.ms` sends it again. */
  private watchdog(): void {
    this.timer(Math.max(1, Math.floor(this.cfg.fetchTimeoutUs / 4)), this.labels.watch, () => {
      const now = this.sim.now;
      for (const r of this.replicas.values()) {
        if (
          r.role === 'follower' &&
          r.awaitingFetch &&
          now - r.fetchSentAt >= this.cfg.fetchTimeoutUs
        )
          this.sendFetch(r);
      }
      this.watchdog();
    });
  }

  /** `retention.ms` / `retention.bytes`: whole batches below the high watermark are deleted. */
  private retention(): void {
    this.timer(Math.max(1, this.cfg.retentionCheckUs), this.labels.retention, () => {
      const now = this.sim.now;
      for (const r of this.replicas.values()) {
        const bs = r.log.batches;
        let total = 0;
        for (const b of bs) total += b.bytes;
        let n = 0;
        for (const b of bs) {
          if (b.base + b.recs.length > r.log.hw) break;
          const old = this.cfg.retentionUs >= 0 && now - b.appendedAt > this.cfg.retentionUs;
          const big = this.cfg.retentionBytes >= 0 && total > this.cfg.retentionBytes;
          if (!old && !big) break;
          total -= b.bytes;
          n++;
        }
        if (n === 0) continue;
        const gone = r.log.deleteHead(n);
        const ids: MsgId[] = [];
        for (const b of gone) for (const id of b.ids) ids.push(id);
        this.sim.rec.note('retention-delete', this.id, undefined, {
          partition: r.partition,
          records: ids.length,
        });
        this.sim.rec.note(
          'drop',
          this.id,
          ids,
          {
            reason: 'retention',
            partition: r.partition,
            retentionMs: this.cfg.retentionUs >= 0 ? Math.round(this.cfg.retentionUs / 1000) : -1,
            retentionBytes: this.cfg.retentionBytes,
          },
          undefined,
          'kafka.retention',
        );
      }
      this.retention();
    });
  }

  // ---------------------------------------------------------------------------------------
  // lifecycle

  protected override onStop(journalId: number, powerLoss: boolean): void {
    for (const r of this.replicas.values()) {
      if (powerLoss) {
        const lost = (this.disk.lastPowerLoss.get(r.log.file.name) ?? []) as Batch[];
        if (lost.length > 0) {
          const ids: MsgId[] = [];
          for (const b of lost) for (const id of b.ids) ids.push(id);
          this.sim.rec.note(
            'drop',
            this.id,
            ids,
            { reason: 'power-loss-unsynced', partition: r.partition, family: 'kafka' },
            journalId,
            'storage.page-cache-lost',
            [
              { role: 'fault', id: journalId },
              ...this.host.appendsOf(ids).map((id) => ({ role: 'earlier' as const, id })),
            ],
          );
        }
        r.log.rebuild();
        if (r.log.doomedFrom > r.log.leo) r.log.doomedFrom = Number.POSITIVE_INFINITY;
      }
      r.flusher.stop();
      r.role = 'none';
      r.state = null;
      r.pending = [];
      r.parked = [];
      r.followers.clear();
      r.pendingExpand.clear();
      r.log.unflushedMsgs = 0;
    }
    this.sweepEv = null;
    this.metadataVersion = 0;
    this.lostPower = powerLoss;
    this.host.brokerStopped(this, journalId, powerLoss);
  }

  override pause(durationUs: Micros, cause?: number): number {
    const id = super.pause(durationUs, cause);
    if (this.status === 'paused') this.lastPause = id;
    return id;
  }

  protected override onRestart(id: number): void {
    this.lastRestart = id;
    for (const r of this.replicas.values()) r.log.rebuild();
    this.boot();
  }

  /** Records of `r` that may still be read: not superseded by a newer leader's log. */
  static live(r: Replica, from: number, visit: (rec: Rec, offset: number) => void): void {
    for (const b of r.log.batches) {
      if (b.base >= r.log.doomedFrom) break;
      if (b.control || b.base + b.recs.length <= from) continue;
      for (let i = 0; i < b.recs.length; i++)
        if (b.base + i >= from) visit(b.recs[i] as Rec, b.base + i);
    }
  }
}
