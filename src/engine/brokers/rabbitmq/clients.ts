/**
 * Publishers and consumers of the RabbitMQ model (AMQP 0-9-1 clients). They are processes: they
 * crash and restart, and lose what they held in memory. Connections use heartbeats and the
 * client libraries' automatic recovery (reconnect after `reconnectDelayMs`).
 */
import type { MsgId } from '../../check/history';
import type { Network } from '../../kernel/network';
import { sample, type Dist, type Rng } from '../../kernel/prng';
import { Sim, SimNode, type SimEvent } from '../../kernel/sim';
import type { Micros } from '../../kernel/time';
import type { SinkStore } from '../minimal/clients';
import { Connection } from '../amqp/connection';
import { linksOf, notePublish, type RetryWhy } from '../amqp/links';
import { amqpConsumerDetail, connectionText, deliveryText, unconfirmedText } from '../inspect';
import type { DetailValue } from '../../view';
import type { Publish, Wire } from './protocol';
import type { Headers } from './routing';

export interface PublisherConfig {
  vhost: string;
  exchange: string;
  routingKeys: string[];
  headers: Headers;
  intervalUs: Micros;
  messages: number;
  startUs: Micros;
  bodyBytes: number;
  persistent: boolean;
  expiration?: string;
  mandatory: boolean;
  confirms: boolean;
  tx: boolean;
  txBatch: number;
  /** Every Nth transaction is rolled back instead of committed (0: never). */
  txRollbackEvery: number;
  confirmTimeoutUs: Micros;
  republishUnconfirmed: boolean;
  maxAttempts: number;
  heartbeatUs: Micros;
  reconnectDelayUs: Micros;
}

/** Hands out message ids in event order, so they are the same on every replay. */
export class IdSource {
  private next = 0;
  take(): MsgId {
    return this.next++;
  }
}

interface Outstanding {
  p: Publish;
  attempt: number;
  timer: SimEvent | null;
  /** Journal id of this attempt's `publish` entry (-1 before it is sent). */
  entry: number;
  /** For a publish waiting to be sent again: why. */
  why?: RetryWhy;
}

/** Posted event ops of a publisher (`after` + `fire`: no closure per message). */
const P_TICK = 0;
const P_CONFIRM_TIMEOUT = 1;

export class RabbitPublisher extends SimNode {
  private produced = 0;
  private retried = 0;
  private startAt = -1;
  private nextTag = 1;
  private nextTx = 1;
  private readonly outstanding = new Map<number, Outstanding>();
  private txBuffer: Outstanding[] = [];
  private readonly txWaiting = new Map<
    number,
    { list: Outstanding[]; timer: SimEvent; commit: number }
  >();
  /**
   * Messages an earlier attempt of which may have been stored (a timeout, a failed commit, a
   * lost connection): a later attempt's certain failure (a tx.rollback) does not undo that one.
   */
  private readonly maybeStored = new Set<MsgId>();
  private backlog: Outstanding[] = [];
  /**
   * Transactional publishing is synchronous: while a `tx.commit` waits for `tx.commit-ok` the
   * application's thread is blocked, so publishes (new ones and republishes) wait here.
   */
  private txQueue: Outstanding[] = [];
  private tickArmed = false;
  private readonly keySeq = new Map<string, number>();
  private readonly tickLabel: number;
  private readonly timeoutLabel: number;
  private readonly conn: Connection<Wire>;
  returned = 0;

