/**
 * A RocketMQ push consumer (DefaultMQPushConsumer, 4.9.x client): long-polling pulls underneath,
 * a process queue per message queue, and a listener.
 *
 * Clustering: the consumers of a group split the queues (and the group's `%RETRY%` queues) by the
 * allocation strategy; each rebalances every `rebalanceInterval` (20 s) and when the broker tells
 * it the group changed. Offsets live in memory and are persisted to the broker every
 * `persistConsumerOffsetInterval` (5 s) and when a queue is given up, so a crash or a rebalance
 * hands the next owner an older offset: what was consumed since is consumed again.
 * Broadcasting: every consumer reads every queue; offsets are persisted to a local file every 5 s;
 * a failed message is not retried.
 *
 * Concurrent listeners process on `consumeThreadMin` threads in parallel; a failure
 * (RECONSUME_LATER) sends the message back to the broker (`%RETRY%group` through the delay levels,
 * or `%DLQ%group` after `maxReconsumeTimes`). Orderly listeners hold a lock on each queue at its
 * master and process one message of a queue at a time; a failure suspends the queue
 * (`suspendCurrentQueueTimeMillis`) and retries the same message locally.
 */
import type { MsgId } from '../../check/history';
import type { Network } from '../../kernel/network';
import { sample, type Dist, type Rng } from '../../kernel/prng';
import { SimNode, type Sim, type SimEvent } from '../../kernel/sim';
import type { Micros } from '../../kernel/time';
import type { KafkaSink } from '../kafka/sink';
import { allocate, type AllocateOptions, type AllocQueue } from './allocate';
import { Deadlines } from './deadlines';
import { qkeyOf, retryTopic, type BrokerRoute, type Stored, type Wire } from './protocol';

/** pullTimeDelayMillsWhenException (3 s) and the suspended-pull request timeout (30 s). */
const PULL_RETRY_US = 3_000_000;
const PULL_TIMEOUT_US = 30_000_000;
/** pullThresholdForQueue (1000 messages): pull again later when the process queue is fuller. */
const PULL_THRESHOLD = 1000;
const FLOW_CONTROL_US = 50_000;
/** submitConsumeRequestLater after a failed send-back (5 s). */
const CONSUME_LATER_US = 5_000_000;
/** ProcessQueue.REBALANCE_LOCK_INTERVAL: orderly consumers renew their queue locks every 20 s. */
const LOCK_RENEW_US = 20_000_000;

/** Posted ops (`after` / `fire`): the hot path schedules data, not closures. */
const OP_PULL = 0;
const OP_CONSUMED = 1;
const OP_PULL_TIMEOUT = 2;
const OP_LITE_DONE = 3;

/**
 * DefaultLitePullConsumer (4.9.x): the application's loop `for (;;) { msgs = poll(); process(msgs); }`.
 * Defaults checked against rocketmq-all-4.9.x DefaultLitePullConsumer: pullBatchSize 10,
 * pollTimeoutMillis 5000, autoCommit true, autoCommitIntervalMillis 5000.
 */
export interface LitePullConfig {
  batch: number;
  pollTimeoutUs: Micros;
  autoCommit: boolean;
  autoCommitUs: Micros;
}

/** One consume request of the lite pull consumer's cache: what one pull brought from one queue. */
interface Batch {
  pq: PQ;
  items: { s: Stored; offset: number }[];
}

/**
 * When an armed crash happens: as the listener is handed its next message (`before-process`),
 * right after the listener's next message took effect (`after-process`), or right after the next
 * persistConsumerOffset sent the offsets to the broker (`after-commit`).
 */
export type CrashMoment = 'before-process' | 'after-process' | 'after-commit';

