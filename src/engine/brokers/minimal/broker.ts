/**
 * The single-node broker: one queue, RabbitMQ-style. Messages wait in memory (`ready`); a
 * persistent message on a durable queue is also written to the message store in batches, every
 * `syncIntervalMs`, and fsynced; with publisher confirms the confirm waits for that fsync. Acks
 * are written to the store the same way, so an ack that had not reached the disk before a crash
 * brings its message back on restart.
 */
import type { HeldState, HeldWhere, MsgId } from '../../check/history';
import { Flusher } from '../../kernel/flush';
import type { Network } from '../../kernel/network';
import { Sim, SimNode, type SimEvent } from '../../kernel/sim';
import type { LogFile } from '../../kernel/storage';
import type { Micros } from '../../kernel/time';
import { lastStopOf, linksOf, noteRecovered, STOP_MECH } from '../amqp/links';
import type { AppMessage, Wire } from './protocol';

/** A message store record: a publish, or the deletion (ack) of an earlier one. */
type StoreEntry = { op: 'pub'; m: AppMessage } | { op: 'del'; id: MsgId };

interface QMsg {
  m: AppMessage;
  /** When it was enqueued (µs): its wait until dispatch is reported (I3). */
  enqAt: number;
  /** Position in the queue when first enqueued; requeued messages go back to it. */
  enqSeq: number;
  redelivered: boolean;
  persistent: boolean;
}

interface Channel {
  node: SimNode;
  /** The consumer's incarnation when it subscribed: a later life is a new connection. */
  inc: number;
  prefetch: number;
  autoAck: boolean;
  unacked: Map<number, QMsg>;
  nextTag: number;
  /** Pulled (basic.get) rather than pushed: round robin skips it. */
  pull: boolean;
  /**
   * This channel among all the broker ever opened. Delivery tags restart at 1 on every channel
   * (as in AMQP), so a delivery of an earlier channel that the network held back past a reconnect
   * must not have its ack applied to the new channel's message with the same tag.
   */
  id: number;
  /** basic.cancel received: it gets no more deliveries, and may still ack what it holds. */
  cancelled?: true;
}

interface PendingConfirm {
  to: SimNode;
  tag: number;
  msg: MsgId;
  /** The store index its `pub` record will have; confirmed once the store is synced past it. */
  storeIndex: number;
}

export interface BrokerConfig {
  queueName: string;
  durable: boolean;
  syncIntervalUs: Micros;
  fsyncLatencyUs: Micros;
  /**
   * `x-single-active-consumer` (RabbitMQ 3.8+): only the first subscribed consumer gets
   * deliveries; the others wait until it goes away. Absent: false.
   */
  singleActive?: boolean;
}

export interface BrokerView {
  id: string;
  status: SimNode['status'];
  ready: MsgId[];
  unacked: { consumer: string; msgs: MsgId[] }[];
  storeLength: number;
  storeSynced: number;
  pendingWrites: number;
}

export class Broker extends SimNode {
  private ready: QMsg[] = [];
  private readonly channels = new Map<string, Channel>();
  /** Publisher connections: node and the incarnation it connected from. */
  private readonly publishers = new Map<string, { node: SimNode; inc: number }>();
  private rr: string[] = [];
  private rrNext = 0;
  private enqSeq = 0;
  private session = 0;
  /** Channels opened so far (channel ids). */
  private channelSeq = 0;
  private pendingWrites: StoreEntry[] = [];
  private pendingConfirms: PendingConfirm[] = [];
  private readonly store: LogFile<StoreEntry>;
  private readonly flusher: Flusher<StoreEntry>;
  private syncTimer: SimEvent | null = null;
  /** Messages whose `pub` record is fsynced, for drawing flushed vs page-cache entries. */
  private readonly durable = new Set<MsgId>();
  private durableUpTo = 0;
  private readonly syncLabel: number;
  /** The most messages the queue held (ready or unacknowledged) at once, for the report (F1). */
  backlogPeak = 0;
  /** When the queue last became empty after holding messages (µs); -1 if it never held any. */
  drainedAtUs = -1;
  /** basic.get requests answered empty (I3: the cost of polling). */
  emptyGets = 0;
  /** How long each dispatched message waited in the queue (µs), for the report (I3). */
  readonly waitedUs: number[] = [];
  /** Long polls held until a message comes or their wait ends (I3). */
  private longPolls: { consumer: string; timer: SimEvent }[] = [];
  private getLabel = -1;

