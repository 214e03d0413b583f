/**
 * The network between nodes. Each directed link has a latency distribution (jitter is its
 * spread), a loss probability, and can be cut (one way or both). Links are FIFO, like the TCP
 * connections brokers use: jitter never lets a later message overtake an earlier one on the same
 * link. Targeted faults (drop, duplicate or delay the next matching message) are armed per link.
 *
 * A message is lost, with a journal entry saying why, when: its link is cut at send time or while
 * it is in flight; the loss draw hits; a targeted fault drops it; or the receiver is down (or has
 * restarted since the message was sent: the connection it was sent on is gone).
 */
import type { CauseLink, MechanismId, MsgId } from '../check/history';
import { sample, type Dist, type Rng } from './prng';
import type { EventHandler, Sim, SimEvent, SimNode } from './sim';
import type { Micros } from './time';

export interface NetMessage {
  /** Protocol message type, e.g. `publish`, `confirm`, `deliver`. */
  type: string;
  /** Application messages it carries, for the journal. */
  msgs?: readonly MsgId[];
  /** True for acknowledgements of any kind: what the "lose the next ack" fault matches. */
  ack?: boolean;
  /** True when it carries the application message itself (a publish, a delivery). */
  carry?: boolean;
}

export interface LinkSpec {
  latency: Dist;
  /** Probability that any one message is lost, in [0, 1]. */
  lossRate: number;
}

export type NetFaultKind = 'drop' | 'duplicate' | 'delay';

export interface ArmedFault {
  kind: NetFaultKind;
  from: string;
  to: string;
  /** `ack` matches acknowledgements, `any` every message, anything else a message type. */
  match: string;
  remaining: number;
  delayUs: Micros;
  journalId: number;
}

type Handler<M> = (from: SimNode, m: M) => void;

/** A message on the wire, as drawing needs it. */
export interface Flight {
  from: string;
  to: string;
  type: string;
  msgs: readonly MsgId[];
  ack: boolean;
  sentAt: Micros;
  arriveAt: Micros;
}

/** The fault-injection surface of a network, independent of its message type. */
export interface NetFaults {
  partition(a: string, b: string, oneWay: boolean, cause?: number): number;
  split(sideA: readonly string[], sideB: readonly string[], cause?: number): number;
  heal(a?: string, b?: string, cause?: number): number;
  arm(
    kind: NetFaultKind,
    from: string,
    to: string,
    match: string,
    count?: number,
    delayUs?: Micros,
    cause?: number,
  ): number;
  isCut(from: string, to: string): boolean;
}

interface Link {
  spec: LinkSpec;
  /** Latest scheduled delivery time: FIFO order is kept by never delivering before it. */
  lastAt: Micros;
}

/** Protocol messages that answer a producer's publish (AMQP confirms, Kafka produce responses). */
const PRODUCER_ANSWERS: ReadonlySet<string> = new Set([
  'confirm',
  'nack',
  'produce-response',
  'tx-commit-ok',
  'send-result',
]);

export class Network<M extends NetMessage> implements NetFaults, EventHandler {
  private readonly handlers = new Map<SimNode, Handler<M>>();
  private readonly links = new Map<string, Link>();
  private readonly cut = new Set<string>();
  /** Which partition or split journal entry cut each directed link (for cause links). */
  private readonly cutBy = new Map<string, number>();
  private readonly faults: ArmedFault[] = [];
  /** Copies of application messages on the wire right now, for end-of-run accounting. */
  private readonly carried = new Map<MsgId, number>();
  /**
   * Every message on the wire, for drawing; off by default (the CLI and benchmarks do not draw).
   * Tracking draws no randomness and schedules nothing, so it never changes a run.
   */
  trackTraffic = false;
  private readonly traffic = new Map<number, Flight>();
  private trafficSeq = 0;
  private readonly rng: Rng;
  private readonly deliverLabel: number;

  constructor(
    private readonly sim: Sim,
    private readonly defaults: LinkSpec,
  ) {
    this.rng = sim.streams.get('network');
    this.deliverLabel = sim.label('net.deliver');
  }

  attach(node: SimNode, handler: Handler<M>): void {
    this.handlers.set(node, handler);
  }

  /** Overrides one direction of a link. */
  setLink(from: string, to: string, spec: LinkSpec): void {
    this.link(from, to).spec = spec;
  }

  /** Hot-path lookup by node object, so sending a message builds no strings. */
  private readonly byNode = new Map<SimNode, Map<SimNode, Link>>();

  private linkOf(from: SimNode, to: SimNode): Link {
    let m = this.byNode.get(from);
    if (!m) {
      m = new Map();
      this.byNode.set(from, m);
    }
    let l = m.get(to);
    if (!l) {
      l = this.link(from.id, to.id);
      m.set(to, l);
    }
    return l;
  }

