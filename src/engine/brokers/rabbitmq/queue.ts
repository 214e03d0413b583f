/**
 * One AMQP queue as RabbitMQ 3.10 runs it, as a pure state machine: ready and unacknowledged
 * messages, consumers with `basic.qos` prefetch and round-robin dispatch, `basic.get`, ack, nack
 * and reject with requeue to the original position, `x-message-ttl` / per-message `expiration`
 * (expired only at the head of the queue), `x-max-length` / `x-max-length-bytes` with every
 * `x-overflow` mode, dead-lettering with `x-death`, `x-single-active-consumer`, and the quorum
 * queues' `delivery-limit`. Time is passed in (same unit as the TTLs given), so the simulator and
 * the conformance suite drive it alike.
 *
 * Sources (rabbitmq-server 3.10): `rabbit_amqqueue_process` (`will_overflow`, `maybe_drop_head`,
 * `deliver_or_enqueue`, `drop_expired_msgs`), `rabbit_queue_consumers` (round robin, blocked
 * consumers go to the back when unblocked), `rabbit_dead_letter` (`x-death`), docs ttl.md,
 * maxlength.md, dlx.md, consumers.md.
 */
import type { MsgId } from '../../check/history';
import type { HeaderValue, Headers } from './routing';

/** `x-overflow`: what a full queue does (RabbitMQ's default is `drop-head`). */
export type Overflow = 'drop-head' | 'reject-publish' | 'reject-publish-dlx';

/** Queue arguments that change queue behaviour, under their RabbitMQ names in the scenario. */
export interface QueueArgs {
  /** `x-message-ttl`, in the caller's time unit. */
  messageTtl?: number;
  /** `x-max-length`: ready messages only. */
  maxLength?: number;
  /** `x-max-length-bytes`: body bytes of ready messages. */
  maxLengthBytes?: number;
  overflow: Overflow;
  /** `x-dead-letter-exchange`. */
  deadLetterExchange?: string;
  /** `x-dead-letter-routing-key`; without it the message keeps its routing keys. */
  deadLetterRoutingKey?: string;
  /** `x-single-active-consumer`. */
  singleActiveConsumer: boolean;
  /** Quorum queues' `x-delivery-limit` (`delivery-limit` policy). */
  deliveryLimit?: number;
}

/** Why a queue let go of a message; also the `x-death` reason when it is dead-lettered. */
export type DeathReason = 'expired' | 'maxlen' | 'rejected' | 'delivery_limit';

/** One `x-death` entry (most recent first in the header, as RabbitMQ orders it). */
export interface XDeath {
  count: number;
  reason: DeathReason;
  queue: string;
  exchange: string;
  'routing-keys': string[];
  /**
   * When it first died in this queue for this reason, in the caller's time unit (the broker
   * writes a timestamp in seconds); a later death of the same kind only increments `count`.
   */
  time: number;
  /**
   * The message's `expiration` property when it died, for any reason (RabbitMQ removes the
   * property from the dead letter and keeps it only here).
   */
  'original-expiration'?: string;
}

/** A message as a queue holds it. */
export interface QMessage {
  id: MsgId;
  /** Queue-local position: unique per enqueue, requeued messages go back to it. */
  seq: number;
  exchange: string;
  routingKeys: string[];
  headers: Headers;
  bodyBytes: number;
  /** Per-message `expiration` property (milliseconds as a string on the wire). */
  expiration?: string;
  /** Absolute expiry time, or null when no TTL applies. */
  expiresAt: number | null;
  redelivered: boolean;
  /** Returns to the queue so far (quorum queues' `x-delivery-count`). */
  deliveryCount: number;
  persistent: boolean;
  xDeath: XDeath[];
  /** Replication id the leader gave it (mirrors and quorum members key their copies by it). */
  ref: number;
  /** The application message itself, opaque here (the simulator's body and bookkeeping). */
  payload?: unknown;
}