  constructor(
    sim: Sim,
    id: string,
    private readonly net: Network<Wire>,
    private readonly cfg: BrokerConfig,
  ) {
    super(sim, id);
    this.syncLabel = sim.label('broker.sync');
    this.store = this.disk.log<StoreEntry>(`msg_store/${cfg.queueName}`);
    this.flusher = new Flusher(this, this.store, { kind: 'none' }, cfg.fsyncLatencyUs, (upTo) =>
      this.synced(upTo),
    );
    net.attach(this, (from, w) => this.receive(from, w));
    this.boot();
  }

  private boot(): void {
    this.session = this.incarnation;
    this.flusher.start();
    this.armSync();
  }

  private armSync(): void {
    this.syncTimer = this.timer(this.cfg.syncIntervalUs, this.syncLabel, () => {
      this.writeBatch();
      this.armSync();
    });
  }

  /** The batched write: buffered records go to the page cache, then one fsync covers them. */
  private writeBatch(): void {
    if (this.pendingWrites.length === 0) return;
    const batch = this.pendingWrites;
    this.pendingWrites = [];
    const ids: MsgId[] = [];
    for (const e of batch) {
      this.store.append(e);
      if (e.op === 'pub') ids.push(e.m.id);
    }
    this.sim.rec.note('write', this.id, ids, { records: batch.length });
    this.flusher.fsync();
  }

  private trackDurable(): void {
    if (this.store.synced < this.durableUpTo) {
      this.durable.clear();
      this.durableUpTo = 0;
    }
    for (let i = this.durableUpTo; i < this.store.synced; i++) {
      const e = this.store.entries[i];
      if (e?.op === 'pub') this.durable.add(e.m.id);
      else if (e?.op === 'del') this.durable.delete(e.id);
    }
    this.durableUpTo = this.store.synced;
  }

  private synced(upTo: number): void {
    this.trackDurable();
    const done: PendingConfirm[] = [];
    const rest: PendingConfirm[] = [];
    for (const p of this.pendingConfirms) (p.storeIndex < upTo ? done : rest).push(p);
    this.pendingConfirms = rest;
    this.sim.rec.note(
      'fsync',
      this.id,
      done.map((p) => p.msg),
      { syncedRecords: upTo },
    );
    for (const p of done) this.confirm(p.to, p.msg, p.tag, true, true);
  }

  /** `afterFsync`: a persistent message, confirmed only once the disk write was fsynced. */
  private confirm(to: SimNode, msg: MsgId, tag: number, ok: boolean, afterFsync = false): void {
    this.sim.rec.note(
      'confirm-sent',
      this.id,
      [msg],
      { ok, to: to.id },
      undefined,
      afterFsync ? 'rabbit.confirm-after-fsync' : undefined,
    );
    this.net.send(this, to, { type: 'confirm', msgs: [msg], ack: true, tag, ok });
  }

