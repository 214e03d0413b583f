/**
 * A forwarding consumer (curriculum F1, the notes' emergency fix for a backlog of millions): a
 * consumer of the backlogged queue that does no work on a message, only publishes it to one of
 * several new queues and then acks it, so the backlog moves out at the speed of a copy and is
 * processed by as many consumers as the new queues allow. Its costs come out of the mechanism:
 * a message forwarded and not yet acked when the forwarder dies is delivered to it again and
 * forwarded twice (at-least-once); and when the new queues are picked round robin, two messages
 * of one key land in two queues with two consumers, so per-key order is gone.
 */
import type { MsgId } from '../../check/history';
import type { Network } from '../../kernel/network';
import type { SimNode } from '../../kernel/sim';
import type { Micros } from '../../kernel/time';
import { Connection } from '../amqp/connection';
import type { AppMessage, Wire } from './protocol';
import { laneOfKey, type WorkerDispatch } from './workers';

/**
 * What the forwarders and the consumers of the new queues share for the journal (the model's
 * bookkeeping, not any process's memory): each message's forwards, and per key the latest message
 * the new queues' consumers processed. A consumer of a new queue that processes a message already
 * processed, or a key's message after a later one, journals the forwarder's act that caused it.
 */
export class ForwardBook {
  /** Per message: the journal entries of its forwards, in order, and the forwarder's stops. */
  private readonly forwards = new Map<MsgId, { entries: number[]; fault?: number }>();
  private readonly processed = new Set<MsgId>();
  private readonly done = new Map<string, { seq: number; queue: string }>();

  /** A forwarder forwarded `id` (journal entry `entry`); `fault` is its last crash, if any. */
  forwarded(id: MsgId, entry: number, fault: number | undefined): void {
    const f = this.forwards.get(id);
    if (!f) this.forwards.set(id, { entries: [entry] });
    else {
      f.entries.push(entry);
      if (fault !== undefined) f.fault = fault;
    }
  }

  /** How many times `id` was forwarded so far. */
  forwardCount(id: MsgId): number {
    return this.forwards.get(id)?.entries.length ?? 0;
  }

  /**
   * A consumer of new queue `queue` processed `m`. Returns why it is a repeat (the message was
   * forwarded more than once and processed before) or out of order (a later message of its key
   * came through another queue first), or null.
   */
  processedBy(
    queue: string,
    m: AppMessage,
  ):
    | { kind: 'repeat'; earlier: number; again: number; fault: number | undefined }
    | { kind: 'reorder'; ahead: string }
    | null {
    const first = !this.processed.has(m.id);
    this.processed.add(m.id);
    const f = this.forwards.get(m.id);
    if (!first && f && f.entries.length > 1)
      return {
        kind: 'repeat',
        earlier: f.entries[0] as number,
        again: f.entries[f.entries.length - 1] as number,
        fault: f.fault,
      };
    const prev = this.done.get(m.key);
    if (prev && prev.seq > m.seq)
      return prev.queue === queue ? null : { kind: 'reorder', ahead: prev.queue };
    this.done.set(m.key, { seq: m.seq, queue });
    return null;
  }
}

/** The new queues a forwarder publishes to, and how it picks one for a message. */
export interface ForwardSpec {
  targets: readonly SimNode[];
  dispatch: WorkerDispatch;
  book: ForwardBook;
  heartbeatUs: Micros;
  reconnectDelayUs: Micros;
}

/** The forwarder's publishing side: one AMQP connection per new queue. */
export class ForwardLinks {
  private readonly conns: Connection<Wire>[];
  private rr = 0;
  private tag = 1;
  private onAllOpen: (() => void) | null = null;

  constructor(
    node: SimNode,
    net: Network<Wire>,
    private readonly spec: ForwardSpec,
  ) {
    this.conns = spec.targets.map(
      (t) =>
        new Connection<Wire>(node, net, () => t, {
          heartbeatUs: spec.heartbeatUs,
          reconnectDelayUs: spec.reconnectDelayUs,
          labelPrefix: 'client',
          open: () => ({ type: 'connect' }),
          onOpen: () => this.opened(),
          onClosed: () => undefined,
        }),
    );
  }

  /** Connects to every new queue; `then` runs once all are open (the forwarder starts consuming). */
  connect(then: () => void): void {
    this.onAllOpen = then;
    for (const c of this.conns) c.connect();
  }

  private opened(): void {
    if (!this.conns.every((c) => c.state === 'open')) return;
    const f = this.onAllOpen;
    this.onAllOpen = null;
    f?.();
  }

  /** Frames from one of the new queues; false for anything else (the source queue's frames). */
  handle(from: SimNode, w: Wire): boolean {
    const c = this.conns.find((x) => x.broker === from);
    if (!c) return false;
    c.handle(from, w);
    return true;
  }

  /**
   * Publishes `m` to the queue its dispatch picks (a plain basic.publish, no confirm: the
   * forwarder acks the source once it has sent). Returns the queue's index.
   */
  forward(m: AppMessage): number {
    const n = this.conns.length;
    let i: number;
    switch (this.spec.dispatch) {
      case 'round-robin':
        i = this.rr;
        this.rr = (this.rr + 1) % n;
        break;
      case 'by-key':
        i = laneOfKey(m.key, n);
        break;
      default: {
        const never: never = this.spec.dispatch;
        throw new Error(`unknown dispatch ${String(never)}`);
      }
    }
    const c = this.conns[i] as Connection<Wire>;
    c.send({
      type: 'publish',
      msgs: [m.id],
      carry: true,
      m,
      tag: this.tag++,
      confirm: false,
      session: c.session,
    });
    return i;
  }

  /** The shared bookkeeping of forwards. */
  get book(): ForwardBook {
    return this.spec.book;
  }

  /** The id of the queue node at `i`. */
  targetId(i: number): string {
    return (this.spec.targets[i] as SimNode).id;
  }

  /** The forwarder died: its connections are gone. */
  reset(): void {
    for (const c of this.conns) c.reset();
    this.onAllOpen = null;
  }
}
