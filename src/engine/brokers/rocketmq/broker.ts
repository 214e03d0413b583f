/**
 * A RocketMQ broker process (4.9.x master/slave mode): one CommitLog on its disk, ConsumeQueue
 * indexes per (topic, queue), the flush service (ASYNC_FLUSH every `flushIntervalCommitLog`, or
 * SYNC_FLUSH group commit with `syncFlushTimeout`), HA replication from master to slaves (the
 * master pushes, the slave acknowledges what it holds and heartbeats every 5 s), long-polling
 * pulls, the schedule service (delay levels, retries), the transaction check service, and the
 * NameServer registration heartbeat.
 *
 * What the broker decides about a message's fate (a power loss's lost tail, a rollback, a dead
 * letter) it reports to the model through `BrokerHost`, which journals it with its mechanism.
 */
import type { MsgId } from '../../check/history';
import { Flusher } from '../../kernel/flush';
import type { Network } from '../../kernel/network';
import { SimNode, type Sim, type SimEvent } from '../../kernel/sim';
import type { LogFile } from '../../kernel/storage';
import type { Micros } from '../../kernel/time';
import { DELAY_LEVELS_MS } from '../../../scenario/systems/rocketmq';
import { Deadlines } from './deadlines';
import {
  dlqTopic,
  HALF_TOPIC,
  OP_TOPIC,
  retryTopic,
  SCHEDULE_TOPIC,
  type SendStatus,
  type Stored,
  type Wire,
} from './protocol';

/** haSendHeartbeatInterval (5 s) and haHousekeepingInterval (20 s): a silent slave is gone. */
const HA_HEARTBEAT_US = 5_000_000;
const HA_HOUSEKEEPING_US = 20_000_000;
/** Long polling: a pull with nothing new is held this long (BROKER_SUSPEND_MAX_TIME_MILLIS). */
const SUSPEND_US = 15_000_000;
/** pullBatchSize (32). */
const PULL_BATCH = 32;
/** Posted op (`after`): a held pull's suspend time is over. */
const OP_HOLD_EXPIRED = 0;

const isWaiting = (h: { waiting: boolean }): boolean => h.waiting;

/** The broker's settings, from the scenario. */
export interface BrokerConfig {
  brokerName: string;
  brokerId: number;
  role: 'ASYNC_MASTER' | 'SYNC_MASTER' | 'SLAVE';
  syncFlush: boolean;
  flushIntervalUs: Micros;
  syncFlushTimeoutUs: Micros;
  fsyncUs: Micros;
  nameServers: readonly string[];
  registerUs: Micros;
  transactionTimeoutUs: Micros;
  transactionCheckIntervalUs: Micros;
  transactionCheckMax: number;
  /** From this time the store is DISK_FULL and refuses writes (`diskFullAtMs`, rounded up). */
  diskFullFromUs: Micros;
}

/** What the broker asks of the model. */
export interface BrokerHost {
  node(id: string): SimNode | undefined;
  /** The other processes of this broker group. */
  peers(b: RocketBroker): RocketBroker[];
  /** A live producer of the group to ask about a half message, or null. */
  checker(producerGroup: string): SimNode | null;
  /** Journals a stored message (for cause links). Returns its entry id. */
  stored(b: RocketBroker, s: Stored, status: 'append' | 'replicate'): void;
  /** Entries lost from this broker's CommitLog (power loss, a disk failure, a slave resync). */
  lost(
    b: RocketBroker,
    gone: readonly Stored[],
    how: 'power-loss' | 'disk' | 'resync',
    fault: number,
  ): void;
  /** The broker answered a send (for the journal and cause links). */
  answered(b: RocketBroker, s: Stored, status: SendStatus, waited: 'flush' | 'slave' | null): void;
  /** A transaction was decided for a half message. */
  txnDecided(
    b: RocketBroker,
    half: Stored,
    decision: 'commit' | 'rollback',
    by: 'producer' | 'check' | 'check-max',
    checks: number,
  ): void;
  /** A consumer sent a message back: retried later, or dead-lettered. */
  sentBack(b: RocketBroker, s: Stored, group: string, dlq: boolean, level: number): void;
  /** The process stopped (crash, power loss, disk failure). */
  stopped(b: RocketBroker, fault: number, powerLoss: boolean): void;
  /** The broker restarted and rebuilt its ConsumeQueues from the CommitLog. */
  recovered(b: RocketBroker, restart: number): void;
  /** A consumer's offset update reached the broker. */
  offsetUpdated(
    b: RocketBroker,
    group: string,
    qkey: string,
    offset: number,
    unlock: boolean,
  ): void;
}