  constructor(
    sim: Sim,
    id: string,
    net: Network<Wire>,
    target: () => SimNode | null,
    private readonly ids: IdSource,
    private readonly cfg: PublisherConfig,
    /** Registers a message with the model before it is sent (payload, scope). */
    private readonly onCreate: (p: Publish) => void,
  ) {
    super(sim, id);
    this.tickLabel = sim.label('publisher.tick');
    this.timeoutLabel = sim.label('publisher.confirm-timeout');
    this.conn = new Connection<Wire>(this, net, target, {
      heartbeatUs: cfg.heartbeatUs,
      reconnectDelayUs: cfg.reconnectDelayUs,
      labelPrefix: 'amqp',
      open: () => ({ type: 'connect', vhost: cfg.vhost, firstTag: this.nextTag }),
      onOpen: () => this.opened(),
      onClosed: (reason) => this.connectionLost(reason),
    });
    net.attach(this, (from, w) => this.receive(from, w));
    this.timer(cfg.startUs, sim.label('publisher.start'), () => this.conn.connect());
  }

  private opened(): void {
    if (this.startAt < 0) {
      this.startAt = this.sim.now;
      this.schedule();
    }
    const waiting = this.backlog;
    this.backlog = [];
    for (const o of waiting) this.send(o.p, o.attempt, o.why);
  }

  /**
   * Arms the next publish slot. `skipMissed`: slots that passed while the process was down are
   * skipped, not made up. A transactional publisher blocked in `tx.commit` arms nothing; it
   * resumes when the commit completes, as soon as it is behind its rate.
   */
  private schedule(skipMissed = false): void {
    if (this.startAt < 0 || this.produced >= this.cfg.messages) return;
    if (this.tickArmed || this.txBlocked()) return;
    const now = this.sim.now;
    const slot = skipMissed
      ? Math.max(this.produced, Math.ceil((now - this.startAt) / this.cfg.intervalUs))
      : this.produced;
    this.produced = slot;
    if (slot >= this.cfg.messages) return;
    this.tickArmed = true;
    this.after(
      Math.max(0, this.startAt + slot * this.cfg.intervalUs - now),
      this.tickLabel,
      P_TICK,
    );
  }

  override fire(ev: SimEvent): void {
    switch (ev.op) {
      case P_TICK:
        this.tickArmed = false;
        this.produced++;
        this.publishNew();
        this.schedule();
        return;
      case P_CONFIRM_TIMEOUT:
        this.timedOut(ev.a as number);
        return;
      default:
        throw new Error(`publisher ${this.id}: unknown op ${ev.op}`);
    }
  }

  /** A `tx.commit` is waiting for its `tx.commit-ok`: the application thread is blocked. */
  private txBlocked(): boolean {
    return this.cfg.tx && this.txWaiting.size > 0;
  }

  /** The commit completed (ok, failed or timed out): queued publishes go, then the schedule. */
  private txUnblocked(): void {
    while (this.txQueue.length > 0 && !this.txBlocked()) {
      const o = this.txQueue.shift() as Outstanding;
      this.send(o.p, o.attempt, o.why);
    }
    this.schedule();
  }

  private publishNew(): void {
    const keys = this.cfg.routingKeys;
    // `produced` already counts this message: the first one takes the first key.
    const key = keys[(this.produced - 1) % keys.length] ?? '';
    const seq = this.keySeq.get(key) ?? 0;
    this.keySeq.set(key, seq + 1);
    const p: Publish = {
      id: this.ids.take(),
      key,
      producer: this.id,
      seq,
      exchange: this.cfg.exchange,
      headers: this.cfg.headers,
      bodyBytes: this.cfg.bodyBytes,
      persistent: this.cfg.persistent,
      mandatory: this.cfg.mandatory,
      ...(this.cfg.expiration !== undefined ? { expiration: this.cfg.expiration } : {}),
    };
    this.onCreate(p);
    this.send(p, 0);
  }

  private outcome(
    p: Publish,
    result: 'ack' | 'sent' | 'nack' | 'error' | 'timeout',
    definite: boolean,
    error?: string,
  ): void {
    if (result === 'ack' && definite) this.maybeStored.delete(p.id);
    else if (!definite && result !== 'sent') this.maybeStored.add(p.id);
    else if (result === 'error' && this.maybeStored.has(p.id)) definite = false;
    this.sim.rec.op({
      type: 'outcome',
      at: this.sim.now,
      msg: p.id,
      producer: this.id,
      result,
      definite,
      ...(error !== undefined ? { error } : {}),
    });
  }

