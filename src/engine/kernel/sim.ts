/**
 * The simulation: a virtual clock, the event queue, seeded streams, the recorder, and the nodes.
 * Everything that happens in a run is an event fired from here, one at a time, in (time, seq)
 * order; so the same scenario and seed replay exactly, in Node, in a Worker or in a test.
 */
import { EventQueue, type IndexedEvent } from './queue';
import { Streams } from './prng';
import { TraceHash } from './hash';
import { Recorder } from './recorder';
import type { Micros } from './time';
import { Disk } from './storage';

/**
 * A component that handles posted events (`Sim.post`): the event is data (an op code and up to
 * three operands) and the component dispatches on the op, so posting allocates no closure.
 */
export interface EventHandler {
  fire(ev: SimEvent): void;
}

/**
 * One queued event. Scheduled events (`schedule`) run `fn`; posted events (`post`) call
 * `handler.fire(ev)` with `op`, `a`, `b`, `c`, `x` and `y` as operands, and their records are pooled:
 * once fired (or skipped) the record is reused, so a handler must not keep it (except through
 * `Sim.hold`).
 */
export interface SimEvent extends IndexedEvent {
  label: number;
  fn: (() => void) | null;
  handler: EventHandler | null;
  op: number;
  a: unknown;
  b: unknown;
  c: unknown;
  x: number;
  y: number;
  /** When set, the event belongs to this node's current incarnation: a crash cancels it. */
  owner: SimNode | null;
  inc: number;
  cancelled: boolean;
  /** Posted (pooled) record; `held` keeps it out of the pool while a paused node holds it. */
  pooled: boolean;
  held: boolean;
}

export type NodeStatus = 'up' | 'crashed' | 'paused';

export class Sim {
  now: Micros = 0;
  readonly streams: Streams;
  readonly hash = new TraceHash();
  readonly rec: Recorder;
  readonly nodes: SimNode[] = [];
  private readonly byId = new Map<string, SimNode>();
  private readonly q = new EventQueue<SimEvent>();
  private seq = 0;
  /** Engine events fired so far (cancelled and deferred ones are not counted). */
  eventsFired = 0;
  private readonly labelNames: string[] = [];
  private readonly labelIds = new Map<string, number>();
  /** Fired posted records, ready for reuse. */
  private readonly pool: SimEvent[] = [];

  /** @param record keep the history and journal (the checker needs them); false only hashes. */
  constructor(seed: number, record = true) {
    this.streams = new Streams(seed >>> 0);
    this.rec = new Recorder(this.hash, this, record);
  }

  /** Interns an event label; components call this once and pass the id on the hot path. */
  label(name: string): number {
    let id = this.labelIds.get(name);
    if (id === undefined) {
      id = this.labelNames.length;
      this.labelNames.push(name);
      this.labelIds.set(name, id);
    }
    return id;
  }

  labelName(id: number): string {
    return this.labelNames[id] ?? `#${id}`;
  }

  addNode(node: SimNode): void {
    if (this.byId.has(node.id)) throw new Error(`duplicate node id ${node.id}`);
    this.byId.set(node.id, node);
    this.nodes.push(node);
  }

  node(id: string): SimNode | undefined {
    return this.byId.get(id);
  }

  schedule(delayUs: Micros, label: number, fn: () => void, owner: SimNode | null = null): SimEvent {
    return this.scheduleAt(this.now + Math.max(0, Math.round(delayUs)), label, fn, owner);
  }

  scheduleAt(at: Micros, label: number, fn: () => void, owner: SimNode | null = null): SimEvent {
    const ev = this.blank();
    ev.at = Math.max(at, this.now);
    ev.seq = this.seq++;
    ev.label = label;
    ev.fn = fn;
    ev.owner = owner;
    ev.inc = owner ? owner.incarnation : 0;
    this.q.push(ev);
    return ev;
  }

  /** A new event record with every field present, so all records share one shape. */
  private blank(): SimEvent {
    return {
      at: 0,
      seq: 0,
      hi: -1,
      label: 0,
      fn: null,
      handler: null,
      op: 0,
      a: null,
      b: null,
      c: null,
      x: 0,
      y: 0,
      owner: null,
      inc: 0,
      cancelled: false,
      pooled: false,
      held: false,
    };
  }