  private receive(from: SimNode, w: Wire): void {
    switch (w.type) {
      case 'connect':
        this.publishers.set(from.id, { node: from, inc: from.incarnation });
        this.net.send(this, from, { type: 'connect-ok', session: this.session });
        return;
      case 'publish':
        if (w.session !== this.session) {
          // Sent on a connection to an earlier life of this broker: the TCP stack answers with a
          // reset and the frame is discarded.
          this.sim.rec.note(
            'drop',
            this.id,
            [w.m.id],
            { reason: 'stale-connection' },
            undefined,
            'net.receiver-down',
            linksOf(['fault', this.stopId]),
          );
          this.net.send(this, from, { type: 'close', incarnation: this.incarnation });
          return;
        }
        this.publish(from, w.m, w.tag, w.confirm);
        return;
      case 'consume':
        this.subscribe(from, w.prefetch, w.autoAck, w.pull === true);
        return;
      case 'get':
        if (w.session === this.session) this.get(from, w.waitUs);
        return;
      case 'cancel': {
        const ch = this.channels.get(from.id);
        if (!ch || w.session !== this.session || ch.inc !== from.incarnation) return;
        ch.cancelled = true;
        this.rr = this.pushed();
        this.dispatch();
        return;
      }
      case 'ack':
        this.ack(from, w.deliveryTag, w.channel, w.session);
        return;
      case 'heartbeat': {
        const ch = this.channels.get(from.id);
        const pub = this.publishers.get(from.id);
        const alive =
          w.session === this.session &&
          ((ch !== undefined && ch.inc === from.incarnation) ||
            (pub !== undefined && pub.inc === from.incarnation));
        this.net.send(
          this,
          from,
          alive ? { type: 'heartbeat-ok', session: this.session } : { type: 'heartbeat-fail' },
        );
        return;
      }
      case 'close': {
        const ch = this.channels.get(from.id);
        if (ch && ch.inc < w.incarnation)
          this.closeChannel(from.id, 'connection-closed', w.cause ?? lastStopOf(this.sim, from.id));
        const pub = this.publishers.get(from.id);
        if (pub && pub.inc < w.incarnation) this.publishers.delete(from.id);
        return;
      }
      case 'confirm':
      case 'connect-ok':
      case 'consume-ok':
      case 'deliver':
      case 'heartbeat-ok':
      case 'heartbeat-fail':
      case 'call':
      case 'call-ok':
      case 'get-empty':
        return; // client-bound (or service-bound) messages; a broker never receives them
      default: {
        const never: never = w;
        throw new Error(`broker: unknown message ${JSON.stringify(never)}`);
      }
    }
  }

  private publish(from: SimNode, m: AppMessage, tag: number, confirm: boolean): void {
    const persistent = m.persistent && this.cfg.durable;
    const q: QMsg = {
      m,
      enqAt: this.sim.now,
      enqSeq: this.enqSeq++,
      redelivered: false,
      persistent,
    };
    this.ready.push(q);
    this.backlogPeak = Math.max(this.backlogPeak, this.depth());
    this.sim.rec.note('enqueue', this.id, [m.id], { queue: this.cfg.queueName, persistent });
    if (persistent) {
      const storeIndex = this.store.length + this.pendingWrites.length;
      this.pendingWrites.push({ op: 'pub', m });
      if (confirm) this.pendingConfirms.push({ to: from, tag, msg: m.id, storeIndex });
    } else if (confirm) {
      // RabbitMQ confirms a transient message once it is enqueued: there is nothing to persist.
      this.confirm(from, m.id, tag, true);
    }
    this.dispatch();
  }

  private subscribe(from: SimNode, prefetch: number, autoAck: boolean, pull = false): void {
    // A consumer that subscribes again from a new life is a new connection: the old channel's
    // unacknowledged deliveries go back to the queue.
    if (this.channels.has(from.id))
      this.closeChannel(from.id, 'replaced-by-new-connection', lastStopOf(this.sim, from.id));
    this.channels.set(from.id, {
      node: from,
      inc: from.incarnation,
      prefetch,
      autoAck,
      unacked: new Map(),
      nextTag: 1,
      id: ++this.channelSeq,
      pull,
    });
    this.rr = this.pushed();
    this.net.send(this, from, { type: 'consume-ok', session: this.session });
    this.dispatch();
  }