/** What a publisher hands a queue. */
export interface QueueInput {
  id: MsgId;
  exchange: string;
  routingKeys: string[];
  headers?: Headers;
  bodyBytes: number;
  expiration?: string;
  persistent: boolean;
  xDeath?: XDeath[];
  /** Replication id; the queue's position when given (a promoted mirror keeps the leader's order). */
  ref?: number;
  /** The application message itself, opaque here. */
  payload?: unknown;
}

/** A message that leaves the queue for the dead-letter exchange. */
export interface DeadLetter {
  exchange: string;
  routingKeys: string[];
  msg: QueueInput;
}

/** A message the queue let go of, and where it went. */
export interface Dropped {
  msg: QMessage;
  reason: DeathReason | 'reject-publish';
  /** Set when `x-dead-letter-exchange` catches it. */
  deadLetter?: DeadLetter;
}

/** A message handed to a consumer (or to `basic.get`). */
export interface Delivery {
  consumer: string;
  msg: QMessage;
  autoAck: boolean;
}

interface ConsumerState {
  tag: string;
  prefetch: number;
  autoAck: boolean;
  /** Unacknowledged deliveries by queue position. */
  unacked: Map<number, QMessage>;
}

/** The channel-side tag `basic.get` deliveries are tracked under. */
export const GET_TAG = '#get';

export class AmqpQueue {
  private ready: QMessage[] = [];
  private readyBytes = 0;
  private nextSeq = 0;
  /** The latest time any call gave the queue (for calls that are not given one). */
  private clock = 0;
  private readonly consumers = new Map<string, ConsumerState>();
  /** Round-robin order of consumers with credit (RabbitMQ's active consumer queue). */
  private active: string[] = [];
  /** Registration order, for single active consumer. */
  private registered: string[] = [];

  constructor(
    readonly name: string,
    readonly args: QueueArgs,
  ) {}

  /** Ready messages, head first. */
  get readyMessages(): readonly QMessage[] {
    return this.ready;
  }

  /** Unacknowledged messages of every consumer (and of `basic.get` with manual ack). */
  unackedMessages(): QMessage[] {
    const out: QMessage[] = [];
    for (const c of this.consumers.values()) for (const m of c.unacked.values()) out.push(m);
    return out;
  }

  unackedOf(tag: string): QMessage[] {
    return [...(this.consumers.get(tag)?.unacked.values() ?? [])];
  }

  get consumerCount(): number {
    return [...this.consumers.keys()].filter((k) => k !== GET_TAG).length;
  }

  /** Time of the next expiry at the head, for the caller's timer. */
  nextExpiry(): number | undefined {
    return this.ready[0]?.expiresAt ?? undefined;
  }

  private expiryOf(m: QueueInput, now: number, ttlScale: number): number | null {
    let ttl = this.args.messageTtl;
    if (m.expiration !== undefined) {
      const e = Number(m.expiration) * ttlScale;
      if (Number.isFinite(e) && e >= 0) ttl = ttl === undefined ? e : Math.min(ttl, e);
    }
    return ttl === undefined ? null : now + ttl;
  }