interface PendingSend {
  from: SimNode;
  req: number;
  s: Stored;
  seq: number;
  flushed: boolean;
  replicated: boolean;
  timer: SimEvent | null;
}

interface HeldPull {
  from: SimNode;
  req: number;
  cq: string;
  offset: number;
  tags: readonly string[] | null;
  /** The request's maxMsgNums (pullBatchSize). */
  max: number;
  /** Still held: not answered by a new message, its suspend time not over. */
  waiting: boolean;
}

export class RocketBroker extends SimNode {
  readonly commitLog: LogFile<Stored>;
  /** `topic|queueId` -> entries in queue order (the ConsumeQueue; offset = index). */
  readonly cqs = new Map<string, Stored[]>();
  /** CommitLog index of each ConsumeQueue entry (what the view marks as flushed). */
  readonly cqPos = new Map<string, number[]>();
  /** Half messages not yet decided, by CommitLog index, with how many checks they had. */
  readonly halves = new Map<number, { s: Stored; checks: number; storedAt: Micros }>();
  /** Scheduled entries not yet delivered, by CommitLog index. */
  readonly scheduled = new Map<number, Stored>();
  private readonly scheduleTimers = new Map<number, SimEvent>();
  private flusher: Flusher<Stored>;
  private pending: PendingSend[] = [];
  /** Held pulls per ConsumeQueue (`topic|queueId`), oldest first; `heldCount` in all. */
  private readonly held = new Map<string, HeldPull[]>();
  private heldCount = 0;
  /** When each held pull's suspend time is over, one timer for all (see Deadlines). */
  private readonly holdDeadlines: Deadlines<HeldPull>;
  /** Master: what the slave has acknowledged, and when it was last heard. */
  slaveAck = 0;
  private slavePushed = 0;
  /** One transfer at a time: the next push waits for the slave's report (the replication lag). */
  private pushInFlight = false;
  slaveHeardAt = Number.NEGATIVE_INFINITY;
  /** The last power loss or disk failure, for the journal. */
  lostPower = false;
  diskFailed = false;
  private readonly labels: Record<
    'register' | 'ha' | 'timeout' | 'schedule' | 'check' | 'poll',
    number
  >;

  constructor(
    sim: Sim,
    id: string,
    private readonly net: Network<Wire>,
    readonly cfg: BrokerConfig,
    private readonly host: BrokerHost,
  ) {
    super(sim, id);
    this.commitLog = this.disk.log<Stored>('commitlog');
    this.labels = {
      register: sim.label('rocketmq.register'),
      ha: sim.label('rocketmq.ha'),
      timeout: sim.label('rocketmq.send-timeout'),
      schedule: sim.label('rocketmq.schedule'),
      check: sim.label('rocketmq.txn-check'),
      poll: sim.label('rocketmq.suspend'),
    };
    this.holdDeadlines = new Deadlines(this, this.labels.poll, OP_HOLD_EXPIRED);
    this.flusher = this.newFlusher();
    net.attach(this, (from, m) => this.onWire(from, m));
    this.start();
  }

  get master(): boolean {
    return this.cfg.brokerId === 0;
  }