export interface ConsumerConfig {
  group: string;
  /** The group as the checker counts it: the group, or `group@consumer` when broadcasting. */
  checkGroup: string;
  topic: string;
  tags: readonly string[] | null;
  broadcasting: boolean;
  orderly: boolean;
  fromFirst: boolean;
  /** allocateMessageQueueStrategy and what it needs. */
  alloc: AllocateOptions;
  maxReconsume: number;
  suspendUs: Micros;
  persistUs: Micros;
  threads: number;
  processing: Dist;
  failTimes: number;
  failEvery: number;
  startUs: Micros;
  rebalanceUs: Micros;
  pollUs: Micros;
  /** A DefaultLitePullConsumer, or null for a push consumer. */
  lite: LitePullConfig | null;
}

/** What the consumer asks of the model. */
export interface ConsumerHost {
  node(id: string): SimNode | undefined;
  refused(n: SimNode): boolean;
  nameServer(i: number): SimNode | undefined;
  members(group: string): string[];
  join(c: RocketConsumer): void;
  leave(c: RocketConsumer, fault: number): void;
  /** The group's offset for a queue at its broker, or -1. */
  committed(group: string, qkey: string): number;
  /** The queue's max offset (for CONSUME_FROM_LAST_OFFSET); journals what the group skips. */
  startAtEnd(c: RocketConsumer, qkey: string): number;
  /** Orderly: lock a queue at its master (false when held by another live client or no master). */
  lock(group: string, qkey: string, consumer: string): boolean;
  /** The consumer starts reading a queue at `offset` (the model journals what it reads again). */
  resumed(c: RocketConsumer, qkey: string, offset: number, assignEntry: number): void;
  delivered(c: RocketConsumer, qkey: string, end: number): void;
  /** How many times this message failed in this group so far (and count one more if `add`). */
  failures(group: string, id: MsgId, add: boolean): number;
  /** A broadcasting consumer dropped a failed message (no retry in broadcasting). */
  discarded(c: RocketConsumer, s: Stored): void;
  /** A message the listener will consume again (RECONSUME_LATER, SUSPEND_CURRENT_QUEUE_A_MOMENT). */
  again(c: RocketConsumer, s: Stored, how: 'send-back' | 'suspend'): void;
}

interface PQ {
  qkey: string;
  brokerName: string;
  topic: string;
  queueId: number;
  next: number;
  /** Pulled, not yet done, by offset (insertion order is offset order). */
  msgs: Map<number, Stored>;
  maxPulled: number;
  pulling: boolean;
  dropped: boolean;
  busy: boolean;
  suspended: boolean;
}

export class RocketConsumer extends SimNode {
  private routes: Record<string, BrokerRoute[]> = {};
  readonly pqs = new Map<string, PQ>();
  /** In-memory offset table (RemoteBrokerOffsetStore / LocalFileOffsetStore). */
  readonly offsets = new Map<string, number>();
  /** Broadcasting: the local offsets file, as last persisted (survives a crash). */
  private readonly localFile = new Map<string, number>();
  private work: { pq: PQ; s: Stored; offset: number }[] = [];
  private busy = 0;
  private nextReq = 1;
  private readonly pulls = new Map<number, { pq: PQ; to: string }>();
  /** Pull request timeouts, one timer for all (see Deadlines). */
  private readonly pullDeadlines: Deadlines<number>;
  private readonly backs = new Map<
    number,
    { pq: PQ; s: Stored; offset: number; timer: SimEvent }
  >();
  private readonly rng: Rng;
  private readonly labels: Record<
    'rebalance' | 'persist' | 'pull' | 'work' | 'route' | 'lock',
    number
  >;
  assignEntry = -1;
  /** A crash armed for a moment of this consumer's work (the `crash` fault's `when`). */
  private armed: { when: CrashMoment; cause: number } | null = null;
  /** Lite pull: the consume request cache, the batch the application is processing, and poll(). */
  private batches: Batch[] = [];
  private polling: (Batch & { i: number }) | null = null;
  private waitingInPoll = false;
  private pollTimer: SimEvent | null = null;
  private nextAutoCommit = 0;
  /** Lite pull: where each queue's consumption got to at poll() (AssignedMessageQueue consumeOffset). */
  private readonly consumeOffsets = new Map<string, number>();
  private nsIndex = 0;
  private started = false;