  private canRetry(attempt: number): boolean {
    return (
      (this.cfg.confirms || this.cfg.tx) &&
      this.cfg.republishUnconfirmed &&
      attempt + 1 < this.cfg.maxAttempts
    );
  }

  private send(p: Publish, attempt: number, why?: RetryWhy): void {
    if (this.txBlocked()) {
      this.txQueue.push({ p, attempt, timer: null, entry: -1, ...(why ? { why } : {}) });
      return;
    }
    if (attempt > 0) this.retried++;
    const sim = this.sim;
    sim.rec.op({
      type: 'send',
      at: sim.now,
      msg: p.id,
      producer: this.id,
      key: p.key,
      seq: p.seq,
      attempt,
    });
    if (this.conn.state !== 'open') {
      const rejected = sim.rec.note('reject', this.id, [p.id], {
        reason: 'connection-closed',
        attempt,
      });
      this.outcome(p, 'error', true, 'connection-closed');
      if (this.canRetry(attempt))
        this.backlog.push({
          p,
          attempt: attempt + 1,
          timer: null,
          entry: -1,
          why: { prev: rejected },
        });
      return;
    }
    const entry = notePublish(sim, this.id, p.id, attempt, this.conn.broker?.id ?? '', why);
    const tag = this.nextTag++;
    this.conn.send({
      type: 'publish',
      msgs: [p.id],
      carry: true,
      p,
      tag,
      confirm: this.cfg.confirms && !this.cfg.tx,
      tx: this.cfg.tx,
      session: this.conn.session,
    });
    if (this.cfg.tx) {
      this.txBuffer.push({ p, attempt, timer: null, entry });
      // A full batch commits; so does the last message's (a partial batch must not stay open).
      if (this.txBuffer.length >= this.cfg.txBatch || this.produced >= this.cfg.messages)
        this.commit();
      return;
    }
    if (!this.cfg.confirms) {
      this.outcome(p, 'sent', false);
      return;
    }
    // The record stays cancellable while `outstanding` holds it: a confirm, a lost connection or
    // the timeout itself removes the entry, and a stop clears them all (see `Sim.post`).
    const timer = this.after(this.cfg.confirmTimeoutUs, this.timeoutLabel, P_CONFIRM_TIMEOUT, tag);
    this.outstanding.set(tag, { p, attempt, timer, entry });
  }

  /** `tx.commit`: synchronous; the batch is acknowledged by `tx.commit-ok`. */
  private commit(): void {
    const list = this.txBuffer;
    this.txBuffer = [];
    const txId = this.nextTx++;
    if (this.cfg.txRollbackEvery > 0 && txId % this.cfg.txRollbackEvery === 0) {
      // tx.rollback: the broker discards the batch; the application knows it was never published.
      this.sim.rec.note(
        'txn-abort',
        this.id,
        list.map((o) => o.p.id),
        { txId, reason: 'tx.rollback' },
      );
      this.conn.send({
        type: 'tx-rollback',
        msgs: list.map((o) => o.p.id),
        session: this.conn.session,
        txId,
      });
      for (const o of list) this.outcome(o.p, 'error', true, 'tx-rollback');
      return;
    }
    const commit = this.sim.rec.note(
      'txn-commit',
      this.id,
      list.map((o) => o.p.id),
      { txId },
    );
    this.conn.send({
      type: 'tx-commit',
      msgs: list.map((o) => o.p.id),
      session: this.conn.session,
      txId,
    });
    const timer = this.timer(this.cfg.confirmTimeoutUs, this.timeoutLabel, () => {
      const w = this.txWaiting.get(txId);
      if (!w) return;
      this.txWaiting.delete(txId);
      const failure = this.sim.rec.note(
        'confirm-timeout',
        this.id,
        w.list.map((o) => o.p.id),
        { txId },
        undefined,
        'client.indeterminate-timeout',
      );
      for (const o of w.list) {
        this.outcome(o.p, 'timeout', false);
        if (this.canRetry(o.attempt))
          this.send(o.p, o.attempt + 1, { prev: o.entry, role: 'timeout', failure });
      }
      this.txUnblocked();
    });
    this.txWaiting.set(txId, { list, timer, commit });
  }