  /** The consumer's channel is gone (`fault`: its crash): unacked deliveries are requeued. */
  private closeChannel(consumer: string, reason: string, fault?: number): void {
    const ch = this.channels.get(consumer);
    if (!ch) return;
    this.channels.delete(consumer);
    this.rr = this.pushed();
    for (const h of this.longPolls) if (h.consumer === consumer) this.sim.cancel(h.timer);
    this.longPolls = this.longPolls.filter((h) => h.consumer !== consumer);
    if (ch.unacked.size === 0) return;
    const back = [...ch.unacked.values()];
    for (const q of back) q.redelivered = true;
    this.sim.rec.note(
      'requeue',
      this.id,
      back.map((q) => q.m.id),
      { reason, consumer },
      fault,
      'rabbit.requeue',
      linksOf(['fault', fault]),
    );
    // Requeued messages return to their original positions (RabbitMQ does this where it can).
    this.ready = mergeBySeq(
      this.ready,
      back.sort((a, b) => a.enqSeq - b.enqSeq),
    );
    this.dispatch();
  }

  private ack(from: SimNode, deliveryTag: number, channel: number, session: number): void {
    const ch = this.channels.get(from.id);
    if (!ch || session !== this.session || ch.inc !== from.incarnation || ch.id !== channel) return; // stale channel
    const q = ch.unacked.get(deliveryTag);
    if (!q) return;
    ch.unacked.delete(deliveryTag);
    this.forget(q, 'ack');
    this.dispatch();
  }

  /** The broker is done with a message: it is removed from memory, and from the store later. */
  private forget(q: QMsg, reason: 'ack' | 'auto-ack'): void {
    this.sim.rec.note('remove', this.id, [q.m.id], { reason });
    if (this.depth() === 0) this.drainedAtUs = this.sim.now;
    if (q.persistent) this.pendingWrites.push({ op: 'del', id: q.m.id });
  }

  /** Channels messages are pushed to (basic.consume), in subscription order. */
  private pushed(): string[] {
    const out: string[] = [];
    for (const [id, ch] of this.channels) if (!ch.pull && !ch.cancelled) out.push(id);
    return out;
  }

  /**
   * basic.get from a pulling consumer: the oldest ready message, else `get-empty` at once, or
   * with `waitUs` (long polling) once a message arrives or the wait is over.
   */
  private get(from: SimNode, waitUs: number): void {
    const ch = this.channels.get(from.id);
    if (!ch || !ch.pull || ch.inc !== from.incarnation) return;
    const q = this.ready.shift();
    if (q) {
      this.deliver(ch, q);
      return;
    }
    if (waitUs <= 0) {
      this.emptyGets++;
      this.net.send(this, from, { type: 'get-empty', session: this.session });
      return;
    }
    if (this.getLabel < 0) this.getLabel = this.sim.label('broker.long-poll');
    const h = {
      consumer: from.id,
      timer: this.timer(waitUs, this.getLabel, () => {
        this.longPolls = this.longPolls.filter((x) => x !== h);
        this.emptyGets++;
        this.net.send(this, from, { type: 'get-empty', session: this.session });
      }),
    };
    this.longPolls.push(h);
  }

  private dispatch(): void {
    // Long polls waiting for a message are answered first, oldest first.
    while (this.longPolls.length > 0 && this.ready.length > 0) {
      const h = this.longPolls.shift() as { consumer: string; timer: SimEvent };
      this.sim.cancel(h.timer);
      const ch = this.channels.get(h.consumer);
      if (ch) this.deliver(ch, this.ready.shift() as QMsg);
    }
    if (this.rr.length === 0) return;
    while (this.ready.length > 0) {
      const ch = this.nextWithCredit();
      if (!ch) return;
      this.deliver(ch, this.ready.shift() as QMsg);
    }
  }

  /** Sends one message on a channel (pushed, or the answer to a basic.get). */
  private deliver(ch: Channel, q: QMsg): void {
    const deliveryTag = ch.nextTag++;
    this.sim.rec.note('dispatch', this.id, [q.m.id], {
      consumer: ch.node.id,
      redelivered: q.redelivered,
      autoAck: ch.autoAck,
    });
    if (ch.autoAck) this.forget(q, 'auto-ack');
    else ch.unacked.set(deliveryTag, q);
    this.net.send(this, ch.node, {
      type: 'deliver',
      msgs: [q.m.id],
      carry: true,
      m: q.m,
      deliveryTag,
      channel: ch.id,
      redelivered: q.redelivered,
      session: this.session,
    });
    this.waitedUs.push(this.sim.now - q.enqAt);
  }

