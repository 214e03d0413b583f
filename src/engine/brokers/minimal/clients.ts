/**
 * Publishers and consumers of the single-node broker. They are processes too: they crash,
 * restart and pause like brokers, and what they held in memory is lost when they crash.
 */
import type { MsgId } from '../../check/history';
import type { Network } from '../../kernel/network';
import { sample, type Dist, type Rng } from '../../kernel/prng';
import { Sim, SimNode, type SimEvent } from '../../kernel/sim';
import type { Micros } from '../../kernel/time';
import { Connection } from '../amqp/connection';
import { lastStopOf, linksOf, notePublish, type RetryWhy } from '../amqp/links';
import { amqpConsumerDetail, connectionText, deliveryText, unconfirmedText } from '../inspect';
import type { Term } from '../../text/glossary';
import type { DetailValue } from '../../view';
import type { Database } from './database';
import type { AppMessage, Wire } from './protocol';
import { CallChain, type Service } from './services';
import { ForwardLinks, type ForwardBook, type ForwardSpec } from './forwarder';
import { WorkerPool, type WorkerDispatch } from './workers';

/** Posted timer ops (`fire`): a producer's publish slot, a consumer's processing done. */
const OP_TICK = 0;
const OP_PROCESSED = 0;

export interface ProducerConfig {
  intervalUs: Micros;
  messages: number;
  startUs: Micros;
  keys: number;
  persistent: boolean;
  confirms: boolean;
  confirmTimeoutUs: Micros;
  republishUnconfirmed: boolean;
  maxAttempts: number;
  heartbeatUs: Micros;
  reconnectDelayUs: Micros;
  /** Rate schedule: bursts at their own interval; empty for a steady rate. */
  bursts?: readonly BurstSpec[];
  /** Each publish slot is a user request to system A (`requestPath`, curriculum A2). */
  request?: RequestSpec;
}

/** The request path of a producer (system A): its own write, then calls or a publish. */
export interface RequestSpec {
  mode: 'sync' | 'async';
  localWriteUs: Micros;
  services: readonly Service[];
}

/** A burst of a producer's rate schedule, in virtual µs. */
export interface BurstSpec {
  startUs: Micros;
  endUs: Micros;
  intervalUs: Micros;
}

/** The publish interval in force at `atUs`: the first burst covering it, else the steady one. */
export function intervalAt(
  cfg: Pick<ProducerConfig, 'intervalUs' | 'bursts'>,
  atUs: Micros,
): Micros {
  for (const b of cfg.bursts ?? []) if (atUs >= b.startUs && atUs < b.endUs) return b.intervalUs;
  return cfg.intervalUs;
}

interface Outstanding {
  m: AppMessage;
  attempt: number;
  timer: SimEvent;
  /** Journal id of this attempt's `publish` entry. */
  entry: number;
}

/** Hands out message ids in event order, so they are the same on every replay. */
export class IdSource {
  private next = 0;
  take(): MsgId {
    return this.next++;
  }
  get issued(): number {
    return this.next;
  }
}

export class Producer extends SimNode {
  private produced = 0;
  private retried = 0;
  /** When publishing began: the first time the connection opened at or after `startUs`. */
  private startAt = -1;
  /** With a rate schedule: when the next publish is due (virtual µs). */
  private nextAt = -1;
  private nextTag = 1;
  private readonly outstanding = new Map<number, Outstanding>();
  /** Messages waiting for the connection to come back, to be republished. */
  private backlog: { m: AppMessage; attempt: number; why: RetryWhy }[] = [];
  private readonly keySeq = new Map<string, number>();
  private readonly rng: Rng;
  private readonly tickLabel: number;
  private readonly timeoutLabel: number;
  private readonly conn: Connection<Wire>;
  /** With a request path: the calls A makes (sync), and when each waiting request began. */
  private readonly chain: CallChain | null;
  private readonly requestStart = new Map<MsgId, Micros>();
  private localWriteLabel = -1;
  /** Latency of every answered request, in the order they were answered (µs). */
  readonly requestLatenciesUs: Micros[] = [];