  private timedOut(tag: number): void {
    const o = this.outstanding.get(tag);
    if (!o) return;
    this.outstanding.delete(tag);
    const failure = this.sim.rec.note(
      'confirm-timeout',
      this.id,
      [o.p.id],
      { attempt: o.attempt },
      undefined,
      'client.indeterminate-timeout',
    );
    this.outcome(o.p, 'timeout', false);
    if (this.canRetry(o.attempt))
      this.send(o.p, o.attempt + 1, { prev: o.entry, role: 'timeout', failure });
  }

  private connectionLost(reason: string): void {
    const lost = [
      ...this.outstanding.values(),
      ...this.txBuffer,
      ...[...this.txWaiting.values()].flatMap((w) => w.list),
    ];
    for (const w of this.txWaiting.values()) this.sim.cancel(w.timer);
    for (const o of this.outstanding.values()) this.sim.cancel(o.timer);
    const failure =
      lost.length > 0
        ? this.sim.rec.note(
            'confirm-timeout',
            this.id,
            lost.map((o) => o.p.id),
            { reason },
            undefined,
            'client.indeterminate-timeout',
          )
        : undefined;
    // An uncommitted transaction dies with its channel: those publishes were certainly discarded.
    const uncommitted = new Set(this.txBuffer);
    for (const o of lost) {
      if (uncommitted.has(o)) this.outcome(o.p, 'error', true, `tx-not-committed: ${reason}`);
      else this.outcome(o.p, 'error', false, reason);
      if (this.canRetry(o.attempt))
        this.backlog.push({
          p: o.p,
          attempt: o.attempt + 1,
          timer: null,
          entry: -1,
          why: {
            prev: o.entry,
            role: 'connection-close',
            ...(failure !== undefined ? { failure } : {}),
          },
        });
    }
    this.outstanding.clear();
    this.txBuffer = [];
    this.txWaiting.clear();
    this.txUnblocked();
  }

  /**
   * The answer to a `tx.commit`: `tx.commit-ok`, or the channel closed with 406 "partial tx
   * completion" (some copies were enqueued, some not, so the application cannot know each
   * message's fate; it opens a new channel and goes on).
   */
  private txAnswered(txId: number, ok: boolean): void {
    const t = this.txWaiting.get(txId);
    if (!t) return;
    this.txWaiting.delete(txId);
    this.sim.cancel(t.timer);
    this.sim.rec.note(
      'confirm-received',
      this.id,
      t.list.map((o) => o.p.id),
      ok ? { tx: true } : { tx: true, ok: false, error: 'partial-tx-completion' },
      undefined,
      ok ? undefined : 'rabbit.partial-tx-completion',
      ok ? undefined : linksOf(['transaction', t.commit]),
    );
    for (const o of t.list) {
      if (ok) this.outcome(o.p, 'ack', true);
      else {
        this.outcome(o.p, 'error', false, 'partial-tx-completion');
        if (this.canRetry(o.attempt)) this.send(o.p, o.attempt + 1, { prev: o.entry });
      }
    }
    this.txUnblocked();
  }