  /**
   * Posts an event as data: after `delayUs`, `handler.fire(ev)` runs with `ev.op`, `ev.a` and
   * `ev.b` as given (`postAt` takes three object and two number operands). Ordered, counted and
   * hashed exactly like `schedule`, but the record comes from a pool and no closure is made: this
   * is the hot path's way to schedule. An `owner`'s crash skips it and its pause defers it, as for
   * timers. The returned record may be cancelled (`cancel`) until it fires or is skipped; after
   * that it is reused, so a holder must forget it by then (a handler drops its reference in
   * `fire`, and an owner drops its references when it stops).
   */
  post(
    delayUs: Micros,
    label: number,
    handler: EventHandler,
    op: number,
    a: unknown = null,
    b: unknown = null,
    owner: SimNode | null = null,
  ): SimEvent {
    const at = this.now + Math.max(0, Math.round(delayUs));
    return this.postAt(at, label, handler, op, a, b, null, 0, 0, owner);
  }

  /** `post` at an absolute time (clamped to now), with up to five operands. */
  postAt(
    at: Micros,
    label: number,
    handler: EventHandler,
    op: number,
    a: unknown = null,
    b: unknown = null,
    c: unknown = null,
    x = 0,
    y = 0,
    owner: SimNode | null = null,
  ): SimEvent {
    const ev = this.pool.pop() ?? this.blank();
    ev.at = Math.max(at, this.now);
    ev.seq = this.seq++;
    ev.label = label;
    ev.handler = handler;
    ev.op = op;
    ev.a = a;
    ev.b = b;
    ev.c = c;
    ev.x = x;
    ev.y = y;
    ev.owner = owner;
    ev.inc = owner ? owner.incarnation : 0;
    ev.pooled = true;
    ev.held = false;
    this.q.push(ev);
    return ev;
  }

  /**
   * Keeps the posted event being fired out of the pool and parks it on `node` (a paused
   * receiver): it is re-queued when the node resumes or stops, like a paused node's timers.
   */
  hold(ev: SimEvent, node: SimNode): void {
    ev.held = true;
    node.deferred.push(ev);
  }

  private release(ev: SimEvent): void {
    ev.a = null;
    ev.b = null;
    ev.c = null;
    ev.handler = null;
    ev.owner = null;
    this.pool.push(ev);
  }

  /** Re-queues an event that waited on a paused node, keeping its place relative to its peers. */
  requeue(ev: SimEvent): void {
    ev.at = this.now;
    ev.seq = this.seq++;
    this.q.push(ev);
  }

  /**
   * Cancels an event: it never fires. A queued one leaves the queue at once (a model may cancel
   * far more timers than ever fire); one parked on a paused node is skipped when it comes back.
   */
  cancel(ev: SimEvent | null | undefined): void {
    if (!ev) return;
    ev.cancelled = true;
    this.q.remove(ev);
  }

  get pending(): number {
    return this.q.size;
  }

  /** Time of the next live event, or undefined when the queue is empty. */
  peekTime(): Micros | undefined {
    return this.q.peek()?.at;
  }

  /**
   * Fires the next event whose time is at most `limit`. Returns false when there is none.
   * Skipped (cancelled, stale or deferred) events do not count as a step.
   */
  step(limit: Micros = Number.MAX_SAFE_INTEGER): boolean {
    for (;;) {
      const top = this.q.peek();
      if (!top || top.at > limit) return false;
      this.q.pop();
      if (top.cancelled) continue;
      const owner = top.owner;
      if (owner) {
        if (owner.incarnation !== top.inc) {
          if (top.pooled) this.release(top);
          continue;
        }
        if (owner.status === 'paused') {
          owner.deferred.push(top);
          continue;
        }
      }
      this.now = top.at;
      this.eventsFired++;
      this.hash.mixInt(top.at);
      this.hash.mixInt(top.label);
      if (top.fn !== null) top.fn();
      else {
        top.held = false;
        (top.handler as EventHandler).fire(top);
        if (!top.held) this.release(top);
      }
      return true;
    }
  }

  /** Fires every event up to and including `until`, then sets the clock to `until`. */
  runUntil(until: Micros): void {
    while (this.step(until)) {
      /* keep going */
    }
    if (until > this.now) this.now = until;
  }
}

/**
 * A process on a machine: a broker, a producer or a consumer. Its lifecycle faults are the
 * kernel's; what a crash forgets and what a restart recovers is the model's, through the hooks.
 */
export class SimNode implements EventHandler {
  status: NodeStatus = 'up';
  /** Bumped on crash and on restart: events scheduled by an earlier life never fire. */
  incarnation = 0;
  readonly deferred: SimEvent[] = [];
  readonly disk = new Disk();
  /** Journal id of this node's last crash, power loss or pause: what a drop at it links to. */
  lastStopId = -1;
  private resumeEvent: SimEvent | null = null;
  private readonly resumeLabel: number;