  constructor(
    sim: Sim,
    id: string,
    private readonly net: Network<Wire>,
    private readonly broker: SimNode,
    private readonly ids: IdSource,
    private readonly cfg: ProducerConfig,
  ) {
    super(sim, id);
    this.rng = sim.streams.get(`workload:${id}`);
    this.tickLabel = sim.label('producer.tick');
    this.timeoutLabel = sim.label('producer.confirm-timeout');
    this.conn = new Connection<Wire>(this, net, () => broker, {
      heartbeatUs: cfg.heartbeatUs,
      reconnectDelayUs: cfg.reconnectDelayUs,
      labelPrefix: 'client',
      open: () => ({ type: 'connect' }),
      onOpen: () => this.opened(),
      onClosed: (reason) => this.connectionLost(reason),
    });
    this.chain = cfg.request ? new CallChain(this, net, cfg.request.services) : null;
    net.attach(this, (from, w) => this.receive(from, w));
    this.timer(cfg.startUs, sim.label('producer.start'), () => this.conn.connect());
  }

  private opened(): void {
    if (this.startAt < 0) {
      this.startAt = this.sim.now;
      this.schedule();
    }
    this.flushBacklog();
  }

  /** Schedules the next publish slot; slots missed while crashed are skipped, not made up. */
  private schedule(): void {
    if (this.cfg.bursts?.length) return this.scheduleShaped();
    if (this.startAt < 0 || this.produced >= this.cfg.messages) return;
    const now = this.sim.now;
    const slot = Math.max(this.produced, Math.ceil((now - this.startAt) / this.cfg.intervalUs));
    this.produced = slot;
    if (slot >= this.cfg.messages) return;
    const at = this.startAt + slot * this.cfg.intervalUs;
    this.after(at - now, this.tickLabel, OP_TICK);
  }

  /** The hot timer, posted as data (`after`): a publish slot. */
  override fire(ev: SimEvent): void {
    if (ev.op !== OP_TICK) throw new Error(`unknown producer op ${ev.op}`);
    this.produced++;
    this.publishSlot();
    this.schedule();
  }

  /**
   * `schedule` for a rate schedule with bursts: the next publish comes one interval (the one in
   * force at the last publish) after it. Time spent crashed is skipped, not made up.
   */
  private scheduleShaped(): void {
    if (this.startAt < 0 || this.produced >= this.cfg.messages) return;
    const now = this.sim.now;
    if (this.nextAt < now) this.nextAt = Math.max(now, this.startAt);
    const at = this.nextAt;
    this.timer(at - now, this.tickLabel, () => {
      this.produced++;
      this.publishSlot();
      this.nextAt = at + intervalAt(this.cfg, at);
      this.scheduleShaped();
    });
  }

  /** A publish slot: a plain publish, or a user request when the scenario has a request path. */
  private publishSlot(): void {
    const r = this.cfg.request;
    if (!r) {
      this.publishNew();
      return;
    }
    const start = this.sim.now;
    if (this.localWriteLabel < 0) this.localWriteLabel = this.sim.label('producer.local-write');
    this.timer(r.localWriteUs, this.localWriteLabel, () => {
      if (r.mode === 'sync') {
        // Synchronous: the user waits while A calls B, C and D one after another.
        this.chain?.run(() => this.answered(start));
        return;
      }
      // Asynchronous: A publishes one message and answers once the publish is done; the
      // consumers make the calls later. A refused publish is an error to the user, not an answer.
      const open = this.conn.state === 'open';
      const m = this.publishNew();
      if (!open) return;
      if (this.cfg.confirms) this.requestStart.set(m.id, start);
      else this.answered(start);
    });
  }

  private answered(start: Micros): void {
    this.requestLatenciesUs.push(this.sim.now - start);
  }

  private publishNew(): AppMessage {
    const key = `k${this.rng.int(0, this.cfg.keys - 1)}`;
    const seq = this.keySeq.get(key) ?? 0;
    this.keySeq.set(key, seq + 1);
    const m: AppMessage = {
      id: this.ids.take(),
      key,
      producer: this.id,
      seq,
      persistent: this.cfg.persistent,
    };
    this.send(m, 0);
    return m;
  }