  private receive(from: SimNode, w: Wire): void {
    if (this.conn.handle(from, w)) return;
    if (w.type === 'return') {
      this.returned++;
      this.sim.rec.note('return', this.id, w.msgs, { reason: 'NO_ROUTE', replyCode: 312 });
      return;
    }
    if (w.type === 'tx-commit-ok' || w.type === 'tx-commit-fail') {
      this.txAnswered(w.txId, w.type === 'tx-commit-ok');
      return;
    }
    if (w.type !== 'confirm') return;
    // multiple=true settles every outstanding tag up to and including `tag`.
    const tags = w.multiple
      ? [...this.outstanding.keys()].filter((t) => t <= w.tag).sort((a, b) => a - b)
      : [w.tag];
    for (const tag of tags) {
      const o = this.outstanding.get(tag);
      if (!o) continue;
      this.outstanding.delete(tag);
      this.sim.cancel(o.timer);
      this.sim.rec.note('confirm-received', this.id, [o.p.id], {
        ok: w.ok,
        attempt: o.attempt,
        ...(w.multiple ? { multiple: true, tag: w.tag } : {}),
      });
      this.outcome(o.p, w.ok ? 'ack' : 'nack', w.ok);
      if (!w.ok && this.canRetry(o.attempt)) this.send(o.p, o.attempt + 1, { prev: o.entry });
    }
  }

  protected override onStop(): void {
    this.outstanding.clear();
    this.txBuffer = [];
    this.txWaiting.clear();
    this.txQueue = [];
    this.tickArmed = false;
    this.backlog = [];
    this.conn.reset();
  }

  protected override onRestart(): void {
    if (this.sim.now >= this.cfg.startUs) this.conn.connect();
    else
      this.timer(this.cfg.startUs - this.sim.now, this.sim.label('publisher.start'), () =>
        this.conn.connect(),
      );
    this.schedule(true);
  }

  get connection(): string {
    return this.conn.state;
  }

  get sent(): number {
    return this.produced;
  }

  /** The inspector's view: confirms awaited by delivery tag, and retries so far. */
  inspect(): Record<string, DetailValue> {
    return {
      connection: connectionText(this.conn.state),
      produced: this.sent,
      unconfirmed: unconfirmedText(
        [...this.outstanding].map(([tag, o]) => [tag, { id: o.p.id, attempt: o.attempt }] as const),
      ),
      retries: this.retried,
      returned: this.returned,
    };
  }
}

/** What a scripted consumer does with a delivery instead of processing and acking it. */
export type ConsumerActionKind =
  'ack' | 'nack' | 'nack-requeue' | 'reject' | 'reject-requeue' | 'close-channel';

/**
 * One per-delivery rule (scenario `consumers[].actions`): every condition given must hold; the
 * first rule that holds and has uses left decides.
 */
export interface ConsumerAction {
  /** The n-th delivery to this consumer, from 1, redeliveries included. */
  delivery?: number;
  /** Deliveries of this message id (the k-th message sent, from 0). */
  message?: MsgId;
  redelivered?: boolean;
  /** Uses at most (undefined: unlimited). */
  times?: number;
  do: ConsumerActionKind;
}

export interface ConsumerConfig {
  group: string;
  vhost: string;
  queue: string;
  mode: 'consume' | 'get';
  pollUs: Micros;
  autoAck: boolean;
  prefetch: number;
  processing: Dist;
  failureRate: number;
  onFailure: 'nack-requeue' | 'nack' | 'reject-requeue' | 'reject';
  startUs: Micros;
  heartbeatUs: Micros;
  reconnectDelayUs: Micros;
  /** Channels on the one connection, each with its own basic.consume and `prefetch`. */
  channels: number;
  /** Per-delivery scripted actions. */
  actions: readonly ConsumerAction[];
}

interface Delivery {
  p: Publish;
  queue: string;
  seq: number;
  session: number;
  channel: number;
  /** The scripted action chosen for it when it arrived (undefined: process and ack). */
  action?: ConsumerActionKind;
}

/** Posted event op of a consumer: its processing of the first buffered delivery is done. */
const C_PROCESSED = 0;