  private newFlusher(): Flusher<Stored> {
    return new Flusher<Stored>(
      this,
      this.commitLog,
      this.cfg.syncFlush
        ? { kind: 'every-write' }
        : { kind: 'interval', intervalUs: this.cfg.flushIntervalUs },
      this.cfg.fsyncUs,
      () => this.settle(),
    );
  }

  private start(): void {
    this.flusher.start();
    this.register();
    if (this.master) {
      this.timer(this.cfg.transactionCheckIntervalUs, this.labels.check, () => this.checkHalves());
    } else {
      this.haHeartbeat();
    }
  }

  /** Registers with every NameServer now and every `registerNameServerPeriod`. */
  private register(): void {
    for (const ns of this.cfg.nameServers) {
      const n = this.host.node(ns);
      if (n)
        this.net.send(this, n, {
          type: 'register',
          brokerName: this.cfg.brokerName,
          brokerId: this.cfg.brokerId,
        });
    }
    this.timer(this.cfg.registerUs, this.labels.register, () => this.register());
  }

  /** Slave: reports its CommitLog length to the master every 5 s (and after each push). */
  private haHeartbeat(): void {
    this.reportToMaster();
    this.timer(HA_HEARTBEAT_US, this.labels.ha, () => this.haHeartbeat());
  }

  private reportToMaster(): void {
    const m = this.host.peers(this).find((p) => p.master);
    if (m) this.net.send(this, m, { type: 'ha-ack', upTo: this.commitLog.length });
  }

  private onWire(from: SimNode, m: Wire): void {
    switch (m.type) {
      case 'send':
        return this.onSend(from, m.req, m.msg, m.half, m.delayLevel);
      case 'end-transaction':
        return this.onEndTransaction(m.halfSeq, m.decision, m.fromCheck);
      case 'ha-push':
        return this.onHaPush(from, m.from, m.entries);
      case 'ha-ack':
        return this.onHaAck(m.upTo);
      case 'pull':
        return this.onPull(from, m.req, `${m.topic}|${m.queueId}`, m.offset, m.tags, m.max);
      case 'send-back':
        return this.onSendBack(from, m.req, m.s, m.group, m.maxReconsume);
      case 'update-offset':
        this.host.offsetUpdated(this, m.group, m.qkey, m.offset, m.unlock);
        return;
      case 'send-result':
      case 'check-transaction':
      case 'register':
      case 'channel-close':
      case 'get-route':
      case 'route':
      case 'pull-result':
      case 'send-back-result':
        return;
      default: {
        const never: never = m;
        throw new Error(`unknown wire message ${JSON.stringify(never)}`);
      }
    }
  }

  // ------------------------------------------------------------------------------ storing

  /** Appends to the CommitLog and dispatches to the ConsumeQueues; returns the index. */
  private append(s: Stored, how: 'append' | 'replicate'): number {
    const seq = this.commitLog.append(s);
    this.dispatch(s, seq);
    this.host.stored(this, s, how);
    this.flusher.appended();
    if (this.master) this.pushToSlaves();
    return seq;
  }

  /** ReputMessageService: index an entry where consumers, the scheduler or the checker find it. */
  private dispatch(s: Stored, seq: number): void {
    if (s.topic === HALF_TOPIC) {
      this.halves.set(seq, { s, checks: 0, storedAt: this.sim.now });
      return;
    }
    if (s.topic === OP_TOPIC) {
      this.halves.delete(s.src);
      return;
    }
    if (s.topic === SCHEDULE_TOPIC) {
      this.scheduled.set(seq, s);
      if (this.master && this.up) this.armSchedule(seq, s);
      return;
    }
    if (s.src >= 0) {
      // Delivered from the schedule: no longer waiting there.
      this.scheduled.delete(s.src);
      const t = this.scheduleTimers.get(s.src);
      if (t) this.sim.cancel(t);
      this.scheduleTimers.delete(s.src);
    }
    const k = `${s.topic}|${s.queueId}`;
    let cq = this.cqs.get(k);
    if (!cq) {
      cq = [];
      this.cqs.set(k, cq);
      this.cqPos.set(k, []);
    }
    cq.push(s);
    (this.cqPos.get(k) as number[]).push(seq);
    if (this.heldCount > 0) this.wakePulls(k);
  }