  private send(m: AppMessage, attempt: number, why?: RetryWhy): void {
    if (attempt > 0) this.retried++;
    const sim = this.sim;
    sim.rec.op({
      type: 'send',
      at: sim.now,
      msg: m.id,
      producer: this.id,
      key: m.key,
      seq: m.seq,
      attempt,
    });
    if (this.conn.state !== 'open') {
      // The client library refuses to publish on a closed connection: the application sees an
      // error at once, and the message never leaves the process.
      const rejected = sim.rec.note('reject', this.id, [m.id], {
        reason: 'connection-closed',
        attempt,
      });
      sim.rec.op({
        type: 'outcome',
        at: sim.now,
        msg: m.id,
        producer: this.id,
        result: 'error',
        definite: true,
        error: 'connection-closed',
      });
      if (
        this.cfg.confirms &&
        this.cfg.republishUnconfirmed &&
        attempt + 1 < this.cfg.maxAttempts
      ) {
        this.backlog.push({ m, attempt: attempt + 1, why: { prev: rejected } });
      }
      return;
    }
    const entry = notePublish(sim, this.id, m.id, attempt, this.broker.id, why);
    const tag = this.nextTag++;
    this.net.send(this, this.broker, {
      type: 'publish',
      msgs: [m.id],
      carry: true,
      m,
      tag,
      confirm: this.cfg.confirms,
      session: this.conn.session,
    });
    if (!this.cfg.confirms) {
      // Without confirms the client library reports success as soon as the frame is written.
      sim.rec.op({
        type: 'outcome',
        at: sim.now,
        msg: m.id,
        producer: this.id,
        result: 'sent',
        definite: false,
      });
      return;
    }
    const timer = this.timer(this.cfg.confirmTimeoutUs, this.timeoutLabel, () =>
      this.timedOut(tag),
    );
    this.outstanding.set(tag, { m, attempt, timer, entry });
  }

  private flushBacklog(): void {
    const waiting = this.backlog;
    this.backlog = [];
    for (const b of waiting) this.send(b.m, b.attempt, b.why);
  }

  /** Unconfirmed publishes on a closed channel: the broker may or may not have them. */
  private connectionLost(reason: string): void {
    const sim = this.sim;
    const failure =
      this.outstanding.size > 0
        ? sim.rec.note(
            'confirm-timeout',
            this.id,
            [...this.outstanding.values()].map((o) => o.m.id),
            { reason },
            undefined,
            'client.indeterminate-timeout',
          )
        : undefined;
    for (const o of this.outstanding.values()) {
      sim.cancel(o.timer);
      sim.rec.op({
        type: 'outcome',
        at: sim.now,
        msg: o.m.id,
        producer: this.id,
        result: 'error',
        definite: false,
        error: reason,
      });
      if (this.cfg.republishUnconfirmed && o.attempt + 1 < this.cfg.maxAttempts)
        this.backlog.push({
          m: o.m,
          attempt: o.attempt + 1,
          why: {
            prev: o.entry,
            role: 'connection-close',
            ...(failure !== undefined ? { failure } : {}),
          },
        });
    }
    this.outstanding.clear();
  }

  private timedOut(tag: number): void {
    const o = this.outstanding.get(tag);
    if (!o) return;
    this.outstanding.delete(tag);
    const sim = this.sim;
    const failure = sim.rec.note(
      'confirm-timeout',
      this.id,
      [o.m.id],
      { attempt: o.attempt },
      undefined,
      'client.indeterminate-timeout',
    );
    sim.rec.op({
      type: 'outcome',
      at: sim.now,
      msg: o.m.id,
      producer: this.id,
      result: 'timeout',
      definite: false,
    });
    this.retry(o, { prev: o.entry, role: 'timeout', failure });
  }