  /** True when `from -> to` is cut; free when nothing is cut, the common case. */
  private blocked(from: SimNode, to: SimNode): boolean {
    return this.cut.size > 0 && this.cut.has(`${from.id}>${to.id}`);
  }

  private link(from: string, to: string): Link {
    const k = `${from}>${to}`;
    let l = this.links.get(k);
    if (!l) {
      l = { spec: this.defaults, lastAt: 0 };
      this.links.set(k, l);
    }
    return l;
  }

  isCut(from: string, to: string): boolean {
    return this.cut.has(`${from}>${to}`);
  }

  /** Cuts `a -> b`, and `b -> a` too unless `oneWay`. */
  partition(a: string, b: string, oneWay: boolean, cause?: number): number {
    const id = this.sim.rec.note(
      'partition',
      `${a}${oneWay ? '->' : '<->'}${b}`,
      undefined,
      { oneWay },
      cause,
    );
    this.cutBy.set(`${a}>${b}`, id);
    if (!oneWay) this.cutBy.set(`${b}>${a}`, id);
    this.cut.add(`${a}>${b}`);
    if (!oneWay) this.cut.add(`${b}>${a}`);
    return id;
  }

  /** Cuts every link between the two sides, both ways. */
  split(sideA: readonly string[], sideB: readonly string[], cause?: number): number {
    const id = this.sim.rec.note(
      'partition',
      `[${sideA.join(',')}]|[${sideB.join(',')}]`,
      undefined,
      { split: true },
      cause,
    );
    for (const a of sideA) {
      for (const b of sideB) {
        this.cut.add(`${a}>${b}`);
        this.cut.add(`${b}>${a}`);
        this.cutBy.set(`${a}>${b}`, id);
        this.cutBy.set(`${b}>${a}`, id);
      }
    }
    return id;
  }

  /** Heals `a <-> b`, or every cut when called without nodes. */
  heal(a?: string, b?: string, cause?: number): number {
    if (a === undefined || b === undefined) {
      this.cut.clear();
      return this.sim.rec.note('heal', '*', undefined, undefined, cause);
    }
    this.cut.delete(`${a}>${b}`);
    this.cut.delete(`${b}>${a}`);
    return this.sim.rec.note('heal', `${a}<->${b}`, undefined, undefined, cause);
  }

  /** Arms a targeted fault on `from -> to` for the next `count` matching messages. */
  arm(
    kind: NetFaultKind,
    from: string,
    to: string,
    match: string,
    count = 1,
    delayUs: Micros = 0,
    cause?: number,
  ): number {
    const journalId = this.sim.rec.note(
      'fault-armed',
      `${from}->${to}`,
      undefined,
      { kind, match, count },
      cause,
    );
    this.faults.push({ kind, from, to, match, remaining: count, delayUs, journalId });
    return journalId;
  }

  private takeFault(from: string, to: string, m: M): ArmedFault | undefined {
    for (let i = 0; i < this.faults.length; i++) {
      const f = this.faults[i] as ArmedFault;
      if (f.from !== from || f.to !== to) continue;
      if (f.match === 'ack' ? m.ack !== true : f.match !== 'any' && f.match !== m.type) continue;
      f.remaining--;
      if (f.remaining <= 0) this.faults.splice(i, 1);
      return f;
    }
    return undefined;
  }

  /**
   * Journals a lost packet with its mechanism: a lost acknowledgement leaves the sender unsure
   * (`net.ack-dropped`); a lost message-carrying packet is `net.message-dropped`, or
   * `net.receiver-down` when the receiver had stopped. The link points at what cut it: the
   * partition, the armed fault, or the receiver's crash.
   */
  private drop(from: SimNode, to: SimNode, m: M, reason: string, cause?: number): void {
    let cutId: number | undefined;
    if (reason === 'partition') cutId = this.cutBy.get(`${from.id}>${to.id}`);
    else if (reason === 'fault') cutId = cause;
    const links: CauseLink[] = [];
    if (cutId !== undefined) links.push({ role: 'network', id: cutId });
    if (reason === 'receiver-down' && to.lastStopId >= 0) {
      links.push({ role: 'fault', id: to.lastStopId });
    }
    const carries = m.msgs !== undefined && m.msgs.length > 0;
    const mech: MechanismId | undefined = !carries
      ? undefined
      : m.ack === true
        ? // Only an answer to the producer leaves it unsure; a consumer's ack or a broker's
          // internal acknowledgement is linked by the mechanism it causes (a requeue...).
          PRODUCER_ANSWERS.has(m.type)
          ? 'net.ack-dropped'
          : undefined
        : reason === 'receiver-down'
          ? 'net.receiver-down'
          : 'net.message-dropped';
    this.sim.rec.note(
      'net-drop',
      `${from.id}->${to.id}`,
      m.msgs,
      { reason, type: m.type, ack: m.ack === true },
      cause,
      mech,
      links,
    );
  }