  private onSend(from: SimNode, req: number, msg: Stored, half: boolean, delayLevel: number): void {
    // checkStoreStatus: a slave, or a store marked DISK_FULL, refuses every write.
    if (!this.master || this.sim.now >= this.cfg.diskFullFromUs) {
      this.net.send(this, from, {
        type: 'send-result',
        req,
        status: 'SERVICE_NOT_AVAILABLE',
        seq: -1,
        queueId: msg.queueId,
        msgs: [msg.id],
        ack: true,
      });
      return;
    }
    let s = msg;
    if (half) s = { ...msg, topic: HALF_TOPIC, queueId: 0 };
    else if (delayLevel > 0) {
      const level = clampDelayLevel(delayLevel);
      s = {
        ...msg,
        topic: SCHEDULE_TOPIC,
        queueId: level - 1,
        dueAt: this.sim.now + (DELAY_LEVELS_MS[level - 1] as number) * 1000,
      };
    }
    const seq = this.append(s, 'append');
    const p: PendingSend = {
      from,
      req,
      s,
      seq,
      flushed: !this.cfg.syncFlush,
      replicated: this.cfg.role !== 'SYNC_MASTER',
      timer: null,
    };
    if (this.cfg.role === 'SYNC_MASTER' && !this.slaveAvailable()) {
      // No slave in sync: answer at once (SLAVE_NOT_AVAILABLE), the message stays on the master.
      p.replicated = true;
      if (p.flushed) return this.answer(p, 'SLAVE_NOT_AVAILABLE', null);
      this.pending.push(p);
      (p as PendingSend & { slaveMissing?: boolean }).slaveMissing = true;
    } else if (p.flushed && p.replicated) return this.answer(p, 'SEND_OK', null);
    else this.pending.push(p);
    p.timer = this.timer(this.cfg.syncFlushTimeoutUs, this.labels.timeout, () => {
      const i = this.pending.indexOf(p);
      if (i < 0) return;
      this.pending.splice(i, 1);
      const status: SendStatus = !p.flushed
        ? 'FLUSH_DISK_TIMEOUT'
        : (p as { slaveMissing?: boolean }).slaveMissing
          ? 'SLAVE_NOT_AVAILABLE'
          : 'FLUSH_SLAVE_TIMEOUT';
      this.answer(p, status, null);
    });
  }

  /** A slave counts while it has been heard within haHousekeepingInterval. */
  slaveAvailable(): boolean {
    return this.sim.now - this.slaveHeardAt <= HA_HOUSEKEEPING_US;
  }

  /** After an fsync or a slave acknowledgement: answer the sends that were waiting for it. */
  private settle(): void {
    if (this.pending.length === 0) return;
    const synced = this.commitLog.synced;
    const keep: PendingSend[] = [];
    for (const p of this.pending) {
      if (!p.flushed && p.seq < synced) p.flushed = true;
      if (!p.replicated && p.seq < this.slaveAck) p.replicated = true;
      if (p.flushed && p.replicated) {
        this.sim.cancel(p.timer);
        const missing = (p as { slaveMissing?: boolean }).slaveMissing === true;
        this.answer(
          p,
          missing ? 'SLAVE_NOT_AVAILABLE' : 'SEND_OK',
          this.cfg.role === 'SYNC_MASTER' && !missing
            ? 'slave'
            : this.cfg.syncFlush
              ? 'flush'
              : null,
        );
      } else keep.push(p);
    }
    this.pending = keep;
  }