  private retry(o: Outstanding, why: RetryWhy): void {
    if (this.cfg.republishUnconfirmed && o.attempt + 1 < this.cfg.maxAttempts)
      this.send(o.m, o.attempt + 1, why);
  }

  private receive(from: SimNode, w: Wire): void {
    // A service's answer first: the connection ignores every frame that is not the broker's.
    if (this.chain?.handle(w)) return;
    if (this.conn.handle(from, w)) return;
    if (w.type !== 'confirm') return;
    const o = this.outstanding.get(w.tag);
    if (!o) return; // late confirm for an attempt already given up on
    this.outstanding.delete(w.tag);
    this.sim.cancel(o.timer);
    const sim = this.sim;
    sim.rec.note('confirm-received', this.id, [o.m.id], { ok: w.ok, attempt: o.attempt });
    sim.rec.op({
      type: 'outcome',
      at: sim.now,
      msg: o.m.id,
      producer: this.id,
      result: w.ok ? 'ack' : 'nack',
      definite: w.ok,
    });
    const start = w.ok ? this.requestStart.get(o.m.id) : undefined;
    if (start !== undefined) {
      this.requestStart.delete(o.m.id);
      this.answered(start);
    }
    if (!w.ok) this.retry(o, { prev: o.entry });
  }

  protected override onStop(): void {
    this.outstanding.clear();
    this.backlog = [];
    this.requestStart.clear();
    this.chain?.reset();
    this.conn.reset();
  }

  protected override onRestart(): void {
    if (this.sim.now >= this.cfg.startUs) this.conn.connect();
    else
      this.timer(this.cfg.startUs - this.sim.now, this.sim.label('producer.start'), () =>
        this.conn.connect(),
      );
    this.schedule();
  }

  view(): {
    id: string;
    status: SimNode['status'];
    produced: number;
    outstanding: MsgId[];
    connection: Term;
    /** Publishes waiting for a confirm, by delivery tag. */
    unconfirmed: Term;
    /** Publishes that were retries (republished after a lost confirm or a reconnect). */
    retries: number;
  } {
    return {
      id: this.id,
      status: this.status,
      produced: this.produced,
      outstanding: [...this.outstanding.values()].map((o) => o.m.id),
      connection: connectionText(this.conn.state),
      unconfirmed: unconfirmedText(
        [...this.outstanding].map(([tag, o]) => [tag, { id: o.m.id, attempt: o.attempt }] as const),
      ),
      retries: this.retried,
    };
  }
}

export type SinkKind = 'insert' | 'unique-key' | 'set' | 'dedup-table';

/**
 * Where a consumer writes. It lives outside the consumer process (a database, Redis), so it
 * survives consumer crashes. `insert` applies every delivery; the other three absorb repeats:
 * a unique key rejects the second insert, a SET is naturally idempotent, a dedup table is
 * checked before processing.
 */
export class SinkStore {
  readonly rows: MsgId[] = [];
  /** Repeats the sink absorbed (not `insert`). */
  absorbed = 0;
  private readonly seen = new Set<MsgId>();
  constructor(readonly kind: SinkKind) {}

  /** Returns whether the write had an effect. */
  apply(id: MsgId): boolean {
    if (this.kind === 'insert') {
      this.rows.push(id);
      this.seen.add(id);
      return true;
    }
    if (this.seen.has(id)) {
      this.absorbed++;
      return false;
    }
    this.seen.add(id);
    this.rows.push(id);
    return true;
  }
}

/** How a consumer gets messages (I3): pushed by the broker, polled, or long-polled. */
export type DeliverySpec =
  | { mode: 'push' }
  | { mode: 'pull'; pollIntervalUs: Micros }
  | { mode: 'long-poll'; waitUs: Micros };

