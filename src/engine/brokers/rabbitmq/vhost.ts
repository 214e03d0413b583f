/**
 * One virtual host: its exchanges, bindings and queues, and what a publish does to them, as a
 * pure step that returns events. It joins `routing.ts` (where a message goes) to `queue.ts` (what
 * a queue does with it) and follows dead letters through their exchange to their next queues.
 * The simulator's nodes and the real-broker conformance suite both drive it.
 */
import {
  AmqpQueue,
  type DeadLetter,
  type Delivery,
  type Dropped,
  type QueueArgs,
  type QueueInput,
} from './queue';
import {
  route,
  topology,
  type BindingDef,
  type ExchangeDef,
  type RouteResult,
  type Topology,
} from './routing';

/** What happened inside the vhost, in order. */
export type VHostEvent =
  | { kind: 'route'; exchange: string; routingKeys: string[]; result: RouteResult; msg: QueueInput }
  | { kind: 'enqueue'; queue: string; msg: QueueInput }
  | { kind: 'reject-publish'; queue: string; dropped: Dropped }
  | { kind: 'deliver'; queue: string; delivery: Delivery }
  | { kind: 'drop'; queue: string; dropped: Dropped }
  | { kind: 'dead-letter'; from: string; to: string[]; dead: DeadLetter }
  /** The queue lives on another node: the caller sends it there. */
  | { kind: 'forward'; queue: string; msg: QueueInput };

export interface QueueDecl {
  name: string;
  args: QueueArgs;
}

export class VHost {
  readonly topology: Topology;
  readonly queues = new Map<string, AmqpQueue>();
  /** Which queues this copy of the vhost runs itself (a cluster node hosts only some). */
  hosts: (queue: string) => boolean = () => true;
  /** Called before a hosted queue takes a message, so the caller can stamp a replication id. */
  stamp: (queue: string, msg: QueueInput) => QueueInput = (_q, m) => m;
  /** Queues deleted with their bindings (auto-delete): routing skips them, as if unbound. */
  gone: (queue: string) => boolean = () => false;

  constructor(
    readonly name: string,
    exchanges: readonly ExchangeDef[],
    bindings: readonly BindingDef[],
    queues: readonly QueueDecl[],
  ) {
    this.topology = topology(
      exchanges,
      bindings,
      queues.map((q) => q.name),
    );
    for (const q of queues) this.queues.set(q.name, new AmqpQueue(q.name, q.args));
  }

  /** Where a publish would go (no state change): the queues it would reach. */
  routeOf(
    exchange: string,
    routingKeys: readonly string[],
    headers?: QueueInput['headers'],
  ): string[] {
    const out: string[] = [];
    for (const rk of routingKeys) {
      for (const q of route(this.topology, exchange, rk, headers).queues)
        if (!out.includes(q) && !this.gone(q)) out.push(q);
    }
    return out;
  }

  /** The queues a publish would reach had `gone` queues not been deleted. */
  goneOf(exchange: string, routingKey: string, headers?: QueueInput['headers']): string[] {
    return route(this.topology, exchange, routingKey, headers).queues.filter((q) => this.gone(q));
  }

  /**
   * Publishes one message. `only` restricts it to some of the routed queues (a clustered node
   * enqueues locally only the queues it hosts). Returns the events, whether every queue took it
   * (false when an `x-overflow` reject refused it: the publisher gets a nack), and the queues.
   */
  publish(
    exchange: string,
    routingKey: string,
    input: Omit<QueueInput, 'exchange' | 'routingKeys'>,
    now: number,
    ttlScale = 1,
    only?: (queue: string) => boolean,
  ): { events: VHostEvent[]; accepted: boolean; queues: string[] } {
    const msg: QueueInput = { ...input, exchange, routingKeys: [routingKey] };
    const routed = route(this.topology, exchange, routingKey, input.headers);
    const result = routed.queues.some((q) => this.gone(q))
      ? { ...routed, queues: routed.queues.filter((q) => !this.gone(q)) }
      : routed;
    const events: VHostEvent[] = [
      { kind: 'route', exchange, routingKeys: [routingKey], result, msg },
    ];
    let accepted = true;
    for (const q of result.queues) {
      if (only && !only(q)) continue;
      if (!this.enqueue(q, msg, now, ttlScale, events)) accepted = false;
    }
    return { events, accepted, queues: result.queues };
  }

  /** Enqueues into one queue, following any dead letters. False when the queue refused it. */
  enqueue(
    q: string,
    msg: QueueInput,
    now: number,
    ttlScale: number,
    events: VHostEvent[],
  ): boolean {
    const queue = this.queues.get(q);
    if (!queue) return false;
    if (!this.hosts(q)) {
      events.push({ kind: 'forward', queue: q, msg });
      return true;
    }
    const stamped = this.stamp(q, msg);
    const r = queue.publish(stamped, now, ttlScale);
    if (r.accepted) events.push({ kind: 'enqueue', queue: q, msg: stamped });
    for (const d of r.deliveries) events.push({ kind: 'deliver', queue: q, delivery: d });
    this.settle(q, r.dropped, now, ttlScale, events);
    return r.accepted;
  }

  /** Records drops of queue `q` and routes their dead letters onward. */
  settle(
    q: string,
    dropped: readonly Dropped[],
    now: number,
    ttlScale: number,
    events: VHostEvent[],
  ): void {
    for (const d of dropped) {
      events.push(
        d.reason === 'reject-publish'
          ? { kind: 'reject-publish', queue: q, dropped: d }
          : { kind: 'drop', queue: q, dropped: d },
      );
      if (d.deadLetter) this.deadLetter(q, d.deadLetter, now, ttlScale, events);
    }
  }

  private deadLetter(
    from: string,
    dl: DeadLetter,
    now: number,
    ttlScale: number,
    events: VHostEvent[],
  ): void {
    const targets = this.routeOf(dl.exchange, dl.routingKeys, dl.msg.headers).filter(
      (t) => !isCycle(t, dl.msg),
    );
    events.push({ kind: 'dead-letter', from, to: targets, dead: dl });
    for (const t of targets) this.enqueue(t, dl.msg, now, ttlScale, events);
  }

  /** Dispatches every queue (or one) to its consumers. */
  dispatch(now: number, ttlScale = 1, only?: string): VHostEvent[] {
    const events: VHostEvent[] = [];
    for (const [name, q] of this.queues) {
      if (only !== undefined && name !== only) continue;
      const r = q.dispatch(now);
      for (const d of r.deliveries) events.push({ kind: 'deliver', queue: name, delivery: d });
      this.settle(name, r.dropped, now, ttlScale, events);
    }
    return events;
  }
}

/**
 * RabbitMQ drops a dead letter that would return to a queue it already died in when the cycle is
 * fully automatic (`rabbit_dead_letter:is_cycle`, 3.10): the x-death entries from the newest
 * (this death) up to and including the latest one of the target queue must hold no `rejected`.
 * A rejection anywhere else does not count, and a message rejected just now never cycles.
 */
function isCycle(queue: string, m: QueueInput): boolean {
  const deaths = m.xDeath ?? [];
  const i = deaths.findIndex((d) => d.queue === queue);
  if (i < 0) return false;
  return deaths.slice(0, i + 1).every((d) => d.reason !== 'rejected');
}