  constructor(
    sim: Sim,
    id: string,
    private readonly net: Network<Wire>,
    readonly cfg: ConsumerConfig,
    /** The group's database (shared by its consumers: a unique key holds across them). */
    readonly sink: KafkaSink,
    initialRoutes: Record<string, BrokerRoute[]>,
    private readonly host: ConsumerHost,
  ) {
    super(sim, id);
    this.routes = initialRoutes;
    this.rng = sim.streams.get(`rocketmq.consumer.${id}`);
    this.labels = {
      rebalance: sim.label('rocketmq.rebalance'),
      persist: sim.label('rocketmq.persist-offset'),
      pull: sim.label('rocketmq.pull'),
      work: sim.label('rocketmq.consume'),
      route: sim.label('rocketmq.route-poll'),
      lock: sim.label('rocketmq.lock'),
    };
    this.pullDeadlines = new Deadlines(this, this.labels.pull, OP_PULL_TIMEOUT);
    net.attach(this, (from, m) => this.onWire(from, m));
    this.timer(cfg.startUs, this.labels.rebalance, () => this.start());
  }

  private start(): void {
    this.started = true;
    if (!this.cfg.broadcasting) this.host.join(this);
    this.rebalance('start');
    this.loop(this.cfg.rebalanceUs, this.labels.rebalance, () => this.rebalance('periodic'));
    this.loop(this.cfg.persistUs, this.labels.persist, () => this.persist());
    this.loop(this.cfg.pollUs, this.labels.route, () => this.pollRoute());
    if (this.cfg.orderly) this.loop(LOCK_RENEW_US, this.labels.lock, () => this.relock());
    if (this.cfg.lite) {
      this.nextAutoCommit = this.sim.now + this.cfg.lite.autoCommitUs;
      this.pollStart();
    }
  }

  private loop(everyUs: Micros, label: number, fn: () => void): void {
    this.timer(everyUs, label, () => {
      fn();
      this.loop(everyUs, label, fn);
    });
  }

  private pollRoute(): void {
    const ns = this.host.nameServer(this.nsIndex);
    if (ns && ns.status === 'up') this.net.send(this, ns, { type: 'get-route', req: 0 });
    else this.nsIndex++;
  }