  private answer(p: PendingSend, status: SendStatus, waited: 'flush' | 'slave' | null): void {
    this.host.answered(this, p.s, status, waited);
    this.net.send(this, p.from, {
      type: 'send-result',
      req: p.req,
      status,
      seq: p.seq,
      queueId: p.s.realQueueId,
      msgs: [p.s.id],
      ack: true,
    });
  }

  // --------------------------------------------------------------------------- replication

  private pushToSlaves(): void {
    if (!this.slaveAvailable() && this.slaveHeardAt < 0) return;
    const len = this.commitLog.length;
    if (this.slavePushed >= len || this.pushInFlight) return;
    this.pushInFlight = true;
    for (const sl of this.host.peers(this)) {
      if (sl.master) continue;
      this.net.send(this, sl, {
        type: 'ha-push',
        from: this.slavePushed,
        entries: this.commitLog.entries.slice(this.slavePushed, len),
      });
    }
    this.slavePushed = len;
  }

  private onHaPush(from: SimNode, start: number, entries: readonly Stored[]): void {
    if (this.master) return;
    const len = this.commitLog.length;
    if (start <= len) {
      for (let i = len - start; i < entries.length; i++)
        this.append(entries[i] as Stored, 'replicate');
    }
    this.net.send(this, from, { type: 'ha-ack', upTo: this.commitLog.length });
  }

  private onHaAck(upTo: number): void {
    if (!this.master) return;
    this.slaveHeardAt = this.sim.now;
    this.pushInFlight = false;
    const len = this.commitLog.length;
    if (upTo > len) {
      // A slave ahead of a master that lost its tail: the model resyncs it to the master.
      for (const sl of this.host.peers(this)) if (!sl.master) sl.resyncTo(len, this.lastStopId);
      this.slaveAck = len;
      this.slavePushed = len;
      return;
    }
    this.slaveAck = upTo;
    // The slave tells us where it is: send on from there (a gap after a lost push, a restart).
    if (upTo !== this.slavePushed) this.slavePushed = upTo;
    this.pushToSlaves();
    this.settle();
  }

  /**
   * A slave holds entries its restarted master lost. RocketMQ 4.x leaves the two diverged until an
   * operator acts; the model cuts the slave back to the master's length so both agree again.
   */
  resyncTo(len: number, fault: number): void {
    if (this.commitLog.length <= len) return;
    const gone = this.commitLog.truncate(len);
    this.rebuild();
    this.host.lost(this, gone, 'resync', fault);
  }

  // -------------------------------------------------------------------------------- pulling

  private onPull(
    from: SimNode,
    req: number,
    cq: string,
    offset: number,
    tags: readonly string[] | null,
    max = PULL_BATCH,
  ): void {
    const entries = this.cqs.get(cq) ?? [];
    if (offset > entries.length) {
      // OFFSET_OVERFLOW_BADLY: the consumer moves back to the queue's max offset.
      this.net.send(this, from, {
        type: 'pull-result',
        req,
        found: [],
        next: entries.length,
        moved: true,
      });
      return;
    }
    if (offset < entries.length) return this.answerPull(from, req, cq, offset, tags, max);
    // Nothing new: hold the pull (long polling) until a message arrives or 15 s pass.
    const h: HeldPull = { from, req, cq, offset, tags, max, waiting: true };
    this.holdDeadlines.add(this.sim.now + SUSPEND_US, h);
    let list = this.held.get(cq);
    if (!list) {
      list = [];
      this.held.set(cq, list);
    }
    list.push(h);
    this.heldCount++;
  }

  /** Posted ops (`after`): a held pull's suspend time is over. */
  override fire(ev: SimEvent): void {
    if (ev.op !== OP_HOLD_EXPIRED) throw new Error(`unknown broker op ${ev.op}`);
    this.holdDeadlines.fire(isWaiting, this.holdExpired);
  }

  private readonly holdExpired = (h: HeldPull): void => {
    h.waiting = false;
    const list = this.held.get(h.cq) ?? [];
    const i = list.indexOf(h);
    if (i >= 0) {
      list.splice(i, 1);
      this.heldCount--;
    }
    this.answerPull(h.from, h.req, h.cq, h.offset, h.tags, h.max);
  };

