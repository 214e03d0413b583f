/**
 * A RocketMQ producer (DefaultMQProducer / TransactionMQProducer, 4.9.x client).
 *
 * sendDefaultImpl: a sync send makes up to 1 + `retryTimesWhenSendFailed` attempts within one
 * `sendMsgTimeout`, each to a queue of another broker than the last one that failed; a request
 * that times out uses up the whole timeout, so only fast failures (connection refused, a reset
 * connection, a broker error code) are retried. An async send retries `retryTimesWhenSendAsyncFailed`
 * times, each to a queue chosen as for sync (avoiding the broker that failed), but only when the
 * request could not be sent or timed out, never after a broker error response (MQClientAPIImpl
 * `onExceptionImpl`, needRetry); this follows the 4.9.8 code; the docs (Feature.md) say the same
 * broker. A response timeout uses up the shared `sendMsgTimeout`, so as for sync only fast
 * failures are retried. When it finally fails the callback gets onException
 * (`rocketmq.async-send-failed`). A oneway send is written to the socket and forgotten. A send
 * through a `MessageQueueSelector` is not retried. Queue selection rotates over the writable
 * queues of the cached route (refreshed from a NameServer every `pollNameServerInterval`), avoiding the broker
 * that just failed, and, with `sendLatencyFaultEnable`, any broker that failed in the last 10 minutes.
 */
import type { CauseLink, MsgId } from '../../check/history';
import type { Network } from '../../kernel/network';
import { SimNode, type Sim, type SimEvent } from '../../kernel/sim';
import type { Micros } from '../../kernel/time';
import type { RocketMqProducerConfig } from '../../../scenario/systems/rocketmq';
import { Deadlines } from './deadlines';
import type { BrokerRoute, SendStatus, Stored, Wire } from './protocol';

/** MQFaultStrategy (4.9): an isolated broker is avoided for 600 s. */
const FAULT_ISOLATION_US = 600_000_000;
/** How long a route request may take before the client asks another NameServer. */
const ROUTE_TIMEOUT_US = 3_000_000;
/** Posted op (`after`): the next send of the workload. */
const OP_TICK = 0;
/** Posted op (`after`): a send's response timeout. */
const OP_SEND_TIMEOUT = 1;

/** What the producer asks of the model. */
export interface ProducerHost {
  node(id: string): SimNode | undefined;
  /** True when connecting to `n` is refused at once (its process is down, the machine is up). */
  refused(n: SimNode): boolean;
  nextMsgId(): MsgId;
  /** The producer group's local database of transaction outcomes (survives a producer crash). */
  localDb(group: string): Map<MsgId, 'commit' | 'rollback'>;
  /** Journal entries the send of `id` led to, for cause links. */
  publishEntry(id: MsgId, entry: number): void;
  sentMessage(id: MsgId, topic: string, tags: string | null, txnProducer: string | null): void;
  /** Journal id of the last stop or restart of the master of broker group `brokerName`, or -1. */
  routeEvent(brokerName: string): number;
}

/** A writable queue of the route. */
type Mq = { brokerName: string; queueId: number; master: string };

/** Where a selector last sent a key, and what it sent there since (the messages a move may overtake). */
interface KeyQueue {
  q: Mq;
  queues: number;
  ids: MsgId[];
}

interface Sending {
  id: MsgId;
  key: string;
  tags: string | null;
  seq: number;
  startAt: Micros;
  attempt: number;
  lastBroker: string | null;
  maybeStored: boolean;
  lastEntry: number;
  failCause: number;
}

interface Outstanding {
  m: Sending;
  broker: string;
  brokerName: string;
}