  /**
   * Publishes into the queue. `ttlScale` converts the message's `expiration` (milliseconds) into
   * the caller's time unit. Returns whether the queue accepted it (false: `reject-publish*`),
   * what it dropped, and any delivery made at once (a message that can go straight to a consumer
   * is never enqueued, which is why `x-message-ttl` 0 still reaches a waiting consumer).
   */
  publish(
    input: QueueInput,
    now: number,
    ttlScale = 1,
  ): { accepted: boolean; dropped: Dropped[]; deliveries: Delivery[] } {
    const dropped = this.expire(now);
    const seq = input.ref ?? this.nextSeq;
    this.nextSeq = Math.max(this.nextSeq, seq) + 1;
    const m: QMessage = {
      id: input.id,
      seq,
      ref: seq,
      exchange: input.exchange,
      routingKeys: input.routingKeys,
      headers: input.headers ?? {},
      bodyBytes: input.bodyBytes,
      expiresAt: this.expiryOf(input, now, ttlScale),
      redelivered: false,
      deliveryCount: 0,
      persistent: input.persistent,
      xDeath: input.xDeath ?? [],
    };
    if (input.expiration !== undefined) m.expiration = input.expiration;
    if (input.payload !== undefined) m.payload = input.payload;
    if (this.args.overflow !== 'drop-head' && this.willOverflow(m)) {
      const d: Dropped = { msg: m, reason: 'reject-publish' };
      if (this.args.overflow === 'reject-publish-dlx') {
        const dl = this.deadLetter(m, 'maxlen', now);
        if (dl) d.deadLetter = dl;
      }
      dropped.push(d);
      return { accepted: false, dropped, deliveries: [] };
    }
    const deliveries: Delivery[] = [];
    const direct = this.ready.length === 0 ? this.takeConsumer() : undefined;
    if (direct) deliveries.push(this.hand(direct, m));
    else {
      this.ready.push(m);
      this.readyBytes += m.bodyBytes;
      // A TTL of 0 means "deliver now or never".
      dropped.push(...this.expire(now));
      dropped.push(...this.dropHead(now));
    }
    return { accepted: true, dropped, deliveries };
  }

  private willOverflow(m: QMessage): boolean {
    const { maxLength, maxLengthBytes } = this.args;
    return (
      (maxLength !== undefined && this.ready.length + 1 > maxLength) ||
      (maxLengthBytes !== undefined && this.readyBytes + m.bodyBytes > maxLengthBytes)
    );
  }

  private dropHead(now: number): Dropped[] {
    const out: Dropped[] = [];
    const { maxLength, maxLengthBytes } = this.args;
    while (
      this.ready.length > 0 &&
      ((maxLength !== undefined && this.ready.length > maxLength) ||
        (maxLengthBytes !== undefined && this.readyBytes > maxLengthBytes))
    ) {
      const m = this.shift();
      out.push(this.drop(m, 'maxlen', now));
    }
    return out;
  }

  private shift(): QMessage {
    const m = this.ready.shift() as QMessage;
    this.readyBytes -= m.bodyBytes;
    return m;
  }

  private drop(m: QMessage, reason: DeathReason, now: number): Dropped {
    const d: Dropped = { msg: m, reason };
    const dl = this.deadLetter(m, reason, now);
    if (dl) d.deadLetter = dl;
    return d;
  }

  /**
   * Drops expired messages at the head only: RabbitMQ classic queues never scan behind the head,
   * so a short-lived message waits behind a long-lived one (ttl.md, "Caveats").
   */
  expire(now: number): Dropped[] {
    this.clock = Math.max(this.clock, now);
    const out: Dropped[] = [];
    for (;;) {
      const h = this.ready[0];
      if (!h || h.expiresAt === null || h.expiresAt > now) return out;
      out.push(this.drop(this.shift(), 'expired', now));
    }
  }