export interface ConsumerConfig {
  group: string;
  autoAck: boolean;
  /** Absent: pushed (basic.consume), as before. */
  delivery?: DeliverySpec;
  prefetch: number;
  processing: Dist;
  startUs: Micros;
  heartbeatUs: Micros;
  reconnectDelayUs: Micros;
  /** An in-consumer worker pool (D2): N threads, picked round robin or by key. Absent: one thread. */
  workers?: { threads: number; dispatch: WorkerDispatch };
  /** A forwarding consumer (F1): it publishes each message to a new queue instead of processing it. */
  forward?: ForwardSpec;
  /** When it cancels its subscription (basic.cancel) and finishes what it holds; absent: never. */
  stopUs?: Micros;
  /** A consumer of a forwarder's new queue (F1): journals repeats and reorders the forward caused. */
  forwarded?: { book: ForwardBook; queue: string };
}

interface Delivery {
  m: AppMessage;
  deliveryTag: number;
  /** The broker's channel that delivered it (its ack names it). */
  channel: number;
  session: number;
  /** Delivered again (`redelivered`): kept only for a forwarder, which journals a second forward. */
  redelivered?: true;
}

export type CrashMoment = 'before-process' | 'after-process';

export class Consumer extends SimNode {
  private buffer: Delivery[] = [];
  private busy = false;
  private armed: { when: CrashMoment; cause: number } | null = null;
  private readonly rng: Rng;
  private readonly procLabel: number;
  private readonly conn: Connection<Wire>;
  processing: Dist;
  /** Labels of the database timers, registered on first use (they would shift other labels). */
  private dbLabels: { write: number; retry: number } | undefined;
  private readonly chain: CallChain | null;
  /** A pulling consumer (`delivery` pull or long-poll). */
  private get pulls(): boolean {
    return this.cfg.delivery !== undefined && this.cfg.delivery.mode !== 'push';
  }
  /** Its basic.get is unanswered. */
  private polling = false;
  private pollLabel = -1;
  /** The worker pool (`workers`), or null for the single consumer thread. */
  private readonly pool: WorkerPool<Delivery> | null;
  /** The forwarding side (`forward`), or null for a consumer that processes. */
  private readonly links: ForwardLinks | null;
  /** It cancelled its subscription (`stopUs`): it takes no new deliveries. */
  private retired = false;

  constructor(
    sim: Sim,
    id: string,
    private readonly net: Network<Wire>,
    private readonly broker: SimNode,
    readonly sink: SinkStore,
    private readonly cfg: ConsumerConfig,
    /** The database every processed message is written to, when the scenario has one. */
    private readonly db: Database | null = null,
    /** Services called, in order, for each message (an asynchronous request path, A2). */
    services: readonly Service[] = [],
  ) {
    super(sim, id);
    this.chain = services.length > 0 ? new CallChain(this, net, services) : null;
    this.rng = sim.streams.get(`consumer:${id}`);
    this.processing = cfg.processing;
    this.procLabel = sim.label('consumer.process');
    this.conn = new Connection<Wire>(this, net, () => broker, {
      heartbeatUs: cfg.heartbeatUs,
      reconnectDelayUs: cfg.reconnectDelayUs,
      labelPrefix: 'client',
      open: () =>
        this.pulls
          ? { type: 'consume', prefetch: cfg.prefetch, autoAck: cfg.autoAck, pull: true }
          : { type: 'consume', prefetch: cfg.prefetch, autoAck: cfg.autoAck },
      onOpen: () => this.poll(),
      onClosed: (reason) => this.disconnected(reason),
    });
    net.attach(this, (from, w) => this.receive(from, w));
    this.pool = cfg.workers
      ? new WorkerPool<Delivery>(cfg.workers.threads, cfg.workers.dispatch)
      : null;
    this.links = cfg.forward ? new ForwardLinks(this, net, cfg.forward) : null;
    this.timer(cfg.startUs, sim.label('consumer.start'), () => this.start());
    const stopUs = cfg.stopUs;
    if (stopUs !== undefined) this.timer(stopUs, sim.label('consumer.stop'), () => this.retire());
  }

  /** Connects (a forwarder first opens its connections to the new queues, then consumes). */
  private start(): void {
    if (this.retired) return;
    if (this.links) this.links.connect(() => this.conn.connect());
    else this.conn.connect();
  }