export class RocketProducer extends SimNode {
  private routes: Record<string, BrokerRoute[]>;
  private sendWhichQueue: number;
  private readonly faultUntil = new Map<string, Micros>();
  private readonly outstanding = new Map<number, Outstanding>();
  /** Send response timeouts, one timer for all (see Deadlines). */
  private readonly sendDeadlines: Deadlines<number>;
  private nextReq = 1;
  produced = 0;
  private readonly seqs = new Map<string, number>();
  private txnCount = 0;
  private nsIndex = 0;
  private readonly labels: Record<'tick' | 'timeout' | 'route' | 'txn', number>;
  retries = 0;
  /**
   * Selector sends (`id-modulo`, `id-modulo-fixed`) only: each key's last queue, and the route
   * changes (broker groups that left or came back) since the route before, for cause links.
   */
  private readonly keyQueues = new Map<string, KeyQueue>();
  private routeLinks: CauseLink[] = [];
  /** `id-modulo-fixed`: the topic's queues as configured (the route at the start, all registered). */
  private readonly fixedQueues: readonly Mq[] | null;

  constructor(
    sim: Sim,
    id: string,
    private readonly net: Network<Wire>,
    private readonly cfg: RocketMqProducerConfig & { intervalUs: Micros; startUs: Micros },
    private readonly nameServers: readonly string[],
    private readonly pollUs: Micros,
    initialRoutes: Record<string, BrokerRoute[]>,
    private readonly host: ProducerHost,
  ) {
    super(sim, id);
    this.routes = initialRoutes;
    this.fixedQueues = cfg.selector.kind === 'id-modulo-fixed' ? this.writable() : null;
    this.sendWhichQueue = sim.streams.get(`rocketmq.queue.${id}`).int(0, 1023);
    this.labels = {
      tick: sim.label('rocketmq.produce'),
      timeout: sim.label('rocketmq.send-timeout'),
      route: sim.label('rocketmq.route-poll'),
      txn: sim.label('rocketmq.local-txn'),
    };
    this.sendDeadlines = new Deadlines(this, this.labels.timeout, OP_SEND_TIMEOUT);
    net.attach(this, (from, m) => this.onWire(from, m));
    this.start(cfg.startUs, sim.streams.get(`rocketmq.poll.${id}`).int(0, Math.max(0, pollUs - 1)));
  }

  private start(firstUs: Micros, pollPhaseUs: Micros): void {
    if (this.produced < this.cfg.messages) this.after(firstUs, this.labels.tick, OP_TICK);
    this.timer(pollPhaseUs, this.labels.route, () => this.pollRoute());
  }

  private pollRoute(): void {
    const ns = this.host.node(this.nameServers[this.nsIndex % this.nameServers.length] as string);
    if (ns) this.net.send(this, ns, { type: 'get-route', req: 0 });
    // No answer in time: the next poll asks the next NameServer.
    const asked = this.nsIndex;
    this.timer(ROUTE_TIMEOUT_US, this.labels.route, () => {
      if (this.nsIndex === asked) this.nsIndex++;
    });
    this.timer(this.pollUs, this.labels.route, () => this.pollRoute());
  }

  /** Key names `k0`, `k1` ..., made once each. */
  private readonly keyNames: string[] = [];
  private keyName(n: number): string {
    return (this.keyNames[n] ??= `k${n}`);
  }

  private tick(): void {
    const i = this.produced++;
    const keyNo = i % this.cfg.keys;
    const key = this.keyName(keyNo);
    const tags =
      this.cfg.tags.length > 0 ? (this.cfg.tags[i % this.cfg.tags.length] as string) : null;
    const seq = this.seqs.get(key) ?? 0;
    this.seqs.set(key, seq + 1);
    const id = this.host.nextMsgId();
    this.host.sentMessage(id, this.cfg.topic, tags, this.cfg.transaction ? this.id : null);
    const m: Sending = {
      id,
      key,
      tags,
      seq,
      startAt: this.sim.now,
      attempt: 0,
      lastBroker: null,
      maybeStored: false,
      lastEntry: -1,
      failCause: -1,
    };
    this.sim.rec.op({
      type: 'send',
      at: this.sim.now,
      msg: id,
      producer: this.id,
      key,
      seq,
      attempt: 0,
    });
    this.attempt(m);
    if (this.produced < this.cfg.messages)
      this.after(this.cfg.intervalUs, this.labels.tick, OP_TICK);
  }