  /** The dead letter for `m`, with its `x-death` updated, or undefined without a DLX. */
  private deadLetter(m: QMessage, reason: DeathReason, now: number): DeadLetter | undefined {
    const dlx = this.args.deadLetterExchange;
    if (dlx === undefined) return undefined;
    const xDeath = m.xDeath.map((d) => ({ ...d, 'routing-keys': [...d['routing-keys']] }));
    // `update_x_death_header` first regroups two or more earlier entries by (queue, reason) with
    // a left fold that prepends, which reverses their order; the entry for this death then goes
    // first. (Seen on 3.10.8: [retry/expired, work/rejected] dying in work becomes
    // [work/expired, work/rejected, retry/expired].)
    if (xDeath.length >= 2) xDeath.reverse();
    const i = xDeath.findIndex((d) => d.queue === this.name && d.reason === reason);
    if (i >= 0) {
      const [old] = xDeath.splice(i, 1) as [XDeath];
      xDeath.unshift({ ...old, count: old.count + 1 });
    } else {
      const entry: XDeath = {
        count: 1,
        reason,
        queue: this.name,
        exchange: m.exchange,
        'routing-keys': [...m.routingKeys],
        time: now,
      };
      // Whatever the reason, a per-message TTL is kept here and removed from the properties
      // (`rabbit_dead_letter:make_msg`, `per_msg_ttl_header`), so a dead letter never expires
      // again by it in the next queue.
      if (m.expiration !== undefined) entry['original-expiration'] = m.expiration;
      xDeath.unshift(entry);
    }
    const headers: Record<string, HeaderValue> = { ...m.headers };
    headers['x-first-death-reason'] ??= reason;
    headers['x-first-death-queue'] ??= this.name;
    headers['x-first-death-exchange'] ??= m.exchange;
    const routingKeys =
      this.args.deadLetterRoutingKey !== undefined
        ? [this.args.deadLetterRoutingKey]
        : [...m.routingKeys];
    const msg: QueueInput = {
      id: m.id,
      exchange: dlx,
      routingKeys,
      headers,
      bodyBytes: m.bodyBytes,
      persistent: m.persistent,
      xDeath,
    };
    if (m.payload !== undefined) msg.payload = m.payload;
    return { exchange: dlx, routingKeys, msg };
  }

  /** `basic.consume`. */
  addConsumer(tag: string, prefetch: number, autoAck: boolean): void {
    this.consumers.set(tag, { tag, prefetch, autoAck, unacked: new Map() });
    this.registered.push(tag);
    this.active.push(tag);
  }

  /**
   * `basic.cancel`, or the channel closed: its unacknowledged messages go back to their original
   * positions, marked redelivered.
   */
  removeConsumer(tag: string, now = this.clock): { requeued: QMessage[]; dropped: Dropped[] } {
    const c = this.consumers.get(tag);
    if (!c) return { requeued: [], dropped: [] };
    this.consumers.delete(tag);
    this.active = this.active.filter((t) => t !== tag);
    this.registered = this.registered.filter((t) => t !== tag);
    const back = [...c.unacked.values()];
    return this.requeue(back, now);
  }

  private requeue(back: QMessage[], now: number): { requeued: QMessage[]; dropped: Dropped[] } {
    const requeued: QMessage[] = [];
    const dropped: Dropped[] = [];
    for (const m of back.sort((a, b) => a.seq - b.seq)) {
      m.redelivered = true;
      m.deliveryCount++;
      if (this.args.deliveryLimit !== undefined && m.deliveryCount > this.args.deliveryLimit) {
        dropped.push(this.drop(m, 'delivery_limit', now));
        continue;
      }
      requeued.push(m);
      // Back to its original position (RabbitMQ requeues by sequence id where it can).
      let i = this.ready.length;
      while (i > 0 && (this.ready[i - 1] as QMessage).seq > m.seq) i--;
      this.ready.splice(i, 0, m);
      this.readyBytes += m.bodyBytes;
    }
    return { requeued, dropped };
  }

  /** `basic.ack` of one delivery. Returns the message, or undefined for an unknown tag. */
  ack(tag: string, seq: number): QMessage | undefined {
    const c = this.consumers.get(tag);
    const m = c?.unacked.get(seq);
    if (!c || !m) return undefined;
    c.unacked.delete(seq);
    this.unblock(c);
    return m;
  }