  /**
   * basic.cancel: the broker sends it nothing more; what it already holds it processes and acks
   * (a graceful shutdown, as when a consumer is taken out of service).
   */
  private retire(): void {
    this.retired = true;
    if (this.status !== 'up' || this.conn.state !== 'open') return;
    this.net.send(this, this.broker, { type: 'cancel', session: this.conn.session });
  }

  /** The channel is gone: manual-ack deliveries still buffered will be redelivered by the broker. */
  private disconnected(reason: string): void {
    this.polling = false;
    const waiting = !this.cfg.autoAck && this.pool ? this.pool.dropWaiting() : [];
    if (waiting.length > 0)
      this.sim.rec.note(
        'remove',
        this.id,
        waiting.map((d) => d.m.id),
        { reason, unprocessed: true },
      );
    if (!this.cfg.autoAck && this.buffer.length > 0) {
      const gone = this.busy ? this.buffer.slice(1) : this.buffer;
      if (gone.length > 0)
        this.sim.rec.note(
          'remove',
          this.id,
          gone.map((d) => d.m.id),
          { reason, unprocessed: true },
        );
      this.buffer = this.busy ? this.buffer.slice(0, 1) : [];
    }
  }

  private receive(from: SimNode, w: Wire): void {
    // A service's answer first: the connection ignores every frame that is not the broker's.
    if (this.chain?.handle(w)) return;
    if (this.links?.handle(from, w)) return;
    if (this.conn.handle(from, w)) return;
    if (w.type === 'get-empty') {
      if (w.session === this.conn.session) this.emptyAnswer();
      return;
    }
    if (w.type !== 'deliver') return;
    this.polling = false;
    const sim = this.sim;
    // A forwarder is not where the message is consumed: the consumers of the new queues are.
    if (!this.links)
      sim.rec.op({
        type: 'deliver',
        at: sim.now,
        msg: w.m.id,
        consumer: this.id,
        group: this.cfg.group,
        redelivered: w.redelivered,
      });
    sim.rec.note('receive', this.id, [w.m.id], { redelivered: w.redelivered });
    const d: Delivery = {
      m: w.m,
      deliveryTag: w.deliveryTag,
      channel: w.channel,
      session: w.session,
      ...(this.links && w.redelivered ? { redelivered: true as const } : {}),
    };
    if (this.pool) {
      this.runLane(this.pool.add(d));
      return;
    }
    this.buffer.push(d);
    this.pump();
  }

  /** Worker `i` starts its next delivery, if it is idle and has one (the pool's `pump`). */
  private runLane(i: number): void {
    const pool = this.pool as WorkerPool<Delivery>;
    const lane = pool.lanes[i];
    if (!lane || lane.busy || lane.queue.length === 0 || this.status !== 'up') return;
    const d = lane.queue[0] as Delivery;
    if (this.armed?.when === 'before-process') {
      const cause = this.armed.cause;
      this.armed = null;
      this.crash(cause);
      return;
    }
    lane.busy = true;
    // Each worker samples its own service time: their variance is what reorders a key.
    this.timer(sample(this.rng, this.processing), this.procLabel, () => {
      lane.queue.shift();
      lane.busy = false;
      const ahead = pool.finished(i, d);
      const reorder =
        ahead >= 0 ? { worker: `w${i}`, ahead: `w${ahead}`, key: d.m.key } : undefined;
      if (this.complete(d, reorder)) this.runLane(i);
    });
  }

  /**
   * A pulling consumer with nothing to do asks for the next message (basic.get); a long poll
   * waits at the broker for one.
   */
  private poll(): void {
    const d = this.cfg.delivery;
    if (!d || d.mode === 'push' || this.polling || this.busy || this.buffer.length > 0) return;
    if (this.status !== 'up' || this.conn.state !== 'open') return;
    this.polling = true;
    this.net.send(this, this.broker, {
      type: 'get',
      session: this.conn.session,
      waitUs: d.mode === 'long-poll' ? d.waitUs : 0,
    });
  }