  /** Posted ops (`after`): the next send of the workload, a send's response timeout. */
  override fire(ev: SimEvent): void {
    if (ev.op === OP_SEND_TIMEOUT) return this.sendDeadlines.fire(this.waiting, this.timedOut);
    if (ev.op !== OP_TICK) throw new Error(`unknown producer op ${ev.op}`);
    this.tick();
  }

  /** `writable()` of the current route, built once per route (the route is replaced, not changed). */
  private writableCache: readonly Mq[] | null = null;

  /** The writable queues of the cached route: brokers whose master is in it. */
  private writable(): readonly Mq[] {
    if (this.writableCache !== null) return this.writableCache;
    const out: Mq[] = [];
    for (const r of this.routes[this.cfg.topic] ?? []) {
      const master = r.addrs[0];
      if (master === undefined || r.noWrite === true) continue;
      for (let q = 0; q < r.writeQueueNums; q++)
        out.push({ brokerName: r.brokerName, queueId: q, master });
    }
    this.writableCache = out;
    return out;
  }

  private available(brokerName: string): boolean {
    return (this.faultUntil.get(brokerName) ?? -1) <= this.sim.now;
  }

  /** selectOneMessageQueue, or the selector's choice. */
  private choose(m: Sending): Mq | null {
    const mqs = this.writable();
    if (mqs.length === 0) return null;
    const sel = this.cfg.selector;
    if (sel.kind === 'queue')
      return mqs.find((q) => q.brokerName === sel.brokerName && q.queueId === sel.queueId) ?? null;
    // SelectMessageQueueByHash and the docs' order example: mqs.get(orderId % mqs.size()) over
    // the route's current queues, so a change in the queue count moves keys (see `remapped`).
    if (sel.kind === 'id-modulo') return mqs[Number(m.key.slice(1)) % mqs.length] ?? null;
    if (sel.kind === 'id-modulo-fixed') {
      // orderId % the topic's configured queue count; a queue missing from the route gives null
      // (sendSelectImpl: MQClientException "select message queue return null").
      const fixed = this.fixedQueues as readonly Mq[];
      const want = fixed[Number(m.key.slice(1)) % fixed.length] as Mq;
      return (
        mqs.find((q) => q.brokerName === want.brokerName && q.queueId === want.queueId) ?? null
      );
    }
    const n = mqs.length;
    if (this.cfg.sendLatencyFaultEnable) {
      for (let i = 0; i < n; i++) {
        const q = mqs[Math.abs(++this.sendWhichQueue) % n] as (typeof mqs)[number];
        if (this.available(q.brokerName)) return q;
      }
    } else if (m.lastBroker !== null) {
      for (let i = 0; i < n; i++) {
        const q = mqs[Math.abs(++this.sendWhichQueue) % n] as (typeof mqs)[number];
        if (q.brokerName !== m.lastBroker) return q;
      }
    }
    return mqs[Math.abs(++this.sendWhichQueue) % n] ?? null;
  }

  /**
   * An `id-modulo` send: when the key's queue is not the one its earlier messages went to (the
   * route's queue count changed), journal the move with the messages sent to the old queue since
   * the last move: consumers read the two queues independently, so those still waiting in the
   * old queue may be consumed after this one and its successors.
   */
  private remapped(m: Sending, q: Mq): void {
    const queues = this.writable().length;
    const last = this.keyQueues.get(m.key);
    if (!last) {
      this.keyQueues.set(m.key, { q, queues, ids: [m.id] });
      return;
    }
    if (last.q.brokerName === q.brokerName && last.q.queueId === q.queueId) {
      last.ids.push(m.id);
      last.queues = queues;
      return;
    }
    this.sim.rec.note(
      'route',
      this.id,
      [...last.ids, m.id],
      {
        reason: 'selector-remap',
        key: m.key,
        from: last.q.brokerName,
        fromQueue: last.q.queueId,
        to: q.brokerName,
        toQueue: q.queueId,
        before: last.queues,
        queues,
      },
      undefined,
      'rocketmq.selector-remap',
      this.routeLinks,
    );
    this.keyQueues.set(m.key, { q, queues, ids: [m.id] });
  }