export class RabbitConsumer extends SimNode {
  private buffer: Delivery[] = [];
  private busy = false;
  private armed: { when: 'before-process' | 'after-process'; cause: number } | null = null;
  private readonly rng: Rng;
  private readonly procLabel: number;
  private readonly pollLabel: number;
  private readonly conn: Connection<Wire>;
  /** Deliveries received so far (the scripted actions' `delivery` counts these). */
  private delivered = 0;
  /** Uses of each scripted action so far. */
  private readonly actionUses: number[];
  processing: Dist;

  constructor(
    sim: Sim,
    id: string,
    private readonly net: Network<Wire>,
    target: () => SimNode | null,
    readonly sink: SinkStore,
    private readonly cfg: ConsumerConfig,
  ) {
    super(sim, id);
    this.rng = sim.streams.get(`consumer:${id}`);
    this.actionUses = cfg.actions.map(() => 0);
    this.processing = cfg.processing;
    this.procLabel = sim.label('consumer.process');
    this.pollLabel = sim.label('consumer.poll');
    this.conn = new Connection<Wire>(this, net, target, {
      heartbeatUs: cfg.heartbeatUs,
      reconnectDelayUs: cfg.reconnectDelayUs,
      labelPrefix: 'amqp',
      open: () =>
        cfg.mode === 'consume'
          ? {
              type: 'consume',
              vhost: cfg.vhost,
              queue: cfg.queue,
              prefetch: cfg.prefetch,
              autoAck: cfg.autoAck,
            }
          : { type: 'connect', vhost: cfg.vhost },
      onOpen: () => {
        if (cfg.mode === 'get') this.poll();
        else for (let ch = 1; ch < cfg.channels; ch++) this.openChannel(ch);
      },
      onClosed: (reason) => this.disconnected(reason),
    });
    net.attach(this, (from, w) => this.receive(from, w));
    this.timer(cfg.startUs, sim.label('consumer.start'), () => this.conn.connect());
  }

  /** basic.consume on channel `ch` (> 0) of the open connection. */
  private openChannel(ch: number): void {
    if (this.conn.state !== 'open') return;
    this.conn.send({
      type: 'consume',
      vhost: this.cfg.vhost,
      queue: this.cfg.queue,
      prefetch: this.cfg.prefetch,
      autoAck: this.cfg.autoAck,
      channel: ch,
    });
  }

  /**
   * A channel-level error closed one channel: its unacked deliveries are back in the queue (the
   * connection and its other channels go on); the client reopens it after `reconnectDelayMs`.
   */
  private channelClosed(ch: number, closing?: Delivery): void {
    const session = this.conn.session;
    const keep = (d: Delivery, i: number) => d.channel !== ch || (this.busy && i === 0);
    if (!this.cfg.autoAck) {
      const gone = [...(closing ? [closing] : []), ...this.buffer.filter((d, i) => !keep(d, i))];
      if (gone.length > 0)
        this.sim.rec.note(
          'remove',
          this.id,
          gone.map((d) => d.p.id),
          {
            reason: 'channel-closed',
            channel: ch,
            unprocessed: true,
            ...(closing ? { action: 'close-channel' } : {}),
          },
        );
      this.buffer = this.buffer.filter(keep);
    }
    this.timer(this.cfg.reconnectDelayUs, this.pollLabel, () => {
      if (this.conn.session !== session) return;
      if (ch > 0) this.openChannel(ch);
      else
        this.conn.send({
          type: 'consume',
          vhost: this.cfg.vhost,
          queue: this.cfg.queue,
          prefetch: this.cfg.prefetch,
          autoAck: this.cfg.autoAck,
        });
    });
  }

  private poll(): void {
    if (this.conn.state !== 'open' || this.busy || this.buffer.length > 0) return;
    this.conn.send({
      type: 'get',
      queue: this.cfg.queue,
      autoAck: this.cfg.autoAck,
      session: this.conn.session,
    });
  }