  /**
   * `basic.nack` / `basic.reject` of one delivery. `now` (default: the latest time the queue
   * was given) stamps an `x-death` it writes.
   */
  reject(
    tag: string,
    seq: number,
    requeue: boolean,
    now = this.clock,
  ): { requeued: QMessage[]; dropped: Dropped[] } | undefined {
    const c = this.consumers.get(tag);
    const m = c?.unacked.get(seq);
    if (!c || !m) return undefined;
    c.unacked.delete(seq);
    this.unblock(c);
    if (requeue) return this.requeue([m], now);
    return { requeued: [], dropped: [this.drop(m, 'rejected', now)] };
  }

  private unblock(c: ConsumerState): void {
    // A consumer that was at its prefetch limit goes to the back of the line, as in RabbitMQ.
    if (!this.active.includes(c.tag) && c.tag !== GET_TAG) this.active.push(c.tag);
  }

  private hasCredit(c: ConsumerState): boolean {
    return c.autoAck || c.prefetch === 0 || c.unacked.size < c.prefetch;
  }

  /** The consumer that gets the next message, rotating it to the back; undefined if none can. */
  private takeConsumer(): ConsumerState | undefined {
    if (this.args.singleActiveConsumer) {
      const first = this.registered.find((t) => t !== GET_TAG);
      const c = first === undefined ? undefined : this.consumers.get(first);
      return c && this.hasCredit(c) ? c : undefined;
    }
    while (this.active.length > 0) {
      const tag = this.active.shift() as string;
      const c = this.consumers.get(tag);
      if (!c) continue;
      if (!this.hasCredit(c)) continue; // blocked: rejoins at the back when it acks
      this.active.push(tag);
      return c;
    }
    return undefined;
  }

  private hand(c: ConsumerState, m: QMessage): Delivery {
    if (!c.autoAck) c.unacked.set(m.seq, m);
    const d: Delivery = { consumer: c.tag, msg: m, autoAck: c.autoAck };
    if (!c.autoAck && !this.hasCredit(c)) this.active = this.active.filter((t) => t !== c.tag);
    return d;
  }

  /** Hands ready messages to consumers while any has credit. */
  dispatch(now: number): { deliveries: Delivery[]; dropped: Dropped[] } {
    const dropped = this.expire(now);
    const deliveries: Delivery[] = [];
    while (this.ready.length > 0) {
      const c = this.takeConsumer();
      if (!c) break;
      deliveries.push(this.hand(c, this.shift()));
      dropped.push(...this.expire(now));
    }
    return { deliveries, dropped };
  }

  /**
   * `basic.get`: the head message, or undefined when the queue is empty. `messageCount` is what
   * `basic.get-ok` reports: the ready messages left behind it (unacknowledged ones not counted).
   */
  get(
    now: number,
    autoAck: boolean,
  ): { delivery?: Delivery; dropped: Dropped[]; messageCount: number } {
    const dropped = this.expire(now);
    if (this.ready.length === 0) return { dropped, messageCount: 0 };
    const m = this.shift();
    if (!autoAck) {
      let c = this.consumers.get(GET_TAG);
      if (!c) {
        c = { tag: GET_TAG, prefetch: 0, autoAck: false, unacked: new Map() };
        this.consumers.set(GET_TAG, c);
      }
      c.unacked.set(m.seq, m);
    }
    return {
      delivery: { consumer: GET_TAG, msg: m, autoAck },
      dropped,
      messageCount: this.ready.length,
    };
  }

  /** Removes every message (queue deletion, or a transient queue on boot). */
  purgeAll(): QMessage[] {
    const out = [...this.ready, ...this.unackedMessages()];
    this.ready = [];
    this.readyBytes = 0;
    for (const c of this.consumers.values()) c.unacked.clear();
    return out;
  }

  /** Restores ready messages (recovery from disk, or a promoted mirror's copy). */
  restore(msgs: readonly QMessage[]): void {
    for (const m of msgs) {
      this.ready.push(m);
      this.readyBytes += m.bodyBytes;
      if (m.seq >= this.nextSeq) this.nextSeq = m.seq + 1;
    }
    this.ready.sort((a, b) => a.seq - b.seq);
  }
}