  /** basic.get found nothing: poll again after the interval (pull) or at once (long poll). */
  private emptyAnswer(): void {
    this.polling = false;
    const d = this.cfg.delivery;
    if (d?.mode !== 'pull') {
      this.poll();
      return;
    }
    if (this.pollLabel < 0) this.pollLabel = this.sim.label('consumer.poll');
    this.timer(d.pollIntervalUs, this.pollLabel, () => this.poll());
  }

  /** Processes one message at a time, in arrival order (a single consumer thread). */
  private pump(): void {
    if (!this.busy && this.buffer.length === 0 && this.pulls) this.poll();
    if (this.busy || this.buffer.length === 0 || this.status !== 'up') return;
    const d = this.buffer[0] as Delivery;
    if (this.armed?.when === 'before-process') {
      const cause = this.armed.cause;
      this.armed = null;
      this.crash(cause);
      return;
    }
    this.busy = true;
    this.after(sample(this.rng, this.processing), this.procLabel, OP_PROCESSED, d);
  }

  /** The hot timer, posted as data (`after`): processing (and then the database write) is done. */
  override fire(ev: SimEvent): void {
    if (ev.op !== OP_PROCESSED) throw new Error(`unknown consumer op ${ev.op}`);
    const d = ev.a as Delivery;
    if (this.chain) this.chain.run(() => this.stored(d));
    else this.stored(d);
  }

  /** The message's work is done (and its service calls answered): write it, or finish. */
  private stored(d: Delivery): void {
    if (this.db) this.write(d, this.db);
    else this.finish(d);
  }

  /**
   * Writes a processed message to the capacity-limited database: it completes when the database
   * has served it. A full wait queue refuses the write: a manual-ack consumer still holds the
   * delivery and retries; an auto-ack consumer holds the only copy, which is now gone.
   */
  private write(d: Delivery, db: Database): void {
    const doneAt = db.admit(this.sim.now);
    const labels = (this.dbLabels ??= {
      write: this.sim.label('consumer.db-write'),
      retry: this.sim.label('consumer.db-retry'),
    });
    if (doneAt !== null) {
      this.timer(doneAt - this.sim.now, labels.write, () => this.finish(d));
      return;
    }
    if (!this.cfg.autoAck) {
      this.timer(db.cfg.retryAfterUs, labels.retry, () => this.write(d, db));
      return;
    }
    this.buffer.shift();
    this.busy = false;
    this.sim.rec.note('drop', this.id, [d.m.id], { reason: 'db-overloaded' });
    this.pump();
  }

  /** Processing (and the database write, if any) is done: apply the effect, then ack. */
  private finish(d: Delivery): void {
    this.buffer.shift();
    this.busy = false;
    if (this.complete(d)) this.pump();
  }

  /** The effect (or the forward), then the ack. Returns false when an armed crash struck. */
  private complete(
    d: Delivery,
    /** A worker pool's reorder: this worker, the one that finished a later message of the key. */
    reorder?: { worker: string; ahead: string; key: string },
  ): boolean {
    const sim = this.sim;
    if (this.links) this.forwarded(d, this.links);
    else {
      const applied = this.sink.apply(d.m.id);
      sim.rec.op({
        type: 'effect',
        at: sim.now,
        msg: d.m.id,
        consumer: this.id,
        group: this.cfg.group,
        applied,
      });
      const fw = this.cfg.forwarded
        ? this.cfg.forwarded.book.processedBy(this.cfg.forwarded.queue, d.m)
        : null;
      if (reorder)
        sim.rec.note(
          'process',
          this.id,
          [d.m.id],
          { applied, sink: this.sink.kind, ...reorder },
          undefined,
          'consumer.worker-pool',
        );
      else if (fw?.kind === 'reorder')
        sim.rec.note(
          'process',
          this.id,
          [d.m.id],
          {
            applied,
            sink: this.sink.kind,
            key: d.m.key,
            from: this.cfg.forwarded?.queue ?? '',
            ahead: fw.ahead,
          },
          undefined,
          'consumer.forward-repartition',
        );
      else if (fw?.kind === 'repeat')
        sim.rec.note(
          'process',
          this.id,
          [d.m.id],
          { applied, sink: this.sink.kind, repeat: true },
          undefined,
          'consumer.forward-redelivered',
          linksOf(['earlier', fw.earlier], ['attempt', fw.again], ['fault', fw.fault]),
        );
      else sim.rec.note('process', this.id, [d.m.id], { applied, sink: this.sink.kind });
    }
    if (this.armed?.when === 'after-process') {
      const cause = this.armed.cause;
      this.armed = null;
      this.crash(cause);
      return false;
    }
    if (!this.cfg.autoAck) {
      // An ack on a channel that has since closed goes nowhere: the broker already requeued it.
      if (this.conn.state === 'open' && this.conn.session === d.session) {
        if (!this.links)
          sim.rec.op({
            type: 'commit',
            at: sim.now,
            msg: d.m.id,
            consumer: this.id,
            group: this.cfg.group,
            how: 'ack',
          });
        sim.rec.note('ack-sent', this.id, [d.m.id]);
        this.net.send(this, this.broker, {
          type: 'ack',
          msgs: [d.m.id],
          ack: true,
          deliveryTag: d.deliveryTag,
          channel: d.channel,
          session: d.session,
        });
      }
    }
    return true;
  }