  /** Messages on the wire now (only when `trackTraffic` is on). */
  flights(): Flight[] {
    return [...this.traffic.values()];
  }

  /** Directed links that are cut now. */
  cuts(): { from: string; to: string }[] {
    return [...this.cut].map((k) => {
      const [from = '', to = ''] = k.split('>');
      return { from, to };
    });
  }

  /** Application messages that are on the wire at this moment. */
  inFlight(): ReadonlySet<MsgId> {
    return new Set(this.carried.keys());
  }

  /** Sends `m` from `from` to `to`. Delivery calls the receiver's handler, or records a drop. */
  send(from: SimNode, to: SimNode, m: M): void {
    if (this.faults.length > 0) {
      const f = this.takeFault(from.id, to.id, m);
      if (f) {
        if (f.kind === 'drop') {
          this.drop(from, to, m, 'fault', f.journalId);
          return;
        }
        if (f.kind === 'duplicate') {
          this.sim.rec.note(
            'net-duplicate',
            `${from.id}->${to.id}`,
            m.msgs,
            { type: m.type },
            f.journalId,
            m.msgs !== undefined && m.msgs.length > 0 && m.ack !== true
              ? 'net.duplicated'
              : undefined,
            [{ role: 'network', id: f.journalId }],
          );
          this.transmit(from, to, m, 0);
          this.transmit(from, to, m, 0);
          return;
        }
        this.sim.rec.note(
          'net-delay',
          `${from.id}->${to.id}`,
          m.msgs,
          { type: m.type, delayUs: f.delayUs },
          f.journalId,
        );
        this.transmit(from, to, m, f.delayUs);
        return;
      }
    }
    this.transmit(from, to, m, 0);
  }

  private transmit(from: SimNode, to: SimNode, m: M, extraUs: Micros): void {
    if (this.blocked(from, to)) {
      this.drop(from, to, m, 'partition');
      return;
    }
    const link = this.linkOf(from, to);
    if (link.spec.lossRate > 0 && this.rng.chance(link.spec.lossRate)) {
      this.drop(from, to, m, 'loss');
      return;
    }
    const sim = this.sim;
    let at = sim.now + sample(this.rng, link.spec.latency) + extraUs;
    if (at < link.lastAt) at = link.lastAt;
    link.lastAt = at;
    const toInc = to.incarnation;
    const carried = m.carry === true ? m.msgs : undefined;
    const tid = this.trackTraffic ? this.trafficSeq++ : -1;
    if (tid >= 0) {
      this.traffic.set(tid, {
        from: from.id,
        to: to.id,
        type: m.type,
        msgs: m.msgs ?? [],
        ack: m.ack === true,
        sentAt: sim.now,
        arriveAt: at,
      });
    }
    if (carried) for (const id of carried) this.carried.set(id, (this.carried.get(id) ?? 0) + 1);
    // Owned by no node: a delivery to a crashed or restarted receiver must be seen and
    // journalled as a drop, not silently cancelled. A paused receiver is handled in `fire`.
    // Posted as data (sender, receiver, message, the receiver's incarnation, the flight id):
    // no closure per packet.
    sim.postAt(at, this.deliverLabel, this, 0, from, to, m, toInc, tid);
  }

  /** Delivers one packet posted by `transmit`. */
  fire(ev: SimEvent): void {
    const from = ev.a as SimNode;
    const to = ev.b as SimNode;
    const m = ev.c as M;
    const toInc = ev.x;
    const tid = ev.y;
    if (to.status === 'paused' && to.incarnation === toInc) {
      // The bytes wait in the socket buffer until the process runs again.
      this.sim.hold(ev, to);
      return;
    }
    if (tid >= 0) this.traffic.delete(tid);
    const carried = m.carry === true ? m.msgs : undefined;
    if (carried) {
      for (const id of carried) {
        const n = (this.carried.get(id) ?? 1) - 1;
        if (n <= 0) this.carried.delete(id);
        else this.carried.set(id, n);
      }
    }
    if (this.blocked(from, to)) {
      this.drop(from, to, m, 'partition');
      return;
    }
    if (to.status === 'crashed' || to.incarnation !== toInc) {
      this.drop(from, to, m, 'receiver-down');
      return;
    }
    const h = this.handlers.get(to);
    if (h) h(from, m);
  }
}