  private wakePulls(cq: string): void {
    const list = this.held.get(cq);
    if (!list || list.length === 0) return;
    // Answered in the order they were held; the list is emptied first (answers may hold anew).
    const woken = list.splice(0);
    this.heldCount -= woken.length;
    for (const h of woken) {
      h.waiting = false;
      this.answerPull(h.from, h.req, h.cq, h.offset, h.tags, h.max);
    }
  }

  private answerPull(
    from: SimNode,
    req: number,
    cq: string,
    offset: number,
    tags: readonly string[] | null,
    max: number,
  ): void {
    const entries = this.cqs.get(cq) ?? [];
    const found: { s: Stored; offset: number }[] = [];
    let next = offset;
    // The ConsumeQueue keeps a tag's hash: the broker skips other tags without reading them.
    while (next < entries.length && found.length < max) {
      const s = entries[next] as Stored;
      if (tags === null || (s.tags !== null && tags.includes(s.tags)))
        found.push({ s, offset: next });
      next++;
    }
    this.net.send(this, from, {
      type: 'pull-result',
      req,
      found,
      next,
      moved: false,
      msgs: found.map((f) => f.s.id),
      carry: found.length > 0,
    });
  }

  // ------------------------------------------------------------------- schedule and retries

  private armSchedule(seq: number, s: Stored): void {
    const t = this.timer(Math.max(0, s.dueAt - this.sim.now), this.labels.schedule, () => {
      this.scheduleTimers.delete(seq);
      if (!this.scheduled.has(seq)) return;
      this.append(
        { ...s, topic: s.realTopic, queueId: s.realQueueId, src: seq, dueAt: 0 },
        'append',
      );
    });
    this.scheduleTimers.set(seq, t);
  }

  private onSendBack(
    from: SimNode,
    req: number,
    s: Stored,
    group: string,
    maxReconsume: number,
  ): void {
    if (!this.master) {
      this.net.send(this, from, { type: 'send-back-result', req, ok: false });
      return;
    }
    // ConsumerSendMsgBackProcessor: past maxReconsumeTimes the message goes to %DLQ%group.
    const dlq = s.reconsume >= maxReconsume;
    const level = clampDelayLevel(3 + s.reconsume);
    const base = {
      ...s,
      group,
      reconsume: s.reconsume + 1,
      src: -1,
      realTopic: dlq ? dlqTopic(group) : retryTopic(group),
      realQueueId: 0,
    };
    this.host.sentBack(this, s, group, dlq, level);
    if (dlq) this.append({ ...base, topic: dlqTopic(group), queueId: 0, dueAt: 0 }, 'append');
    else
      this.append(
        {
          ...base,
          topic: SCHEDULE_TOPIC,
          queueId: level - 1,
          dueAt: this.sim.now + (DELAY_LEVELS_MS[level - 1] as number) * 1000,
        },
        'append',
      );
    this.net.send(this, from, { type: 'send-back-result', req, ok: true });
  }

  // ----------------------------------------------------------------------------- transactions

  private onEndTransaction(
    halfSeq: number,
    decision: 'commit' | 'rollback' | 'unknown',
    fromCheck: boolean,
  ): void {
    if (!this.master || decision === 'unknown') return;
    const h = this.halves.get(halfSeq);
    if (!h) return;
    this.decide(halfSeq, h.s, decision, fromCheck ? 'check' : 'producer', h.checks);
  }

  private decide(
    halfSeq: number,
    half: Stored,
    decision: 'commit' | 'rollback',
    by: 'producer' | 'check' | 'check-max',
    checks: number,
  ): void {
    this.host.txnDecided(this, half, decision, by, checks);
    this.append({ ...half, topic: OP_TOPIC, queueId: 0, src: halfSeq, op: decision }, 'append');
    if (decision === 'commit')
      this.append({ ...half, topic: half.realTopic, queueId: half.realQueueId, src: -1 }, 'append');
  }