  /**
   * The forwarder's "processing": publish to a new queue. When the previous message of the key
   * went to another queue, the two now have different consumers and their order is not kept.
   */
  private forwarded(d: Delivery, links: ForwardLinks): void {
    const m = d.m;
    const to = links.targetId(links.forward(m));
    const again = links.book.forwardCount(m.id) > 0;
    const entry = this.sim.rec.note('publish', this.id, [m.id], {
      to,
      forwarded: true,
      ...(again ? { again: true } : {}),
    });
    links.book.forwarded(m.id, entry, again ? lastStopOf(this.sim, this.id) : undefined);
  }

  /** Arms a crash at the next message, before or after processing it. */
  armCrash(when: CrashMoment, cause: number): void {
    this.armed = { when, cause };
    this.pump();
  }

  protected override onStop(journalId: number, powerLoss: boolean): void {
    const held = this.pool ? this.pool.all() : this.buffer;
    if (this.cfg.autoAck && held.length > 0) {
      // With autoAck the broker forgot these when it sent them; this buffer was the last copy.
      this.sim.rec.note(
        'drop',
        this.id,
        held.map((d) => d.m.id),
        { reason: 'auto-ack-consumer-crash' },
        journalId,
        'amqp.autoack-crash',
        linksOf(['fault', journalId]),
      );
    }
    this.buffer = [];
    this.pool?.clear();
    this.links?.reset();
    this.busy = false;
    this.armed = null;
    this.conn.reset();
    this.chain?.reset();
    this.polling = false;
    // The operating system closes the dead process's sockets and the broker sees the FIN; a
    // machine that lost power sends nothing, and the broker learns only when it reconnects.
    if (!powerLoss)
      this.net.send(this, this.broker, {
        type: 'close',
        incarnation: this.incarnation,
        cause: journalId,
      });
  }

  protected override onRestart(): void {
    if (this.links) this.start();
    else this.conn.connect();
  }

  /** Messages received and not yet processed (the client-side prefetch buffer). */
  bufferedIds(): MsgId[] {
    if (this.pool) return this.pool.all().map((d) => d.m.id);
    return this.buffer.map((d) => d.m.id);
  }

  /** The inspector's view: what it is processing, what waits in its buffer, its sink. */
  inspect(): Record<string, DetailValue> {
    const d = this.pool
      ? this.pool.lanes.find((l) => l.busy)?.queue[0]
      : this.busy
        ? this.buffer[0]
        : undefined;
    return amqpConsumerDetail({
      connection: this.conn.state,
      processing: d ? deliveryText(d.m.id, d.deliveryTag) : null,
      buffered: this.bufferedIds(),
      sink: this.sink,
    });
  }

  get connection(): string {
    return this.conn.state;
  }
}