  private disconnected(reason: string): void {
    if (!this.cfg.autoAck && this.buffer.length > 0) {
      const gone = this.busy ? this.buffer.slice(1) : this.buffer;
      if (gone.length > 0)
        this.sim.rec.note(
          'remove',
          this.id,
          gone.map((d) => d.p.id),
          { reason, unprocessed: true },
        );
      this.buffer = this.busy ? this.buffer.slice(0, 1) : [];
    }
  }

  private receive(from: SimNode, w: Wire): void {
    if (this.conn.handle(from, w)) return;
    if (w.type === 'get-empty') {
      this.timer(this.cfg.pollUs, this.pollLabel, () => this.poll());
      return;
    }
    if (w.type === 'channel-close') {
      this.channelClosed(w.channel);
      return;
    }
    if (w.type !== 'deliver') return;
    this.sim.rec.op({
      type: 'deliver',
      at: this.sim.now,
      msg: w.p.id,
      consumer: this.id,
      group: this.cfg.group,
      redelivered: w.redelivered,
    });
    if (w.dlCopy) {
      // Another source queue's dead letter of the same message: a copy of its own, not a repeat.
      this.sim.rec.note(
        'receive',
        this.id,
        [w.p.id],
        { redelivered: w.redelivered, queue: this.cfg.group, ...w.dlCopy },
        undefined,
        'rabbit.dead-letter-copies',
      );
    } else this.sim.rec.note('receive', this.id, [w.p.id], { redelivered: w.redelivered });
    const action = this.actionFor(w.p.id, w.redelivered);
    this.buffer.push({
      p: w.p,
      queue: w.queue,
      seq: w.seq,
      session: w.session,
      channel: w.channel ?? 0,
      ...(action !== undefined ? { action } : {}),
    });
    this.pump();
  }

  /** The scripted action for this delivery (counted now, in arrival order), if a rule takes it. */
  private actionFor(msg: MsgId, redelivered: boolean): ConsumerActionKind | undefined {
    this.delivered++;
    const i = this.cfg.actions.findIndex(
      (a, k) =>
        (a.times === undefined || (this.actionUses[k] ?? 0) < a.times) &&
        (a.delivery === undefined || a.delivery === this.delivered) &&
        (a.message === undefined || a.message === msg) &&
        (a.redelivered === undefined || a.redelivered === redelivered),
    );
    if (i < 0) return undefined;
    this.actionUses[i] = (this.actionUses[i] ?? 0) + 1;
    return this.cfg.actions[i]?.do;
  }

  /**
   * The scripted `close-channel`: channel.close to the broker (which requeues every unacked
   * delivery of the channel), forget what the channel delivered, reopen it later.
   */
  private closeChannel(d: Delivery): void {
    if (this.conn.state === 'open' && this.conn.session === d.session)
      this.conn.send({ type: 'close-channel', channel: d.channel, session: d.session });
    this.channelClosed(d.channel, d);
  }

  private pump(): void {
    if (this.busy || this.buffer.length === 0 || this.status !== 'up') return;
    const d = this.buffer[0] as Delivery;
    if (this.armed?.when === 'before-process') {
      const cause = this.armed.cause;
      this.armed = null;
      this.crash(cause);
      return;
    }
    this.busy = true;
    this.after(sample(this.rng, this.processing), this.procLabel, C_PROCESSED, d);
  }

  override fire(ev: SimEvent): void {
    if (ev.op !== C_PROCESSED) throw new Error(`consumer ${this.id}: unknown op ${ev.op}`);
    this.processed(ev.a as Delivery);
  }