  /** Messages the queue holds now: ready, and delivered but not yet acknowledged. */
  depth(): number {
    let n = this.ready.length;
    for (const ch of this.channels.values()) n += ch.unacked.size;
    return n;
  }

  /** Round-robin over channels that still have prefetch credit (`basic.qos`). */
  private nextWithCredit(): Channel | undefined {
    // A single active consumer: the first subscribed one only (the queue's order is one thread's).
    const n = this.cfg.singleActive ? Math.min(1, this.rr.length) : this.rr.length;
    for (let i = 0; i < n; i++) {
      const id = this.rr[(this.rrNext + i) % n] as string;
      const ch = this.channels.get(id);
      if (ch && (ch.autoAck || ch.prefetch === 0 || ch.unacked.size < ch.prefetch)) {
        this.rrNext = (this.rrNext + i + 1) % n;
        return ch;
      }
    }
    return undefined;
  }

  /** Which message ids the store would bring back on restart: `pub` records without a `del`. */
  private recoverable(): AppMessage[] {
    const deleted = new Set<MsgId>();
    for (const e of this.store.entries) if (e.op === 'del') deleted.add(e.id);
    const out: AppMessage[] = [];
    const seen = new Set<MsgId>();
    for (const e of this.store.entries) {
      if (e.op === 'pub' && !deleted.has(e.m.id) && !seen.has(e.m.id)) {
        seen.add(e.m.id);
        out.push(e.m);
      }
    }
    return out;
  }

  /** Whether the last stop was a power loss (the machine is off, not just the process). */
  private poweredOff = false;

  /** A client's TCP connect: refused while the process is down and the machine up. */
  refusesConnections(): boolean {
    return this.status === 'crashed' && !this.poweredOff;
  }

  /** The journal entry of the last crash or power loss. */
  private stopId = -1;
  /** At the last stop: the ready messages, and the delivered unacknowledged ones. */
  private readyAtStop = new Set<MsgId>();
  private unackedAtStop = new Set<MsgId>();

  protected override onStop(journalId: number, powerLoss: boolean): void {
    this.poweredOff = powerLoss;
    this.stopId = journalId;
    if (this.status === 'crashed' && this.channels.size + this.ready.length > 0) {
      this.readyAtStop = new Set(this.ready.map((q) => q.m.id));
      this.unackedAtStop = new Set(
        [...this.channels.values()].flatMap((ch) => [...ch.unacked.values()].map((q) => q.m.id)),
      );
    }
    const survivors = new Set(this.cfg.durable ? this.recoverable().map((m) => m.id) : []);
    const lostPages = new Set<MsgId>();
    for (const e of (this.disk.lastPowerLoss.get(this.store.name) ?? []) as StoreEntry[]) {
      if (e.op === 'pub') lostPages.add(e.m.id);
    }
    const candidates: AppMessage[] = this.ready.map((q) => q.m);
    for (const ch of this.channels.values())
      for (const q of ch.unacked.values()) candidates.push(q.m);
    // A power loss while the process was already down takes stored messages that memory no
    // longer lists; they are candidates too.
    if (powerLoss) {
      for (const e of (this.disk.lastPowerLoss.get(this.store.name) ?? []) as StoreEntry[]) {
        if (e.op === 'pub') candidates.push(e.m);
      }
    }
    const byReason = new Map<string, MsgId[]>();
    const seen = new Set<MsgId>();
    for (const m of candidates) {
      if (survivors.has(m.id) || seen.has(m.id)) continue;
      seen.add(m.id);
      const reason = !this.cfg.durable
        ? 'queue-deleted'
        : !m.persistent
          ? 'crash-transient'
          : powerLoss && lostPages.has(m.id)
            ? 'power-loss-unsynced'
            : 'crash-unwritten';
      const list = byReason.get(reason) ?? [];
      list.push(m.id);
      byReason.set(reason, list);
    }
    for (const [reason, ids] of byReason) {
      this.sim.rec.note(
        'drop',
        this.id,
        ids,
        { reason, queue: this.cfg.queueName },
        journalId,
        STOP_MECH[reason],
        linksOf(['fault', journalId]),
      );
    }
    if (!powerLoss) {
      // The process died but its operating system did not: every TCP connection gets closed.
      for (const ch of this.channels.values()) {
        this.net.send(this, ch.node, { type: 'close', incarnation: this.incarnation });
      }
      for (const p of this.publishers.values()) {
        this.net.send(this, p.node, { type: 'close', incarnation: this.incarnation });
      }
    }
    this.ready = [];
    this.channels.clear();
    this.publishers.clear();
    this.rr = [];
    this.longPolls = [];
    this.pendingWrites = [];
    this.pendingConfirms = [];
    this.flusher.stop();
    this.sim.cancel(this.syncTimer);
  }

