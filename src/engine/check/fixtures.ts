/**
 * A builder for hand-made RunRecords, for checker tests and for anyone who needs a small history
 * without running a broker model. Every call records at the builder's clock and then advances it
 * by 1 ms, so histories are in time order unless a test sets the clock with `at`.
 */
import type {
  CauseLink,
  HeldState,
  HistoryOp,
  JournalEntry,
  JournalKind,
  MechanismId,
  MsgId,
  ProducerResult,
  RunRecord,
} from './history';
import { fromMs, type Micros } from '../kernel/time';

type Data = Readonly<Record<string, string | number | boolean>>;

/** Builds a RunRecord step by step; see the module comment. */
export class RunBuilder {
  readonly history: HistoryOp[] = [];
  readonly journal: JournalEntry[] = [];
  private readonly heldBy = new Map<string, Map<MsgId, HeldState>>();
  private readonly nextSeq = new Map<string, number>();
  private readonly firstSend = new Map<
    MsgId,
    { producer: string; key: string | null; seq: number }
  >();
  /** The builder's clock, in microseconds. */
  now: Micros = 0;

  constructor(readonly groups: readonly string[] = ['g']) {}

  /** Sets the clock to `ms` milliseconds. */
  at(ms: number): this {
    this.now = fromMs(ms);
    return this;
  }

  private tick(): Micros {
    const at = this.now;
    this.now += 1000;
    return at;
  }

  private get group0(): string {
    return this.groups[0] ?? 'g';
  }

  /**
   * Records a send. The first send of a message gets the next seq of its (producer, key); later
   * sends of the same message are retries with the same seq and the next attempt number.
   */
  send(msg: MsgId, producer = 'p1', key: string | null = 'k'): this {
    const first = this.firstSend.get(msg);
    let seq: number;
    let attempt = 0;
    if (first) {
      seq = first.seq;
      attempt = this.history.filter((o) => o.type === 'send' && o.msg === msg).length;
    } else {
      const k = `${producer}\u0000${key ?? ''}`;
      seq = this.nextSeq.get(k) ?? 0;
      this.nextSeq.set(k, seq + 1);
      this.firstSend.set(msg, { producer, key, seq });
    }
    this.history.push({ type: 'send', at: this.tick(), msg, producer, key, seq, attempt });
    return this;
  }

  /** Records the producer's outcome for `msg`. `definite` defaults to true except for timeouts. */
  outcome(msg: MsgId, result: ProducerResult, definite?: boolean, error?: string): this {
    const producer = this.firstSend.get(msg)?.producer ?? 'p1';
    const op: HistoryOp = {
      type: 'outcome',
      at: this.tick(),
      msg,
      producer,
      result,
      definite: definite ?? result !== 'timeout',
    };
    if (error !== undefined) op.error = error;
    this.history.push(op);
    return this;
  }

  /** Records a delivery to `consumer` in `group` (the first group by default). */
  deliver(msg: MsgId, consumer = 'c1', group = this.group0, redelivered = false): this {
    this.history.push({ type: 'deliver', at: this.tick(), msg, consumer, group, redelivered });
    return this;
  }

  /** Records an effect; `applied: false` means the sink absorbed a repeat. */
  effect(msg: MsgId, consumer = 'c1', group = this.group0, applied = true): this {
    this.history.push({ type: 'effect', at: this.tick(), msg, consumer, group, applied });
    return this;
  }

  /** Records a RabbitMQ-style ack. */
  commit(msg: MsgId, consumer = 'c1', group = this.group0): this {
    this.history.push({ type: 'commit', at: this.tick(), msg, consumer, group, how: 'ack' });
    return this;
  }

  /** Adds a journal entry and returns its id (ids are positions, as the Recorder does). */
  note(
    kind: JournalKind,
    node: string,
    msgs?: readonly MsgId[],
    data?: Data,
    cause?: number,
    mech?: MechanismId,
    links?: readonly CauseLink[],
  ): number {
    const id = this.journal.length;
    const e: JournalEntry = { id, at: this.tick(), kind, node };
    if (msgs && msgs.length > 0) e.msgs = msgs;
    if (data) e.data = data;
    if (cause !== undefined) e.cause = cause;
    if (mech !== undefined) e.mech = mech;
    if (links && links.length > 0) e.links = links;
    this.journal.push(e);
    return id;
  }

  /** Marks `msg` as still held by `group` at the end of the run. */
  hold(msg: MsgId, state: HeldState, group = this.group0): this {
    let g = this.heldBy.get(group);
    if (!g) {
      g = new Map();
      this.heldBy.set(group, g);
    }
    g.set(msg, state);
    return this;
  }

  /** A publish the broker stored and confirmed: send, publish, enqueue, write, fsync, confirm. */
  published(msg: MsgId, producer = 'p1', key: string | null = 'k', broker = 'broker-1'): this {
    this.send(msg, producer, key);
    this.note('publish', producer, [msg]);
    this.note('enqueue', broker, [msg]);
    this.note('write', broker, [msg]);
    this.note('fsync', broker, [msg]);
    this.note('confirm-sent', broker, [msg]);
    this.note('confirm-received', producer, [msg]);
    return this.outcome(msg, 'ack');
  }

  /** A clean consumption: dispatch, deliver, process, effect, ack, remove. */
  consumed(msg: MsgId, consumer = 'c1', group = this.group0, broker = 'broker-1'): this {
    this.note('dispatch', broker, [msg]);
    this.deliver(msg, consumer, group);
    this.note('receive', consumer, [msg]);
    this.note('process', consumer, [msg]);
    this.effect(msg, consumer, group);
    this.note('ack-sent', consumer, [msg]);
    this.commit(msg, consumer, group);
    this.note('remove', broker, [msg]);
    return this;
  }

  /** The record so far; `endAt` is the builder's clock. */
  build(): RunRecord {
    return {
      history: this.history,
      journal: this.journal,
      groups: this.groups,
      held: this.heldBy,
      endAt: this.now,
    };
  }
}