  private maxAttempts(): number {
    if (this.cfg.selector.kind !== 'round-robin') return 1;
    switch (this.cfg.sendMode) {
      case 'sync':
        return 1 + this.cfg.retryTimesWhenSendFailed;
      case 'async':
        return 1 + this.cfg.retryTimesWhenSendAsyncFailed;
      case 'oneway':
        return 1;
      default: {
        const never: never = this.cfg.sendMode;
        throw new Error(`unknown send mode ${String(never)}`);
      }
    }
  }

  private attempt(m: Sending): void {
    const sim = this.sim;
    // Async retries choose like sync ones (onExceptionImpl calls selectOneMessageQueue with the
    // failed broker's name), so they too avoid the last broker when there is another.
    const q = this.choose(m);
    if (!q)
      return this.fail(
        m,
        this.cfg.selector.kind === 'id-modulo-fixed' && this.writable().length > 0
          ? 'SELECTOR_NULL'
          : 'NO_ROUTE',
        true,
      );
    if (this.cfg.selector.kind === 'id-modulo') this.remapped(m, q);
    const broker = this.host.node(q.master);
    const links: CauseLink[] = [];
    if (m.attempt > 0 && m.lastEntry >= 0) links.push({ role: 'attempt', id: m.lastEntry });
    if (m.attempt > 0 && m.failCause >= 0) links.push({ role: 'network', id: m.failCause });
    const entry = sim.rec.note(
      m.attempt === 0 ? 'publish' : 'publish-retry',
      this.id,
      [m.id],
      {
        to: q.master,
        brokerName: q.brokerName,
        queue: q.queueId,
        mode: this.cfg.sendMode,
        attempt: m.attempt,
      },
      m.attempt > 0 ? m.lastEntry : undefined,
      m.attempt > 0 && this.cfg.sendMode !== 'oneway' ? 'rocketmq.send-retry' : undefined,
      links,
    );
    if (m.attempt > 0) this.retries++;
    m.lastEntry = entry;
    this.host.publishEntry(m.id, entry);
    if (!broker || this.host.refused(broker)) {
      // RemotingConnectException: no connection, nothing was sent.
      const err = sim.rec.note('produce-error', this.id, [m.id], {
        error: 'CONNECT_REFUSED',
        broker: q.master,
      });
      return this.failed(m, q.brokerName, err, false);
    }
    const s: Stored = {
      id: m.id,
      topic: this.cfg.topic,
      queueId: q.queueId,
      tags: m.tags,
      key: m.key,
      realTopic: this.cfg.topic,
      realQueueId: q.queueId,
      group: null,
      reconsume: 0,
      dueAt: 0,
      producerGroup: this.cfg.producerGroup,
      src: -1,
      op: null,
    };
    const req = this.nextReq++;
    this.net.send(this, broker, {
      type: 'send',
      req,
      msg: s,
      half: this.cfg.transaction !== undefined,
      delayLevel: this.cfg.delayTimeLevel,
      msgs: [m.id],
      carry: true,
    });
    m.maybeStored = true;
    if (this.cfg.sendMode === 'oneway') {
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
    const left = this.cfg.sendMsgTimeout * 1000 - (sim.now - m.startAt);
    this.outstanding.set(req, { m, broker: q.master, brokerName: q.brokerName });
    this.sendDeadlines.add(sim.now + Math.max(1, left), req);
  }

  private readonly waiting = (req: number): boolean => this.outstanding.has(req);

  /** No answer to request `req` within sendMsgTimeout. */
  private readonly timedOut = (req: number): void => {
    const o = this.outstanding.get(req);
    if (!o) return;
    this.outstanding.delete(req);
    const m = o.m;
    const t = this.sim.rec.note(
      'confirm-timeout',
      this.id,
      [m.id],
      { error: 'TIMEOUT', broker: o.broker },
      undefined,
      'client.indeterminate-timeout',
    );
    this.failed(m, o.brokerName, t, true);
  };

  /**
   * An attempt failed: retry (on another broker if there is one) or give up. `retry` is false for an
   * async send's broker error response (onExceptionImpl's needRetry=false).
   */
  private failed(
    m: Sending,
    brokerName: string,
    cause: number,
    timedOut: boolean,
    retry = true,
    error = 'SEND_FAILED',
  ): void {
    m.lastBroker = brokerName;
    m.failCause = cause;
    if (this.cfg.sendLatencyFaultEnable)
      this.faultUntil.set(brokerName, this.sim.now + FAULT_ISOLATION_US);
    m.attempt++;
    const left = this.cfg.sendMsgTimeout * 1000 - (this.sim.now - m.startAt);
    if (retry && !timedOut && m.attempt < this.maxAttempts() && left > 0) {
      this.sim.rec.op({
        type: 'send',
        at: this.sim.now,
        msg: m.id,
        producer: this.id,
        key: m.key,
        seq: m.seq,
        attempt: m.attempt,
      });
      return this.attempt(m);
    }
    this.fail(m, timedOut ? 'TIMEOUT' : error, !m.maybeStored);
  }

  private fail(m: Sending, error: string, definite: boolean): void {
    const sim = this.sim;
    if (this.cfg.sendMode === 'async' && m.lastEntry >= 0)
      // The callback's onException: the client will not send it again, only the application can.
      sim.rec.note(
        'reject',
        this.id,
        [m.id],
        { reason: 'async-send-failed', error, broker: m.lastBroker ?? '', attempts: m.attempt },
        m.lastEntry,
        'rocketmq.async-send-failed',
        [
          { role: 'attempt', id: m.lastEntry },
          ...(m.failCause >= 0 ? [{ role: 'network' as const, id: m.failCause }] : []),
        ],
      );
    else if (definite) sim.rec.note('reject', this.id, [m.id], { reason: error });
    sim.rec.op({
      type: 'outcome',
      at: sim.now,
      msg: m.id,
      producer: this.id,
      result: error === 'TIMEOUT' ? 'timeout' : 'error',
      definite,
      error,
    });
  }

  private onWire(from: SimNode, w: Wire): void {
    if (w.type === 'route') {
      const before = this.cfg.selector.kind === 'id-modulo' ? this.writable() : null;
      this.routes = w.routes;
      this.writableCache = null;
      if (before) this.noteRouteChange(before);
      return;
    }
    if (w.type === 'check-transaction') {
      const db = this.host.localDb(this.cfg.producerGroup);
      const state = db.get(w.id);
      const decision =
        this.cfg.transaction?.checkAnswer === 'unknown' ? 'unknown' : (state ?? 'rollback');
      this.net.send(this, from, {
        type: 'end-transaction',
        halfSeq: w.halfSeq,
        id: w.id,
        decision,
        fromCheck: true,
        msgs: [w.id],
      });
      return;
    }
    if (w.type !== 'send-result') return;
    const o = this.outstanding.get(w.req);
    if (!o) return;
    this.outstanding.delete(w.req);
    this.onResult(o, w.status, w.seq, from);
  }

  /** The broker groups that left or came back with this route: what a key's move links to. */
  private noteRouteChange(before: readonly Mq[]): void {
    const after = this.writable();
    if (after.length === before.length) return;
    const names = (l: readonly Mq[]): Set<string> => new Set(l.map((q) => q.brokerName));
    const was = names(before);
    const now = names(after);
    const links: CauseLink[] = [];
    for (const b of was) {
      const id = now.has(b) ? -1 : this.host.routeEvent(b);
      if (id >= 0) links.push({ role: 'fault', id });
    }
    for (const b of now) {
      const id = was.has(b) ? -1 : this.host.routeEvent(b);
      if (id >= 0) links.push({ role: 'restart', id });
    }
    this.routeLinks = links;
  }

  private onResult(o: Outstanding, status: SendStatus, seq: number, broker: SimNode): void {
    const sim = this.sim;
    const m = o.m;
    if (status === 'SERVICE_NOT_AVAILABLE') {
      const err = sim.rec.note('produce-error', this.id, [m.id], {
        error: status,
        broker: o.broker,
      });
      m.maybeStored = false;
      // Sync retries this code (retryResponseCodes); async gets MQBrokerException from
      // processSendResponse and onExceptionImpl is called with needRetry=false.
      return this.failed(m, o.brokerName, err, false, this.cfg.sendMode !== 'async', status);
    }
    if (
      status !== 'SEND_OK' &&
      this.cfg.sendMode === 'sync' &&
      this.cfg.retryAnotherBrokerWhenNotStoreOK &&
      m.attempt + 1 < this.maxAttempts()
    ) {
      const err = sim.rec.note('produce-error', this.id, [m.id], {
        error: status,
        broker: o.broker,
      });
      return this.failed(m, o.brokerName, err, false);
    }
    sim.rec.note('confirm-received', this.id, [m.id], { status, broker: o.broker });
    const tx = this.cfg.transaction;
    if (!tx) {
      sim.rec.op({
        type: 'outcome',
        at: sim.now,
        msg: m.id,
        producer: this.id,
        result: 'ack',
        definite: true,
        ...(status === 'SEND_OK' ? {} : { error: status }),
      });
      return;
    }
    // sendMessageInTransaction: only SEND_OK runs the local transaction; other statuses roll back.
    if (status !== 'SEND_OK') {
      sim.rec.op({
        type: 'outcome',
        at: sim.now,
        msg: m.id,
        producer: this.id,
        result: 'nack',
        definite: true,
        error: status,
      });
      this.net.send(this, broker, {
        type: 'end-transaction',
        halfSeq: seq,
        id: m.id,
        decision: 'rollback',
        fromCheck: false,
        msgs: [m.id],
      });
      return;
    }
    const n = this.txnCount++;
    this.timer(tx.localTransactionMs * 1000, this.labels.txn, () => {
      const rollback = tx.rollbackEvery > 0 && n % tx.rollbackEvery === tx.rollbackEvery - 1;
      const unknown =
        !rollback && tx.unknownEvery > 0 && n % tx.unknownEvery === tx.unknownEvery - 1;
      // The local transaction commits (or rolls back) in the application's database.
      this.host.localDb(this.cfg.producerGroup).set(m.id, rollback ? 'rollback' : 'commit');
      sim.rec.op({
        type: 'outcome',
        at: sim.now,
        msg: m.id,
        producer: this.id,
        result: rollback ? 'nack' : 'ack',
        definite: true,
        ...(rollback ? { error: 'ROLLBACK_MESSAGE' } : {}),
      });
      const decision = rollback ? 'rollback' : unknown ? 'unknown' : 'commit';
      const send = (): void =>
        this.net.send(this, broker, {
          type: 'end-transaction',
          halfSeq: seq,
          id: m.id,
          decision,
          fromCheck: false,
          msgs: [m.id],
        });
      if (tx.endTransactionDelayMs > 0)
        this.timer(tx.endTransactionDelayMs * 1000, this.labels.txn, send);
      else send();
    });
  }

  /** The broker's process died with requests outstanding: the connection is reset. */
  connectionReset(broker: string, fault: number): void {
    for (const [req, o] of [...this.outstanding]) {
      if (o.broker !== broker) continue;
      this.outstanding.delete(req);
      const err = this.sim.rec.note(
        'produce-error',
        this.id,
        [o.m.id],
        { error: 'CONNECTION_RESET', broker },
        fault,
      );
      this.failed(o.m, o.brokerName, err, false);
    }
  }

  protected override onStop(): void {
    this.sendDeadlines.clear();
    this.outstanding.clear();
  }

  protected override onRestart(): void {
    this.start(this.cfg.intervalUs, 0);
  }

  view(): {
    id: string;
    status: SimNode['status'];
    produced: number;
    outstanding: MsgId[];
    retries: number;
  } {
    return {
      id: this.id,
      status: this.status,
      produced: this.produced,
      outstanding: [...this.outstanding.values()].map((o) => o.m.id),
      retries: this.retries,
    };
  }
}