  /** Every queue the group may read: the topic's readable queues, and its retry queues. */
  private queues(): AllocQueue[] {
    const out: AllocQueue[] = [];
    const topic = this.cfg.topic;
    const retry = retryTopic(this.cfg.group);
    for (const r of this.routes[topic] ?? []) {
      const brokerName = r.brokerName;
      for (let q = 0; q < r.readQueueNums; q++)
        out.push({ key: qkeyOf(brokerName, topic, q), brokerName, topic, queueId: q });
      if (!this.cfg.broadcasting)
        out.push({ key: qkeyOf(brokerName, retry, 0), brokerName, topic: retry, queueId: 0 });
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** RebalanceImpl.rebalanceByTopic, then updateProcessQueueTableInRebalance. */
  rebalance(why: 'start' | 'periodic' | 'notified'): void {
    if (!this.started || this.status !== 'up') return;
    const all = this.queues();
    const mine = this.cfg.broadcasting
      ? all.map((q) => q.key)
      : allocate(this.cfg.alloc, this.id, all, this.host.members(this.cfg.group));
    const want = new Set(mine);
    const removed = [...this.pqs.keys()].filter((k) => !want.has(k));
    const added = mine.filter((k) => !this.pqs.has(k));
    if (removed.length === 0 && added.length === 0) return;
    this.assignEntry = this.sim.rec.note('assign', this.id, undefined, {
      group: this.cfg.checkGroup,
      queues: mine.join(','),
      why,
    });
    for (const k of removed) {
      const pq = this.pqs.get(k) as PQ;
      pq.dropped = true;
      this.persistOne(k, true);
      this.pqs.delete(k);
      this.offsets.delete(k);
      this.consumeOffsets.delete(k);
    }
    for (const k of added) {
      const [brokerName = '', topic = '', q = '0'] = k.split('|');
      const pq: PQ = {
        qkey: k,
        brokerName,
        topic,
        queueId: Number(q),
        next: 0,
        msgs: new Map(),
        maxPulled: -1,
        pulling: false,
        dropped: false,
        busy: false,
        suspended: false,
      };
      if (this.cfg.orderly && !this.host.lock(this.cfg.group, k, this.id)) continue;
      pq.next = this.readOffset(k, topic);
      this.offsets.set(k, pq.next);
      if (this.cfg.lite) this.consumeOffsets.set(k, pq.next);
      this.pqs.set(k, pq);
      this.host.resumed(this, k, pq.next, this.assignEntry);
      this.pull(pq);
    }
  }

  /** computePullFromWhere: the stored offset, else where consumeFromWhere says. */
  private readOffset(k: string, topic: string): number {
    const stored = this.cfg.broadcasting
      ? (this.localFile.get(k) ?? -1)
      : this.host.committed(this.cfg.group, k);
    if (stored >= 0) return stored;
    if (this.cfg.fromFirst || topic !== this.cfg.topic) return 0;
    return this.host.startAtEnd(this, k);
  }

  private relock(): void {
    for (const { key: k } of this.queues()) {
      if (this.pqs.has(k)) this.host.lock(this.cfg.group, k, this.id);
    }
    // Queues the rebalance could not lock are tried again at the next rebalance.
    this.rebalance('periodic');
  }

  /** Per broker group of the cached route: its process ids, master first (rebuilt with the route). */
  private addrsOf: Map<string, string[]> | null = null;

  /** The broker process to pull from: the master, else a slave, from the cached route. */
  private target(pq: PQ): SimNode | null {
    let by = this.addrsOf;
    if (by === null) {
      by = new Map();
      for (const r of this.routes[this.cfg.topic] ?? []) {
        if (by.has(r.brokerName)) continue;
        const ids = Object.keys(r.addrs)
          .map(Number)
          .sort((a, b) => a - b);
        by.set(
          r.brokerName,
          ids.map((i) => r.addrs[i] as string),
        );
      }
      this.addrsOf = by;
    }
    for (const id of by.get(pq.brokerName) ?? []) {
      const n = this.host.node(id);
      if (n) return n;
    }
    return null;
  }

  private pull(pq: PQ, delayUs = 0): void {
    if (pq.pulling || pq.dropped) return;
    pq.pulling = true;
    this.after(delayUs, this.labels.pull, OP_PULL, pq);
  }

  /** The pull's delay is over: send it (PullAPIWrapper.pullKernelImpl). */
  private pullNow(pq: PQ): void {
    pq.pulling = false;
    if (pq.dropped || this.pqs.get(pq.qkey) !== pq) return;
    if (pq.msgs.size >= PULL_THRESHOLD) return this.pull(pq, FLOW_CONTROL_US);
    const to = this.target(pq);
    if (!to || this.host.refused(to)) return this.pull(pq, PULL_RETRY_US);
    const req = this.nextReq++;
    pq.pulling = true;
    const msg: Wire & { type: 'pull' } = {
      type: 'pull',
      req,
      group: this.cfg.group,
      topic: pq.topic,
      queueId: pq.queueId,
      offset: pq.next,
      tags: pq.topic === this.cfg.topic ? this.cfg.tags : null,
    };
    if (this.cfg.lite) msg.max = this.cfg.lite.batch;
    this.net.send(this, to, msg);
    this.pullDeadlines.add(this.sim.now + PULL_TIMEOUT_US, req);
    this.pulls.set(req, { pq, to: to.id });
  }

  private readonly pullWaiting = (req: number): boolean => this.pulls.has(req);

  /** No answer to pull `req` within the request timeout: pull again later. */
  private readonly pullTimedOut = (req: number): void => {
    const p = this.pulls.get(req);
    if (!p) return;
    this.pulls.delete(req);
    p.pq.pulling = false;
    this.pull(p.pq, PULL_RETRY_US);
  };

  override fire(ev: SimEvent): void {
    switch (ev.op) {
      case OP_PULL:
        return this.pullNow(ev.a as PQ);
      case OP_CONSUMED:
        return this.consumed(ev.a as PQ, ev.b as Stored, ev.x);
      case OP_PULL_TIMEOUT:
        return this.pullDeadlines.fire(this.pullWaiting, this.pullTimedOut);
      case OP_LITE_DONE:
        return this.liteDone(ev.a as Stored);
      default:
        throw new Error(`unknown consumer op ${ev.op}`);
    }
  }

  private onWire(_from: SimNode, w: Wire): void {
    switch (w.type) {
      case 'route':
        this.routes = w.routes;
        this.addrsOf = null;
        return;
      case 'pull-result': {
        const p = this.pulls.get(w.req);
        if (!p) return;
        this.pulls.delete(w.req);
        const pq = p.pq;
        pq.pulling = false;
        if (pq.dropped || this.pqs.get(pq.qkey) !== pq) return;
        const items: Batch['items'] | null = this.cfg.lite ? [] : null;
        for (const f of w.found) {
          pq.msgs.set(f.offset, f.s);
          pq.maxPulled = Math.max(pq.maxPulled, f.offset);
          if (items) items.push({ s: f.s, offset: f.offset });
          else if (!this.cfg.orderly) this.work.push({ pq, s: f.s, offset: f.offset });
        }
        pq.next = w.next;
        if (w.moved) {
          this.offsets.set(pq.qkey, w.next);
          if (items) this.consumeOffsets.set(pq.qkey, w.next);
        }
        if (w.found.length > 0) this.host.delivered(this, pq.qkey, w.next);
        if (items) {
          if (items.length > 0) this.batches.push({ pq, items });
          this.pollTake();
        } else if (this.cfg.orderly) this.consumeOrderly(pq);
        else this.dispatch();
        this.pull(pq);
        return;
      }
      case 'send-back-result': {
        const b = this.backs.get(w.req);
        if (!b) return;
        this.backs.delete(w.req);
        this.sim.cancel(b.timer);
        if (!w.ok) return this.later(b.pq, b.s, b.offset);
        this.done(b.pq, b.offset);
        if (this.cfg.orderly) {
          // The orderly queue waited for this answer before its next message.
          b.pq.busy = false;
          this.consumeOrderly(b.pq);
        }
        return;
      }
      default:
        return;
    }
  }

  // ------------------------------------------------------------------------ lite pull (poll)

  /**
   * The application calls poll(): first maybeAutoCommit (commit what earlier polls returned, once
   * autoCommitIntervalMillis has passed since the last commit), then wait up to pollTimeoutMillis
   * for a consume request (DefaultLitePullConsumerImpl.poll, 4.9.x).
   */
  private pollStart(): void {
    const lite = this.cfg.lite as LitePullConfig;
    if (lite.autoCommit && this.sim.now >= this.nextAutoCommit) {
      this.commitAll();
      this.nextAutoCommit = this.sim.now + lite.autoCommitUs;
    }
    this.waitingInPoll = true;
    this.pollTake();
    if (this.waitingInPoll)
      this.pollTimer = this.timer(lite.pollTimeoutUs, this.labels.work, () => {
        this.pollTimer = null;
        // poll() returned an empty list: the loop calls it again.
        if (this.waitingInPoll) this.pollStart();
      });
  }

  /** A waiting poll() takes the next consume request: the queue's consumeOffset moves past it. */
  private pollTake(): void {
    while (this.waitingInPoll && this.batches.length > 0) {
      const b = this.batches.shift() as Batch;
      if (b.pq.dropped || this.pqs.get(b.pq.qkey) !== b.pq) continue;
      this.waitingInPoll = false;
      this.sim.cancel(this.pollTimer);
      this.pollTimer = null;
      const pq = b.pq;
      // ProcessQueue.removeMessage at poll time, before the application has processed anything.
      for (const it of b.items) pq.msgs.delete(it.offset);
      let next = pq.maxPulled + 1;
      for (const k of pq.msgs.keys()) {
        next = k;
        break;
      }
      this.consumeOffsets.set(pq.qkey, next);
      this.polling = { ...b, i: 0 };
      this.processNext();
    }
  }

  /** commitAll: every assigned queue's consumeOffset into the offset store (persisted every 5 s). */
  private commitAll(): void {
    for (const [k, off] of this.consumeOffsets) if (this.pqs.has(k)) this.offsets.set(k, off);
  }

  /** The application processes the polled batch one message at a time. */
  private processNext(): void {
    const p = this.polling;
    if (p === null) return;
    if (p.i >= p.items.length) {
      this.polling = null;
      // autoCommit off: the program calls commitSync() after each batch.
      if (!(this.cfg.lite as LitePullConfig).autoCommit) this.commitAll();
      return this.pollStart();
    }
    const it = p.items[p.i++] as Batch['items'][number];
    if (this.armed?.when === 'before-process') return this.crashNow();
    const sim = this.sim;
    sim.rec.op({
      type: 'deliver',
      at: sim.now,
      msg: it.s.id,
      consumer: this.id,
      group: this.cfg.checkGroup,
      redelivered: false,
    });
    const at = sim.now + Math.max(0, Math.round(sample(this.rng, this.cfg.processing)));
    sim.postAt(at, this.labels.work, this, OP_LITE_DONE, it.s, null, null, 0, 0, this);
  }

  private liteDone(s: Stored): void {
    this.effect(s);
    if (this.armed?.when === 'after-process') return this.crashNow();
    this.processNext();
  }

  // ---------------------------------------------------------------------------- consuming

  private dispatch(): void {
    while (this.busy < this.cfg.threads && this.work.length > 0) {
      const x = this.work.shift() as { pq: PQ; s: Stored; offset: number };
      if (x.pq.dropped) continue;
      this.busy++;
      this.consume(x.pq, x.s, x.offset);
    }
  }

  private consumeOrderly(pq: PQ): void {
    if (pq.busy || pq.suspended || pq.dropped) return;
    const first = pq.msgs.entries().next();
    if (first.done === true) return;
    const [offset, s] = first.value;
    pq.busy = true;
    this.consume(pq, s, offset);
  }

  /** The listener is free for the next message: of this queue (orderly) or of any (concurrent). */
  private next(pq: PQ): void {
    if (this.cfg.orderly) {
      pq.busy = false;
      this.consumeOrderly(pq);
    } else {
      this.busy--;
      this.dispatch();
    }
  }

  /** Hands one message to the listener; `consumed` handles its result. */
  private consume(pq: PQ, s: Stored, offset: number): void {
    const sim = this.sim;
    if (this.armed?.when === 'before-process') return this.crashNow();
    sim.rec.op({
      type: 'deliver',
      at: sim.now,
      msg: s.id,
      consumer: this.id,
      group: this.cfg.checkGroup,
      redelivered: s.reconsume > 0,
    });
    const at = sim.now + Math.max(0, Math.round(sample(this.rng, this.cfg.processing)));
    sim.postAt(at, this.labels.work, this, OP_CONSUMED, pq, s, null, offset, 0, this);
  }

  /** The message's effect on the group's database (the listener or the program succeeded). */
  private effect(s: Stored): void {
    const sim = this.sim;
    const applied = this.sink.apply(s.id);
    sim.rec.op({
      type: 'effect',
      at: sim.now,
      msg: s.id,
      consumer: this.id,
      group: this.cfg.checkGroup,
      applied,
    });
  }

  /** The listener returned for one message. */
  private consumed(pq: PQ, s: Stored, offset: number): void {
    // Most listeners never fail: skip the per-message failure bookkeeping for them.
    const failing =
      this.cfg.failTimes > 0 &&
      s.id % this.cfg.failEvery === 0 &&
      this.host.failures(this.failGroup(), s.id, false) < this.cfg.failTimes;
    if (!failing) {
      this.effect(s);
      if (!pq.dropped) this.done(pq, offset);
      if (this.armed?.when === 'after-process') return this.crashNow();
      return this.next(pq);
    }
    const tries = this.host.failures(this.failGroup(), s.id, true);
    if (pq.dropped) return this.next(pq);
    if (this.cfg.broadcasting) {
      // ConsumeMessageConcurrentlyService: "BROADCASTING, the message consume failed, drop it".
      this.host.discarded(this, s);
      this.done(pq, offset);
      return this.next(pq);
    }
    if (this.cfg.orderly && tries <= this.cfg.maxReconsume) {
      // SUSPEND_CURRENT_QUEUE_A_MOMENT: the same message again after a pause.
      this.host.again(this, s, 'suspend');
      pq.suspended = true;
      this.timer(this.cfg.suspendUs, this.labels.work, () => {
        pq.suspended = false;
        this.next(pq);
      });
      return;
    }
    this.sendBack(
      pq,
      { ...s, reconsume: this.cfg.orderly ? Math.max(s.reconsume, tries) : s.reconsume },
      offset,
    );
    if (this.cfg.orderly) return; // the queue waits for the send-back's answer
    this.next(pq);
  }

  /** The group failures count in: the group, or each broadcasting consumer on its own. */
  private failGroup(): string {
    return this.cfg.broadcasting ? `${this.cfg.group}@${this.id}` : this.cfg.group;
  }

  private sendBack(pq: PQ, s: Stored, offset: number): void {
    const r = (this.routes[this.cfg.topic] ?? []).find((x) => x.brokerName === pq.brokerName);
    const master = r?.addrs[0] !== undefined ? this.host.node(r.addrs[0]) : undefined;
    if (!master || this.host.refused(master)) return this.later(pq, s, offset);
    const req = this.nextReq++;
    if (s.reconsume < this.cfg.maxReconsume) this.host.again(this, s, 'send-back');
    this.net.send(this, master, {
      type: 'send-back',
      req,
      s,
      group: this.cfg.group,
      maxReconsume: this.cfg.maxReconsume,
      msgs: [s.id],
    });
    const timer = this.timer(PULL_RETRY_US, this.labels.work, () => {
      if (!this.backs.delete(req)) return;
      this.later(pq, s, offset);
    });
    this.backs.set(req, { pq, s, offset, timer });
  }

  /** The send-back failed: consume it again here in 5 s (submitConsumeRequestLater). */
  private later(pq: PQ, s: Stored, offset: number): void {
    this.timer(CONSUME_LATER_US, this.labels.work, () => {
      if (pq.dropped) return;
      if (this.cfg.orderly) {
        pq.busy = false;
        return this.consumeOrderly(pq);
      }
      this.work.push({ pq, s, offset });
      this.dispatch();
    });
  }

  /** ProcessQueue.removeMessage: the offset to keep is the smallest one still in the queue. */
  private done(pq: PQ, offset: number): void {
    pq.msgs.delete(offset);
    let min = pq.maxPulled + 1;
    for (const k of pq.msgs.keys()) {
      min = k;
      break;
    }
    const cur = this.offsets.get(pq.qkey) ?? 0;
    if (min > cur) this.offsets.set(pq.qkey, min);
  }

  /** persistConsumerOffset: every queue's offset to its broker (or the local file). */
  private persist(): void {
    for (const k of this.pqs.keys()) this.persistOne(k, false);
    if (this.armed?.when === 'after-commit') this.crashNow();
  }

  /** Arms a crash at a moment of this consumer's work (see CrashMoment). */
  armCrash(when: CrashMoment, cause: number): void {
    this.armed = { when, cause };
    if (when !== 'before-process' || this.status !== 'up' || this.cfg.lite) return;
    // Work already waiting would not pass through dispatch again on its own.
    if (this.cfg.orderly) for (const pq of this.pqs.values()) this.consumeOrderly(pq);
    else this.dispatch();
  }

  private crashNow(): void {
    const armed = this.armed;
    this.armed = null;
    if (armed && this.status === 'up') this.crash(armed.cause);
  }

  private persistOne(k: string, unlock: boolean): void {
    const off = this.offsets.get(k);
    if (off === undefined) return;
    if (this.cfg.broadcasting) {
      this.localFile.set(k, off);
      return;
    }
    const pq = this.pqs.get(k);
    if (!pq) return;
    const to = this.target(pq);
    if (!to || this.host.refused(to)) return;
    this.net.send(this, to, {
      type: 'update-offset',
      group: this.cfg.group,
      qkey: k,
      offset: off,
      unlock,
      ack: true,
    });
  }

  protected override onStop(journalId: number): void {
    this.armed = null;
    this.pqs.clear();
    this.offsets.clear();
    this.work = [];
    this.busy = 0;
    this.batches = [];
    this.polling = null;
    this.waitingInPoll = false;
    this.pollTimer = null;
    this.consumeOffsets.clear();
    this.pulls.clear();
    this.pullDeadlines.clear();
    this.backs.clear();
    this.started = false;
    if (!this.cfg.broadcasting) this.host.leave(this, journalId);
  }

  protected override onRestart(): void {
    this.timer(0, this.labels.rebalance, () => this.start());
  }

  /** A broker's process died: pulls held there fail at once and are retried in 3 s. */
  connectionReset(broker: string): void {
    for (const [req, p] of [...this.pulls]) {
      if (p.to !== broker) continue;
      this.pulls.delete(req);
      p.pq.pulling = false;
      this.pull(p.pq, PULL_RETRY_US);
    }
  }

  /** A broker group's master recovered shorter queues: offsets past their end go back to it. */
  clampTo(brokerName: string, lengthOf: (topic: string, queueId: number) => number): void {
    for (const pq of this.pqs.values()) {
      if (pq.brokerName !== brokerName) continue;
      const len = lengthOf(pq.topic, pq.queueId);
      if (pq.next > len) pq.next = len;
      if ((this.offsets.get(pq.qkey) ?? 0) > len) this.offsets.set(pq.qkey, len);
      if (pq.maxPulled >= len) pq.maxPulled = len - 1;
      for (const k of [...pq.msgs.keys()]) if (k >= len) pq.msgs.delete(k);
    }
    for (const [k, v] of this.localFile)
      if (k.startsWith(`${brokerName}|`) && v > 0) {
        const [, t = '', q = '0'] = k.split('|');
        this.localFile.set(k, Math.min(v, lengthOf(t, Number(q))));
      }
  }

  /** Messages pulled and not yet done. */
  heldIds(f: (id: MsgId) => void): void {
    for (const pq of this.pqs.values()) for (const s of pq.msgs.values()) f(s.id);
    for (const b of this.backs.values()) f(b.s.id);
    const p = this.polling;
    if (p)
      for (let i = Math.max(0, p.i - 1); i < p.items.length; i++)
        f((p.items[i] as Batch['items'][number]).s.id);
  }

  view(): {
    id: string;
    status: SimNode['status'];
    group: string;
    queues: string[];
    offsets: string;
    processing: number;
  } {
    return {
      id: this.id,
      status: this.status,
      group: this.cfg.checkGroup,
      queues: [...this.pqs.keys()],
      offsets: [...this.offsets]
        .map(
          ([k, v]) =>
            `${k.split('|').slice(0, 1).join('')}:${k.split('|')[2] ?? ''}${k.includes('%RETRY%') ? 'r' : ''}=${v}`,
        )
        .join(' '),
      processing: this.busy,
    };
  }
}