  protected override onRestart(journalId: number): void {
    this.poweredOff = false;
    if (this.cfg.durable) {
      const back = this.recoverable();
      // RabbitMQ marks recovered messages as possibly delivered before (`redelivered`).
      this.ready = back.map((m) => ({
        m,
        enqAt: this.sim.now,
        enqSeq: this.enqSeq++,
        redelivered: true,
        persistent: true,
      }));
      noteRecovered(
        this.sim,
        this.id,
        this.cfg.queueName,
        back.map((m) => m.id),
        {
          ready: this.readyAtStop,
          unacked: this.unackedAtStop,
          stop: this.stopId,
          restart: journalId,
        },
      );
      this.readyAtStop = new Set();
      this.unackedAtStop = new Set();
    } else {
      this.store.truncate(0);
    }
    this.boot();
  }

  /** Where the broker holds each message at this moment (memory if up, the store if down). */
  held(into: Map<MsgId, HeldState>, where?: Map<MsgId, HeldWhere>): void {
    const stored: HeldWhere = { place: 'broker', node: this.id };
    if (this.status === 'crashed') {
      if (this.cfg.durable)
        for (const m of this.recoverable()) {
          into.set(m.id, 'stored');
          where?.set(m.id, stored);
        }
      return;
    }
    for (const q of this.ready) {
      into.set(q.m.id, 'stored');
      where?.set(q.m.id, stored);
    }
    // Delivered and not acknowledged: the consumer has it (or had it, if it crashed).
    for (const ch of this.channels.values())
      for (const q of ch.unacked.values()) {
        into.set(q.m.id, 'in-flight');
        where?.set(q.m.id, { place: 'consumer', node: ch.node.id });
      }
  }

  /** The queue's messages for drawing, oldest first: unacked ones, then ready ones. */
  entriesView(cap: number): import('../../view').EntryView[] {
    this.trackDurable();
    const synced = this.durable;
    const out: import('../../view').EntryView[] = [];
    for (const ch of this.channels.values()) {
      for (const q of ch.unacked.values())
        out.push({ msg: q.m.id, key: q.m.key, state: 'unacked', flushed: synced.has(q.m.id) });
    }
    for (const q of this.ready) {
      if (out.length >= cap) break;
      out.push({ msg: q.m.id, key: q.m.key, state: 'ready', flushed: synced.has(q.m.id) });
    }
    return out.slice(0, cap);
  }

  view(): BrokerView {
    return {
      id: this.id,
      status: this.status,
      ready: this.ready.map((q) => q.m.id),
      unacked: [...this.channels.values()].map((ch) => ({
        consumer: ch.node.id,
        msgs: [...ch.unacked.values()].map((q) => q.m.id),
      })),
      storeLength: this.store.length,
      storeSynced: this.store.synced,
      pendingWrites: this.pendingWrites.length,
    };
  }
}

function mergeBySeq(a: QMsg[], b: QMsg[]): QMsg[] {
  const out: QMsg[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x.enqSeq <= y.enqSeq)) {
      out.push(x as QMsg);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}