  /** TransactionalMessageCheckService: ask about half messages older than transactionTimeOut. */
  private checkHalves(): void {
    for (const [seq, h] of [...this.halves]) {
      if (this.sim.now - h.storedAt < this.cfg.transactionTimeoutUs) continue;
      if (h.checks >= this.cfg.transactionCheckMax) {
        // Checked transactionCheckMax times without an answer: discarded (rolled back).
        this.decide(seq, h.s, 'rollback', 'check-max', h.checks);
        continue;
      }
      h.checks++;
      const p = this.host.checker(h.s.producerGroup);
      if (p)
        this.net.send(this, p, {
          type: 'check-transaction',
          halfSeq: seq,
          id: h.s.id,
          broker: this.id,
          msgs: [h.s.id],
        });
    }
    this.timer(this.cfg.transactionCheckIntervalUs, this.labels.check, () => this.checkHalves());
  }

  // ------------------------------------------------------------------------------- lifecycle

  /** Rebuilds the ConsumeQueues, half and schedule tables from the CommitLog (recovery). */
  rebuild(): void {
    this.cqs.clear();
    this.cqPos.clear();
    this.halves.clear();
    this.scheduled.clear();
    for (const t of this.scheduleTimers.values()) this.sim.cancel(t);
    this.scheduleTimers.clear();
    const es = this.commitLog.entries;
    for (let i = 0; i < es.length; i++) this.dispatch(es[i] as Stored, i);
  }

  /** The machine's disk fails: the process stops and the CommitLog is gone. */
  failDisk(cause?: number): number {
    const id = this.crash(cause);
    this.diskFailed = true;
    const gone = this.commitLog.truncate(0);
    this.rebuild();
    this.host.lost(this, gone, 'disk', id);
    return id;
  }

  protected override onStop(journalId: number, powerLoss: boolean): void {
    this.lostPower = powerLoss;
    this.flusher.stop();
    for (const p of this.pending) this.sim.cancel(p.timer);
    this.pending = [];
    this.holdDeadlines.clear();
    this.held.clear();
    this.heldCount = 0;
    this.slaveHeardAt = Number.NEGATIVE_INFINITY;
    this.pushInFlight = false;
    this.host.stopped(this, journalId, powerLoss);
    if (!powerLoss) {
      // The OS closes the process's sockets: NameServers drop its routes at once (onChannelDestroy).
      for (const ns of this.cfg.nameServers) {
        const n = this.host.node(ns);
        if (n) this.net.send(this, n, { type: 'channel-close' });
      }
    } else {
      const gone = (this.disk.lastPowerLoss.get('commitlog') ?? []) as Stored[];
      if (gone.length > 0) this.host.lost(this, gone, 'power-loss', journalId);
    }
  }

  protected override onRestart(journalId: number): void {
    this.lostPower = false;
    this.rebuild();
    this.host.recovered(this, journalId);
    this.slaveAck = 0;
    this.slavePushed = 0;
    this.flusher = this.newFlusher();
    this.start();
    if (this.master) for (const [seq, s] of this.scheduled) this.armSchedule(seq, s);
  }

  /** Ids of messages this broker's tables hold for the accounting (see the model's `held`). */
  view(): { id: string; commitLog: number; flushed: number; halves: number; scheduled: number } {
    return {
      id: this.id,
      commitLog: this.commitLog.length,
      flushed: this.commitLog.synced,
      halves: this.halves.size,
      scheduled: this.scheduled.size,
    };
  }
}

/** The broker clamps a delay level to 1..18 (ScheduleMessageService: above the max is the max). */
export function clampDelayLevel(level: number): number {
  return Math.min(Math.max(level, 1), DELAY_LEVELS_MS.length);
}

/** Message ids an entry stands for in a group's accounting. */
export type EntryIds = MsgId;