  constructor(
    readonly sim: Sim,
    readonly id: string,
  ) {
    this.resumeLabel = sim.label('node.resume');
    sim.addNode(this);
  }

  get up(): boolean {
    return this.status === 'up';
  }

  /** A timer of this node's current life; crash cancels it, pause delays it. */
  timer(delayUs: Micros, label: number, fn: () => void): SimEvent {
    return this.sim.schedule(delayUs, label, fn, this);
  }

  /**
   * A closure-free timer of this node's current life (see `Sim.post`): after `delayUs`, this
   * node's `fire(ev)` runs with `ev.op`, `ev.a` and `ev.b`. Crash skips it, pause delays it. The
   * record may be cancelled until it fires (see `Sim.post`).
   */
  after(
    delayUs: Micros,
    label: number,
    op: number,
    a: unknown = null,
    b: unknown = null,
  ): SimEvent {
    return this.sim.post(delayUs, label, this, op, a, b, this);
  }

  /** Handles this node's `after` timers; a node that posts overrides it and switches on `op`. */
  fire(ev: SimEvent): void {
    throw new Error(`${this.id} posted op ${ev.op} but handles no posted events`);
  }

  /** Process crash: memory is lost, the OS page cache survives. Returns the journal id. */
  crash(cause?: number): number {
    return this.stop('crash', cause);
  }

  /** Power loss: memory and the page cache are lost; only fsynced data survives. */
  powerLoss(cause?: number): number {
    return this.stop('power-loss', cause);
  }

  private stop(kind: 'crash' | 'power-loss', cause?: number): number {
    if (this.status === 'crashed') {
      if (kind === 'crash')
        return this.sim.rec.note(kind, this.id, undefined, { noop: true }, cause);
      // Power lost while the process was already down: the page cache still goes.
      const lost = this.disk.powerLoss();
      const id = this.sim.rec.note(
        kind,
        this.id,
        undefined,
        { unsyncedEntriesLost: lost, processWasDown: true },
        cause,
      );
      this.onStop(id, true);
      return id;
    }
    const lostPages = kind === 'power-loss' ? this.disk.powerLoss() : 0;
    const id = this.sim.rec.note(
      kind,
      this.id,
      undefined,
      kind === 'power-loss' ? { unsyncedEntriesLost: lostPages } : undefined,
      cause,
    );
    this.lastStopId = id;
    this.status = 'crashed';
    this.incarnation++;
    // Events that waited on the pause fire now: the node's own timers are stale and skip, and
    // network deliveries see a crashed receiver and are journalled as drops.
    for (const ev of this.deferred.splice(0)) this.sim.requeue(ev);
    this.sim.cancel(this.resumeEvent);
    this.resumeEvent = null;
    this.onStop(id, kind === 'power-loss');
    return id;
  }

  restart(cause?: number): number {
    if (this.status !== 'crashed') {
      return this.sim.rec.note('restart', this.id, undefined, { noop: true }, cause);
    }
    const id = this.sim.rec.note('restart', this.id, undefined, undefined, cause);
    this.status = 'up';
    this.incarnation++;
    this.onRestart(id);
    return id;
  }

  /** A stall (a long GC, a frozen VM): nothing runs, messages and timers wait, memory is kept. */
  pause(durationUs: Micros, cause?: number): number {
    if (this.status !== 'up') {
      return this.sim.rec.note('pause', this.id, undefined, { noop: true }, cause);
    }
    const id = this.sim.rec.note('pause', this.id, undefined, { durationUs }, cause);
    this.lastStopId = id;
    this.status = 'paused';
    // The resume event is owned by no node: it must fire while this one is paused.
    this.resumeEvent = this.sim.schedule(durationUs, this.resumeLabel, () => this.resume(id));
    return id;
  }

  resume(cause?: number): void {
    if (this.status !== 'paused') return;
    this.sim.cancel(this.resumeEvent);
    this.resumeEvent = null;
    this.status = 'up';
    this.sim.rec.note('resume', this.id, undefined, undefined, cause);
    const waiting = this.deferred.splice(0);
    for (const ev of waiting) this.sim.requeue(ev);
  }

  /** Model hook: forget what lived in memory. `powerLoss` says whether the page cache went too. */
  protected onStop(_journalId: number, _powerLoss: boolean): void {}

  /** Model hook: recover from disk after a restart. */
  protected onRestart(_journalId: number): void {}
}