  /** Processing of `d` (the first buffered delivery) finished: record, then ack or nack. */
  private processed(d: Delivery): void {
    this.buffer.shift();
    this.busy = false;
    if (d.action === 'close-channel') {
      this.closeChannel(d);
      this.pump();
      return;
    }
    // A scripted nack/reject refuses the message: it is not processed, like a failure.
    const refused = d.action !== undefined && d.action !== 'ack';
    const failed =
      refused ||
      (d.action === undefined && this.cfg.failureRate > 0 && this.rng.chance(this.cfg.failureRate));
    if (failed && this.cfg.autoAck) {
      // With autoAck there is nothing to nack: the broker already forgot it.
      this.sim.rec.note(
        'drop',
        this.id,
        [d.p.id],
        { reason: 'auto-ack-processing-failed', queue: this.cfg.group },
        undefined,
        'amqp.autoack-crash',
      );
    }
    if (!failed) {
      const applied = this.sink.apply(d.p.id);
      this.sim.rec.op({
        type: 'effect',
        at: this.sim.now,
        msg: d.p.id,
        consumer: this.id,
        group: this.cfg.group,
        applied,
      });
      this.sim.rec.note('process', this.id, [d.p.id], { applied, sink: this.sink.kind });
      if (this.armed?.when === 'after-process') {
        const cause = this.armed.cause;
        this.armed = null;
        this.crash(cause);
        return;
      }
    }
    if (!this.cfg.autoAck && this.conn.state === 'open' && this.conn.session === d.session) {
      const method = refused ? (d.action as ConsumerActionKind) : this.cfg.onFailure;
      const how = !failed ? 'ack' : method.endsWith('requeue') ? 'requeue' : 'drop';
      if (how === 'ack') {
        this.sim.rec.op({
          type: 'commit',
          at: this.sim.now,
          msg: d.p.id,
          consumer: this.id,
          group: this.cfg.group,
          how: 'ack',
        });
        this.sim.rec.note('ack-sent', this.id, [d.p.id]);
      } else {
        this.sim.rec.note('nack-sent', this.id, [d.p.id], {
          requeue: how === 'requeue',
          method,
          ...(refused ? { action: true } : {}),
        });
      }
      this.conn.send({
        type: 'ack',
        msgs: [d.p.id],
        ack: true,
        queue: d.queue,
        seq: d.seq,
        session: d.session,
        how,
        ...(d.channel > 0 ? { channel: d.channel } : {}),
      });
    }
    this.pump();
    if (this.cfg.mode === 'get') this.poll();
  }

  armCrash(when: 'before-process' | 'after-process', cause: number): void {
    this.armed = { when, cause };
    this.pump();
  }

  protected override onStop(journalId: number, powerLoss: boolean): void {
    if (this.cfg.autoAck && this.buffer.length > 0) {
      // With autoAck the broker forgot these when it sent them; this buffer was the last copy.
      this.sim.rec.note(
        'drop',
        this.id,
        this.buffer.map((d) => d.p.id),
        { reason: 'auto-ack-consumer-crash', queue: this.cfg.group },
        journalId,
        'amqp.autoack-crash',
        linksOf(['fault', journalId]),
      );
    }
    this.buffer = [];
    this.busy = false;
    this.armed = null;
    const broker = this.conn.broker;
    this.conn.reset();
    if (!powerLoss && broker)
      this.net.send(this, broker, {
        type: 'close',
        incarnation: this.incarnation,
        cause: journalId,
      });
  }

  protected override onRestart(): void {
    this.conn.connect();
  }

  bufferedIds(): MsgId[] {
    return this.buffer.map((d) => d.p.id);
  }

  /** The inspector's view: what it is processing, what waits in its buffer, its sink. */
  inspect(): Record<string, DetailValue> {
    const d = this.busy ? this.buffer[0] : undefined;
    return amqpConsumerDetail({
      connection: this.conn.state,
      processing: d ? deliveryText(d.p.id, d.seq, d.queue) : null,
      buffered: this.bufferedIds(),
      sink: this.sink,
    });
  }

  /** The queue group it consumes from. */
  get group(): string {
    return this.cfg.group;
  }

  get connection(): string {
    return this.conn.state;
  }
}
